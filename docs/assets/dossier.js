/* Enhancement only: reading a source page with its annotations beside the text.
 *
 * - On a wide screen (Material's breakpoint for the right sidebar, 76.25em) each
 *   claim's and note's entry is copied into a card in the margin, top-aligned
 *   with its passage, pushed down in order when passages are close; hovering or
 *   focusing a passage or a card highlights both.
 * - On a narrower screen a tap (or Enter on its number) opens the entry as a card
 *   below the paragraph, and a second one closes it.
 * - Layers: claims, notes and standing or verdict badges (any element with a
 *   data-dx-layer attribute, or the classes below) can be switched off; the choice
 *   is kept in localStorage and announced to screen readers.
 *
 * Without JavaScript the numbered lists under the text carry the same content,
 * linked both ways from each passage's number. */
(function () {
  "use strict";
  var WIDE = "(min-width: 76.25em)";
  var KEY = "dossier-layers";
  var GAP = 8;
  var LAYERS = [
    { name: "claims", label: "Claims", present: ".dx-text .dx-claim" },
    { name: "notes", label: "Translation notes", present: ".dx-text .dx-note" },
    { name: "badges", label: "Standing and verdict badges", present: ".dx-badge, [data-dx-layer='badges']" },
  ];

  function hiddenLayers() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return [];
    }
  }

  function applyLayers(hidden) {
    LAYERS.forEach(function (layer) {
      document.documentElement.classList.toggle("dx-hide-" + layer.name, hidden.indexOf(layer.name) >= 0);
    });
  }

  function storeLayers(hidden) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(hidden));
    } catch (error) {
      /* private browsing: the choice holds for this page only */
    }
  }

  applyLayers(hiddenLayers());

  /* The innermost mark around ``el`` whose layer is shown. */
  function shownMark(el) {
    var hidden = hiddenLayers();
    var mark = el.closest(".dx[data-dx]");
    while (mark) {
      var layer = mark.classList.contains("dx-claim") ? "claims" : "notes";
      if (hidden.indexOf(layer) < 0) return mark;
      mark = mark.parentElement ? mark.parentElement.closest(".dx[data-dx]") : null;
    }
    return null;
  }

  function entryFor(anchor) {
    return document.getElementById("ref-" + anchor);
  }

  /* A card: a copy of the entry in the lists, without ids, saying which passage it belongs to. */
  function makeCard(anchor, inline) {
    var entry = entryFor(anchor);
    if (!entry) return null;
    var card = document.createElement("div");
    var kind = anchor.split("-")[0];
    card.className = "dx-card dx-card-" + kind + (inline ? " dx-card-inline" : "");
    card.setAttribute("data-dx", anchor);
    card.id = "card-" + anchor;
    Array.prototype.forEach.call(entry.childNodes, function (child) {
      card.appendChild(child.cloneNode(true));
    });
    Array.prototype.forEach.call(card.querySelectorAll("[id]"), function (el) {
      el.removeAttribute("id");
    });
    var label = card.querySelector("a.dx-back");
    if (label) {
      label.href = "#ref-" + anchor;
      label.title = "The full entry in the list under the text";
    }
    return card;
  }

  function markersOf(anchor) {
    return document.querySelectorAll('.dx-text a.dx-ref[data-dx="' + anchor + '"]');
  }

  /* Highlight a passage and its card together. */
  var active = null;
  function activate(anchor) {
    if (active === anchor) return;
    deactivate();
    active = anchor;
    document.querySelectorAll('[data-dx="' + anchor + '"].dx, #' + CSS.escape(anchor) + ', #card-' + CSS.escape(anchor))
      .forEach(function (el) {
        el.classList.add("dx-active");
      });
  }
  function deactivate() {
    if (active === null) return;
    document.querySelectorAll(".dx-active").forEach(function (el) {
      el.classList.remove("dx-active");
    });
    active = null;
  }

  function visible(el) {
    return el.offsetParent !== null || el.getClientRects().length > 0;
  }

  function Reader(text) {
    this.text = text;
    this.margin = null;
    this.wide = window.matchMedia(WIDE);
  }

  Reader.prototype.anchors = function () {
    var seen = [];
    this.text.querySelectorAll(".dx[id]").forEach(function (el) {
      if (entryFor(el.id)) seen.push(el.id);
    });
    return seen;
  };

  /* Wide screens: one card per annotation in a column right of the text. */
  Reader.prototype.buildMargin = function () {
    if (this.margin) return;
    var margin = document.createElement("div");
    margin.className = "dx-margin";
    /* The cards repeat the lists under the text: out of the tab order and of the accessibility
       tree, each one is the description of its passage's number instead. */
    margin.setAttribute("aria-hidden", "true");
    this.anchors().forEach(function (anchor) {
      var card = makeCard(anchor, false);
      if (!card) return;
      margin.appendChild(card);
      card.querySelectorAll("a, button, input").forEach(function (el) {
        el.setAttribute("tabindex", "-1");
      });
      markersOf(anchor).forEach(function (m) {
        m.setAttribute("aria-describedby", card.id);
      });
    });
    this.text.appendChild(margin);
    this.margin = margin;
  };

  Reader.prototype.dropMargin = function () {
    if (this.margin) this.margin.remove();
    this.text.querySelectorAll("a.dx-ref[aria-describedby]").forEach(function (m) {
      m.removeAttribute("aria-describedby");
    });
    this.margin = null;
  };

  /* Each card's top at its passage's top, or just under the card above when that one reaches lower. */
  Reader.prototype.place = function () {
    if (!this.margin) return;
    var origin = this.text.getBoundingClientRect();
    var room = document.documentElement.clientWidth - origin.right - 2 * 16;
    this.margin.style.width = Math.max(160, Math.min(room, 420)) + "px";
    var cards = Array.prototype.filter.call(this.margin.children, visible).map(function (card) {
      var passage = document.getElementById(card.getAttribute("data-dx"));
      return { card: card, top: passage ? passage.getBoundingClientRect().top - origin.top : 0 };
    });
    cards.sort(function (a, b) {
      return a.top - b.top;
    });
    var floor = 0;
    cards.forEach(function (item) {
      var top = Math.max(item.top, floor);
      item.card.style.top = top + "px";
      floor = top + item.card.offsetHeight + GAP;
    });
  };

  /* Narrow screens: the card of ``anchor`` below its paragraph, or away if it is there. */
  Reader.prototype.toggleInline = function (anchor) {
    var open = document.getElementById("card-" + anchor);
    var markers = markersOf(anchor);
    if (open) {
      open.remove();
      markers.forEach(function (m) {
        m.setAttribute("aria-expanded", "false");
      });
      return;
    }
    var passage = document.getElementById(anchor);
    var card = makeCard(anchor, true);
    if (!passage || !card) return;
    var paragraph = passage.closest("p") || passage;
    var after = paragraph;
    while (after.nextElementSibling && after.nextElementSibling.classList.contains("dx-card-inline")) {
      after = after.nextElementSibling;
    }
    after.after(card);
    markers.forEach(function (m) {
      m.setAttribute("aria-expanded", "true");
      m.setAttribute("aria-controls", card.id);
    });
  };

  Reader.prototype.closeInline = function () {
    this.text.querySelectorAll(".dx-card-inline").forEach(function (card) {
      card.remove();
    });
    this.text.querySelectorAll("a.dx-ref[aria-expanded]").forEach(function (m) {
      m.removeAttribute("aria-expanded");
      m.removeAttribute("aria-controls");
    });
  };

  /* The table of contents moves under the navigation while the right column holds the cards. */
  Reader.prototype.moveToc = function (wide) {
    var toc = document.querySelector("nav.md-nav--secondary[aria-label]");
    var home = document.querySelector(".md-sidebar--secondary .md-sidebar__inner");
    var left = document.querySelector(".md-sidebar--primary .md-sidebar__inner");
    if (!toc || !home || !left) return;
    var target = wide ? left : home;
    if (toc.parentNode !== target) target.appendChild(toc);
  };

  Reader.prototype.layout = function () {
    this.moveToc(this.wide.matches);
    if (this.wide.matches) {
      this.closeInline();
      this.buildMargin();
      this.place();
      document.documentElement.classList.add("dx-wide");
    } else {
      this.dropMargin();
      document.documentElement.classList.remove("dx-wide");
    }
  };

  Reader.prototype.listen = function () {
    var reader = this;
    var text = this.text;
    text.addEventListener("click", function (event) {
      if (reader.wide.matches || event.target.closest(".dx-card")) return;
      var ref = event.target.closest("a.dx-ref");
      var mark = ref || shownMark(event.target);
      if (!mark) return;
      event.preventDefault();
      reader.toggleInline(mark.getAttribute("data-dx"));
    });
    text.addEventListener("mouseover", function (event) {
      var mark = event.target.closest(".dx-card, a.dx-ref") || shownMark(event.target);
      if (mark) activate(mark.getAttribute("data-dx"));
    });
    text.addEventListener("mouseleave", deactivate);
    text.addEventListener("focusin", function (event) {
      var mark = event.target.closest("[data-dx]");
      if (mark) activate(mark.getAttribute("data-dx"));
    });
    text.addEventListener("focusout", deactivate);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") deactivate();
    });
    var pending = false;
    function relayout() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        reader.layout();
      });
    }
    this.wide.addEventListener("change", relayout);
    window.addEventListener("resize", relayout);
    if (window.ResizeObserver) new ResizeObserver(relayout).observe(text);
    document.addEventListener("dx-layers", relayout);
  };

  /* The switches above the text: one per layer present on the page, and "just the article". */
  function buildSwitch(before) {
    var present = LAYERS.filter(function (layer) {
      return document.querySelector(layer.present);
    });
    if (!present.length) return;
    var box = document.createElement("div");
    box.className = "dx-layers";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Annotation layers");
    var title = document.createElement("span");
    title.className = "dx-layers-title";
    title.textContent = "Show:";
    box.appendChild(title);
    var live = document.createElement("span");
    live.className = "dx-live";
    live.setAttribute("aria-live", "polite");
    var boxes = present.map(function (layer) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.value = layer.name;
      input.checked = hiddenLayers().indexOf(layer.name) < 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + layer.label));
      box.appendChild(label);
      input.addEventListener("change", function () {
        setLayers(input.checked ? [] : [layer.name], input.checked ? [layer.name] : []);
        live.textContent = layer.label + (input.checked ? " shown." : " hidden.");
      });
      return input;
    });
    var plain = document.createElement("button");
    plain.type = "button";
    plain.className = "dx-plain";
    plain.textContent = "Just the article";
    plain.addEventListener("click", function () {
      var names = present.map(function (layer) {
        return layer.name;
      });
      var hidden = hiddenLayers();
      var hide = names.some(function (n) {
        return hidden.indexOf(n) < 0;
      });
      setLayers(hide ? names : [], hide ? [] : names);
      live.textContent = hide ? "Annotations hidden: just the article." : "Annotations shown.";
    });
    box.appendChild(plain);
    box.appendChild(live);
    before.parentNode.insertBefore(box, before);

    function setLayers(hide, show) {
      var hidden = hiddenLayers().filter(function (n) {
        return show.indexOf(n) < 0;
      });
      hide.forEach(function (n) {
        if (hidden.indexOf(n) < 0) hidden.push(n);
      });
      storeLayers(hidden);
      applyLayers(hidden);
      boxes.forEach(function (input) {
        input.checked = hidden.indexOf(input.value) < 0;
      });
      plain.setAttribute("aria-pressed", String(present.every(function (l) { return hidden.indexOf(l.name) >= 0; })));
      document.dispatchEvent(new CustomEvent("dx-layers"));
    }
    plain.setAttribute("aria-pressed", String(present.every(function (l) { return hiddenLayers().indexOf(l.name) >= 0; })));
  }

  /* The page writes only what reading without JavaScript needs: a claim's passage is a <mark>, a
     note's a <u>, its first piece has its anchor as id and a later piece as data-dx, and its number
     links to its entry (#ref-<anchor>). The reader below marks each piece with its kind and anchor,
     derived here. */
  function derive(text) {
    text.querySelectorAll("mark, u").forEach(function (el) {
      el.classList.add("dx", el.tagName === "MARK" ? "dx-claim" : "dx-note");
      if (el.id) el.setAttribute("data-dx", el.id);
    });
    text.querySelectorAll('a[href^="#ref-"][data-n]').forEach(function (a) {
      var anchor = a.getAttribute("href").slice(5);
      a.classList.add("dx-ref", "dx-ref-" + anchor.split("-")[0]);
      a.setAttribute("data-dx", anchor);
    });
  }

  function setup() {
    applyLayers(hiddenLayers());
    var text = document.querySelector(".dx-text");
    if (!text || text.dataset.dxReader) return;
    derive(text);
    buildSwitch(text);
    text.dataset.dxReader = "1";
    var reader = new Reader(text);
    reader.listen();
    reader.layout();
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.dx-about").forEach(function (d) {
        d.open = true;
      });
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
