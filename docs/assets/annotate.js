/* "Annotate this passage": enhancement only. On a source page, a reader
 * selects a passage of the text (mouse, touch or keyboard) and fills a small
 * form; the page writes the YAML entry for the source's annotation file, with
 * the quote exactly as the text stores it and `occurrence` when the passage
 * occurs more than once, by the engine's rules (hooks/dossier/anchor.py).
 * Then: copy the YAML, open the annotation file in the repository's web
 * editor, or open the "Suggest an annotation" issue form pre-filled. Nothing
 * is sent anywhere by the page itself.
 *
 * The page's block `.dx-annotate` (hooks/dossier/contribute.py) gives what the
 * page does not otherwise hold: where the shown text starts in the stored
 * file, where HTML parsing turned a stored carriage return into a line feed,
 * and the repository's addresses (the ids in use are the text's own). The lists every page shares
 * (note kinds, topics, subjects) are in one script of the site, written once
 * per build (assets/annotate-lists.js, at the block's data-lists address): it
 * is loaded when a page first needs it, and sets window.dossierAnnotateLists. */
(function (root) {
  "use strict";

  // -- the engine's rules (anchor.py), as pure functions -----------------------------------

  // Python's str.isspace(): the white space `\s` matches in Python (it differs from ECMA-262's).
  var SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  var SINGLE = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u2039\u203a";
  var DOUBLE = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033";

  function unify(ch) {
    if (SINGLE.indexOf(ch) !== -1) return "'";
    if (DOUBLE.indexOf(ch) !== -1) return '"';
    return ch;
  }

  /* The matching form of `text` and, for each of its characters, the index in
   * `text` it comes from: quotation marks unified, each run of white space one space. */
  function normalize(text) {
    var out = [];
    var from = [];
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (SPACE.test(ch)) {
        if (out.length && out[out.length - 1] === " " && SPACE.test(text.charAt(i - 1))) continue;
        out.push(" ");
      } else {
        out.push(unify(ch));
      }
      from.push(i);
    }
    return { text: out.join(""), from: from };
  }

  function isSpace(ch) {
    return SPACE.test(ch);
  }

  function codePoints(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff || i === 0 || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) n++;
    }
    return n;
  }

  /* The passage `body[selStart:selEnd]` (UTF-16 offsets into the shown text,
   * which starts at code point `bodyStart` of the stored text) as the engine
   * anchors it: white space trimmed, and which occurrence it is when its
   * matching form occurs more than once (matches may overlap, as in anchor.py). */
  function locate(body, bodyStart, selStart, selEnd) {
    var s = Math.max(0, Math.min(selStart, selEnd));
    var e = Math.min(body.length, Math.max(selStart, selEnd));
    while (s < e && isSpace(body.charAt(s))) s++;
    while (e > s && isSpace(body.charAt(e - 1))) e--;
    if (s >= e) return null;
    var quote = body.slice(s, e);
    var wanted = normalize(quote).text;
    var norm = normalize(body);
    var found = [];
    var position = 0;
    while ((position = norm.text.indexOf(wanted, position)) !== -1) {
      found.push(position);
      position += 1;
    }
    var index = -1;
    for (var k = 0; k < found.length; k++) {
      if (norm.from[found[k]] === s) index = k;
    }
    var start = bodyStart + codePoints(body.slice(0, s));
    return {
      quote: quote,
      start: start,
      end: start + codePoints(quote),
      count: found.length,
      occurrence: found.length > 1 ? index + 1 : null,
    };
  }

  // -- YAML ------------------------------------------------------------------------------

  var ESCAPES = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" };

  /* A YAML double-quoted scalar on one line, as hooks/dossier/quotes.py writes one. */
  function quoted(value) {
    var out = '"';
    for (var i = 0; i < value.length; i++) {
      var ch = value.charAt(i);
      var code = value.charCodeAt(i);
      if (ESCAPES[ch]) out += ESCAPES[ch];
      else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff) {
        out += "\\u" + ("000" + code.toString(16)).slice(-4);
      } else out += ch;
    }
    return out + '"';
  }

  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function slugify(text, taken) {
    var ascii = (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    var words = (ascii.match(/[a-z0-9]+/g) || ["annotation"]).slice(0, 5);
    var base = words.join("-");
    var name = base;
    for (var n = 2; taken.indexOf(name) !== -1; n++) name = base + "-" + n;
    return name;
  }

  /* The entry for the annotation file's `notes:` or `claims:`, indented as its items. */
  function entryYaml(kind, fields) {
    var lines = ["  - id: " + fields.id, "    quote: " + quoted(fields.quote)];
    if (fields.occurrence) lines.push("    occurrence: " + fields.occurrence);
    if (kind === "note") {
      lines.push("    kind: " + fields.kind);
      if (fields.original) lines.push("    original: " + quoted(fields.original));
      lines.push("    english: " + quoted(fields.english));
      lines.push("    explanation: " + quoted(fields.explanation));
    } else {
      lines.push("    claim: " + quoted(fields.claim));
      lines.push("    topics: [" + fields.topics.join(", ") + "]");
      if (fields.subject) lines.push("    subject: " + fields.subject);
      if (fields.value) lines.push("    value: " + (/^-?[0-9]+(\.[0-9]+)?$/.test(fields.value) ? fields.value : quoted(fields.value)));
      if (fields.unit) lines.push("    unit: " + quoted(fields.unit));
      if (fields.event_date) lines.push("    event_date: " + quoted(fields.event_date));
    }
    return lines.join("\n") + "\n";
  }

  var api = { locate: locate, normalize: normalize, entryYaml: entryYaml, quoted: quoted, slugify: slugify };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  root.dossierAnnotate = api;

  // -- the page --------------------------------------------------------------------------

  var EVENT_DATE = /^[0-9]{4}(?:-(?:H[12]|Q[1-4]|[0-9]{2}(?:-[0-9]{2})?))?$/;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  function numbers(value) {
    return value ? value.split(" ").map(Number) : [];
  }

  /* Elements that the reading script adds inside the text (annotation cards): not the article's text. */
  var ADDED = ".dx-card, .dx-margin";

  /* The article's text nodes inside `textEl`, in order, leaving out what scripts added. */
  function textNodes(textEl) {
    var walker = document.createTreeWalker(textEl, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(ADDED) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  /* The stored text as shown, and a map from positions in the page's text to it. */
  function shownText(textEl, block) {
    var crlf = numbers(block.getAttribute("data-crlf"));
    var cr = numbers(block.getAttribute("data-cr"));
    var dom = textNodes(textEl).map(function (n) { return n.data; }).join("");
    if (!crlf.length && !cr.length) return { body: dom, at: function (i) { return i; } };
    var parts = [];
    var last = 0;
    var shift = [];
    crlf.forEach(function (i) { shift.push(i); });
    var marks = crlf.map(function (i) { return [i, "\r\n"]; }).concat(cr.map(function (i) { return [i, "\r"]; }));
    marks.sort(function (a, b) { return a[0] - b[0]; });
    marks.forEach(function (m) {
      parts.push(dom.slice(last, m[0]), m[1]);
      last = m[0] + 1;
    });
    parts.push(dom.slice(last));
    return {
      body: parts.join(""),
      at: function (i) {
        var n = 0;
        while (n < shift.length && shift[n] < i) n++;
        return i + n;
      },
    };
  }

  /* Offset in the page's text of a point of a DOM range inside `textEl`. */
  function offsetOf(textEl, node, offset) {
    var range = document.createRange();
    range.setStart(node, offset);
    var total = 0;
    var nodes = textNodes(textEl);
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (n === node) return total + offset;
      if (range.comparePoint(n, 0) >= 0) return total; /* the point lies before this node */
      total += n.data.length;
    }
    return total;
  }

  /* The lists every page shares: `then(lists)` once the site's script of them has loaded
   * (from the same site, by a script element, which works from file:// too). */
  function withLists(block, then) {
    if (root.dossierAnnotateLists) return then(root.dossierAnnotateLists);
    var script = document.createElement("script");
    script.src = block.getAttribute("data-lists");
    script.addEventListener("load", function () {
      if (root.dossierAnnotateLists) then(root.dossierAnnotateLists);
    });
    document.head.appendChild(script);
  }

  function setup() {
    var block = document.querySelector(".dx-annotate");
    var textEl = document.querySelector(".dx-text");
    if (!block || !textEl || block.getAttribute("data-ready")) return;
    block.setAttribute("data-ready", "true");
    withLists(block, function (lists) {
      start(block, textEl, lists);
    });
  }

  function start(block, textEl, lists) {
    var bodyStart = Number(block.getAttribute("data-start"));
    var kinds = lists.kinds;
    var topics = lists.topics;
    var subjects = lists.subjects || [];
    /* The ids in use: every annotation's passage starts with an element whose id is its anchor. */
    var taken = Array.prototype.map.call(textEl.querySelectorAll("mark[id], u[id]"), function (mark) {
      return mark.id.replace(/^(claim|note)-/, "");
    });
    var file = block.getAttribute("data-file");
    var annotated = block.getAttribute("data-annotated") === "true";
    var shown = shownText(textEl, block);
    var passage = null;

    var trigger = el("button", { type: "button", class: "md-button dx-annotate-open", text: "Annotate the selected passage" });
    var hint = el("p", { class: "dx-annotate-hint", id: "dx-annotate-hint", text: "Select a passage of the text with the mouse or by touch, then annotate it; from the keyboard, press the button and type the passage. The page writes the entry for " + file + " and sends nothing anywhere." });
    trigger.setAttribute("aria-describedby", "dx-annotate-hint");
    var floating = el("button", { type: "button", class: "dx-annotate-float", text: "Annotate this passage", hidden: "" });
    var status = el("p", { class: "dx-annotate-status", role: "status" });
    var form = el("form", { class: "dx-annotate-form", hidden: "", "aria-labelledby": "dx-annotate-title" });
    block.appendChild(el("div", { class: "dx-annotate-bar" }, [trigger, hint]));
    block.appendChild(status);
    block.appendChild(form);
    document.body.appendChild(floating);

    function selected() {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
      var range = selection.getRangeAt(0);
      if (!textEl.contains(range.startContainer) || !textEl.contains(range.endContainer)) return null;
      var a = shown.at(offsetOf(textEl, range.startContainer, range.startOffset));
      var b = shown.at(offsetOf(textEl, range.endContainer, range.endOffset));
      return locate(shown.body, bodyStart, a, b);
    }

    function placeFloating() {
      var found = selected();
      if (!found) {
        floating.hidden = true;
        return;
      }
      var rect = window.getSelection().getRangeAt(0).getBoundingClientRect();
      floating.hidden = false;
      var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - floating.offsetWidth - 8));
      floating.style.left = left + "px";
      floating.style.top = rect.bottom + window.scrollY + 8 + "px";
    }

    function field(label, control, help) {
      var id = control.id;
      var parts = [el("label", { for: id, text: label }), control];
      if (help) {
        parts.push(el("small", { id: id + "-help", text: help }));
        control.setAttribute("aria-describedby", id + "-help");
      }
      return el("div", { class: "dx-field-row" }, parts);
    }

    function open() {
      var found = selected();
      floating.hidden = true;
      form.hidden = false;
      if (found) {
        passage = found;
        buildForm();
      } else {
        buildFinder();
      }
      form.querySelector("input, select, textarea").focus();
    }

    /* Without a selection (from the keyboard): type or paste the passage, then choose among its occurrences. */
    function buildFinder() {
      form.replaceChildren();
      form.appendChild(el("h3", { id: "dx-annotate-title", text: "Annotate a passage" }));
      var input = el("input", { id: "dx-passage", type: "text" });
      form.appendChild(field("Passage", input, "No passage is selected: type or paste it as it stands in the text below."));
      var find = el("button", { type: "button", class: "md-button", text: "Find it in the text" });
      var close = el("button", { type: "button", class: "md-button", text: "Close" });
      form.appendChild(el("div", { class: "dx-annotate-actions" }, [find, close]));
      var results = el("div", { class: "dx-annotate-found", role: "status" });
      form.appendChild(results);
      close.addEventListener("click", function () {
        form.hidden = true;
        trigger.focus();
      });
      function search() {
        results.replaceChildren();
        var matches = occurrences(input.value);
        if (!matches.length) {
          results.appendChild(el("p", { text: "Not found in the text: copy the passage exactly as it stands there." }));
          return;
        }
        var list = el("ul", {});
        matches.forEach(function (match) {
          var choose = el("button", { type: "button", class: "md-button", text: "Annotate this one" });
          choose.addEventListener("click", function () {
            passage = match;
            buildForm();
            form.querySelector("input, select, textarea").focus();
          });
          var before = shown.body.slice(Math.max(0, match.from - 40), match.from);
          var after = shown.body.slice(match.to, match.to + 40);
          list.appendChild(el("li", {}, [el("span", { text: "…" + before }), el("strong", { text: match.quote }), el("span", { text: after + "… " }), choose]));
        });
        results.appendChild(el("p", { text: matches.length === 1 ? "Found once:" : "Found " + matches.length + " times:" }));
        results.appendChild(list);
      }
      find.addEventListener("click", search);
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          search();
        }
      });
    }

    function occurrences(typed) {
      var wanted = normalize(typed).text.replace(/^ | $/g, "");
      if (!wanted) return [];
      var norm = normalize(shown.body);
      var out = [];
      var position = 0;
      while ((position = norm.text.indexOf(wanted, position)) !== -1) {
        var from = norm.from[position];
        var to = norm.from[position + wanted.length - 1] + 1;
        var found = locate(shown.body, bodyStart, from, to);
        found.from = from;
        found.to = to;
        out.push(found);
        position += 1;
      }
      return out;
    }

    function buildForm() {
      form.replaceChildren();
      var where = passage.count > 1 ? " It occurs " + passage.count + " times in the text: this is occurrence " + passage.occurrence + "." : "";
      form.appendChild(el("h3", { id: "dx-annotate-title", text: "Annotate this passage" }));
      form.appendChild(el("blockquote", { class: "dx-annotate-passage" }, [el("q", { text: passage.quote })]));
      form.appendChild(el("p", { text: "Code points " + passage.start + " to " + passage.end + " of the stored text." + where }));
      var what = el("fieldset", { class: "dx-annotate-what" }, [el("legend", { text: "What it is" })]);
      [["note", "A translation note: a passage a reader may misread"], ["claim", "A claim: a fact the article asserts"]].forEach(function (choice, i) {
        var radio = el("input", { type: "radio", name: "dx-what", id: "dx-what-" + choice[0], value: choice[0] });
        if (i === 1) radio.checked = true;
        what.appendChild(el("div", {}, [radio, el("label", { for: "dx-what-" + choice[0], text: choice[1] })]));
      });
      form.appendChild(what);

      var kind = el("select", { id: "dx-kind" });
      Object.keys(kinds).forEach(function (k) {
        kind.appendChild(el("option", { value: k, text: kinds[k] }));
      });
      var note = el("fieldset", { class: "dx-annotate-note" }, [
        el("legend", { text: "The note" }),
        field("Kind", kind),
        field("In English", el("input", { id: "dx-english", type: "text" }), "What the passage means."),
        field("Explanation", el("textarea", { id: "dx-explanation", rows: "3" }), "What the reader should understand (inline Markdown)."),
        field("Likely original (optional)", el("input", { id: "dx-original", type: "text" })),
      ]);
      var topicSet = el("fieldset", { class: "dx-annotate-topics" }, [el("legend", { text: "Topics" })]);
      topics.forEach(function (t) {
        var box = el("input", { type: "checkbox", id: "dx-topic-" + t[0], value: t[0] });
        topicSet.appendChild(el("div", {}, [box, el("label", { for: "dx-topic-" + t[0], text: t[1] })]));
      });
      var claim = el("fieldset", { class: "dx-annotate-claim" }, [
        el("legend", { text: "The claim" }),
        field("Claim", el("textarea", { id: "dx-claim", rows: "2" }), "The fact, stated in English (inline Markdown)."),
        topicSet,
        subjects.length
          ? field("Subject (optional)", subjectChoice(), "The question of sources/subjects.yml the claim answers: claims on one subject are compared.")
          : field("Subject (optional)", el("input", { id: "dx-subject", type: "text" }), "The id of a subject in sources/subjects.yml, such as su7-starting-price."),
        field("Value (optional)", el("input", { id: "dx-value", type: "text" }), "The figure as the text states it: 215 900."),
        field("Unit (optional)", el("input", { id: "dx-unit", type: "text" }), "CNY, EUR, vehicles/year…"),
        field("Event date (optional)", el("input", { id: "dx-event-date", type: "text" }), "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1 or YYYY-Q3."),
      ]);
      form.appendChild(note);
      form.appendChild(claim);
      form.appendChild(field("Id", el("input", { id: "dx-id", type: "text" }), "Unique in the file: lower-case letters and digits joined by hyphens. Left empty, it is made from the text."));
      var make = el("button", { type: "submit", class: "md-button md-button--primary", text: "Write the YAML" });
      var close = el("button", { type: "button", class: "md-button", text: "Close" });
      form.appendChild(el("div", { class: "dx-annotate-actions" }, [make, close]));
      form.appendChild(el("div", { class: "dx-annotate-errors", role: "alert" }));
      form.appendChild(el("div", { class: "dx-annotate-output", hidden: "" }));
      close.addEventListener("click", function () {
        form.hidden = true;
        trigger.focus();
      });
      function toggle() {
        var isNote = form.querySelector("#dx-what-note").checked;
        note.hidden = !isNote;
        claim.hidden = isNote;
      }
      what.addEventListener("change", toggle);
      toggle();
    }

    function subjectChoice() {
      var choice = el("select", { id: "dx-subject" }, [el("option", { value: "", text: "None" })]);
      subjects.forEach(function (s) {
        choice.appendChild(el("option", { value: s[0], text: s[1] }));
      });
      return choice;
    }

    function value(id) {
      var input = form.querySelector("#" + id);
      return input ? input.value.trim() : "";
    }

    function write(event) {
      event.preventDefault();
      var isNote = form.querySelector("#dx-what-note").checked;
      var errors = [];
      var fields = { quote: passage.quote, occurrence: passage.occurrence };
      if (isNote) {
        fields.kind = form.querySelector("#dx-kind").value;
        fields.english = value("dx-english");
        fields.explanation = value("dx-explanation");
        fields.original = value("dx-original");
        if (!fields.english) errors.push("Say what the passage means in English.");
        if (!fields.explanation) errors.push("Write the explanation.");
      } else {
        fields.claim = value("dx-claim");
        fields.topics = Array.prototype.map.call(form.querySelectorAll(".dx-annotate-topics input:checked"), function (box) {
          return box.value;
        });
        fields.subject = value("dx-subject");
        fields.value = value("dx-value");
        fields.unit = value("dx-unit");
        fields.event_date = value("dx-event-date");
        if (!fields.claim) errors.push("State the claim in English.");
        if (!fields.topics.length) errors.push("Choose at least one topic.");
        if (fields.subject && !SLUG.test(fields.subject)) errors.push("The subject is lower-case letters and digits joined by hyphens.");
        if (fields.value && !fields.subject) errors.push("A value needs a subject, so that it can be compared with other sources.");
        if (fields.unit && !fields.value) errors.push("A unit needs a value.");
        if (fields.event_date && !EVENT_DATE.test(fields.event_date)) errors.push("The event date is YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1 or YYYY-Q3.");
      }
      var id = value("dx-id") || slugify(isNote ? fields.english : fields.claim, taken);
      if (!SLUG.test(id)) errors.push("The id is lower-case letters and digits joined by hyphens.");
      else if (taken.indexOf(id) !== -1) errors.push("The id " + id + " is already used in " + file + ": choose another.");
      fields.id = id;
      var box = form.querySelector(".dx-annotate-errors");
      box.replaceChildren();
      if (errors.length) {
        box.appendChild(el("ul", {}, errors.map(function (text) { return el("li", { text: text }); })));
        return;
      }
      showOutput(isNote ? "notes" : "claims", entryYaml(isNote ? "note" : "claim", fields));
    }

    function showOutput(key, yaml) {
      var out = form.querySelector(".dx-annotate-output");
      out.replaceChildren();
      out.hidden = false;
      var area = el("textarea", { id: "dx-yaml", readonly: "", rows: String(yaml.split("\n").length + 1), spellcheck: "false" });
      area.value = yaml;
      var how = annotated
        ? "Add it at the end of the file's " + key + ": list (write " + key + ": on a line of its own first if the file has none), then run ./dev check."
        : "This source has no annotation file yet: create " + file + " with its title and language (see CONTRIBUTING.md), then add " + key + ": and this entry.";
      out.appendChild(field("The entry for " + file + ", under " + key + ":", area, how));
      var copy = el("button", { type: "button", class: "md-button", text: "Copy the YAML" });
      var done = el("span", { role: "status", class: "dx-annotate-copied" });
      copy.addEventListener("click", function () {
        area.select();
        var ok = function () { done.textContent = "Copied."; };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(yaml).then(ok, function () { done.textContent = "Select the text and copy it."; });
        else if (document.execCommand && document.execCommand("copy")) ok();
      });
      var links = [copy, done];
      var edit = block.getAttribute("data-edit");
      var issue = block.getAttribute("data-issue");
      if (edit && annotated) links.push(el("a", { href: edit, class: "md-button", text: "Open " + file + " in the repository's editor" }));
      if (edit && !annotated) {
        // A new file: GitHub's new-file form takes its content as `value`; the title is the contributor's to write.
        var skeleton = "title: \nlanguage: " + (textEl.getAttribute("lang") || "fr") + "\n" + key + ":\n" + yaml;
        links.push(el("a", { href: edit + "&value=" + encodeURIComponent(skeleton), class: "md-button", text: "Create " + file + " in the repository's editor" }));
      }
      if (issue) {
        var params = new URLSearchParams({
          title: "Annotation: " + passage.quote.slice(0, 60),
          page: location.href.split("#")[0],
          file: file,
          annotation: key + ":\n" + yaml,
        });
        links.push(el("a", { href: issue + "&" + params.toString(), class: "md-button", text: "Suggest it in an issue instead" }));
      }
      out.appendChild(el("div", { class: "dx-annotate-actions" }, links));
      area.focus();
    }

    form.addEventListener("submit", write);
    trigger.addEventListener("click", open);
    floating.addEventListener("click", open);
    // Pressing the button takes the selection away on some touch screens: keep it on pointer down.
    floating.addEventListener("mousedown", function (event) { event.preventDefault(); });
    ["mouseup", "keyup", "touchend"].forEach(function (name) {
      document.addEventListener(name, function (event) {
        if (event.target === floating || form.contains(event.target)) return;
        window.setTimeout(placeFloating, 0);
      });
    });
    // Touch handles and keyboard selection (caret browsing) change the selection without a mouseup.
    var settling = null;
    document.addEventListener("selectionchange", function () {
      if (!selected()) floating.hidden = true;
      window.clearTimeout(settling);
      settling = window.setTimeout(placeFloating, 300);
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})(this);
