/* Enhancement only: the header's search box, answered by Pagefind.
 *
 * The build writes Pagefind's index into pagefind/ of the site (see
 * hooks/dossier/search.py); the box (overrides/partials/search.html) names that
 * folder. Its script and index table are fetched when the box opens or gets
 * focus; each query then fetches only the index chunks its words need, and the
 * first results' fragments. Results are written as Material's search would show
 * them (its classes, so its styles), every text as text: a title, the page's
 * address, and an excerpt whose only markup kept is Pagefind's <mark>.
 *
 * A large site's index comes in parts (pagefind/parts.json lists the others),
 * merged into the first before the first query.
 *
 * Everything comes from the site itself: no network beyond it. Without
 * JavaScript the box does nothing, as Material's did. */
(function () {
  "use strict";
  var SHOWN = 10;
  var SUB_RESULTS = 3;
  var form = document.querySelector("form[data-dossier-search]");
  if (!form) {
    return;
  }
  var input = form.querySelector("input");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var bundle = new URL(form.getAttribute("data-dossier-search"), window.location.href);
  var loading = null;
  var latest = 0;
  var timer = null;

  function pagefind() {
    if (!loading) {
      loading = import(bundle.href + "pagefind.js").then(function (module) {
        // Result addresses are made from the site's root, where pagefind/ lies.
        var base = { baseUrl: new URL("..", bundle).pathname };
        return module
          .options(base)
          .then(function () {
            return parts(module, base);
          })
          .then(function () {
            return module.init();
          })
          .then(function () {
            return module;
          });
      });
      loading.catch(function () {
        loading = null; // try again on the next query (the index may not be written yet)
      });
    }
    return loading;
  }

  // A large site's index is written in parts: parts.json, beside the first part's
  // script, lists the others, which are merged into it (none for an index in one part).
  function parts(module, base) {
    return fetch(bundle.href + "parts.json")
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .catch(function () {
        return [];
      })
      .then(function (others) {
        // One after the other: Pagefind merges an index at a time.
        return others.reduce(function (merged, part) {
          return merged.then(function () {
            return module.mergeIndex(new URL(part, bundle).href, base);
          });
        }, Promise.resolve());
      });
  }

  function say(text) {
    meta.textContent = text;
  }

  function count(total) {
    if (total === 0) {
      return form.getAttribute("data-result-none");
    }
    if (total === 1) {
      return form.getAttribute("data-result-one");
    }
    return form.getAttribute("data-result-other").replace("#", String(total));
  }

  /* Pagefind's excerpt as safe nodes: its text, with its <mark> elements kept as marks. */
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var paragraph = document.createElement("p");
    parsed.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function article(heading, title, html) {
    var box = document.createElement("article");
    box.className = "md-search-result__article md-typeset";
    var name = document.createElement(heading);
    name.textContent = title;
    box.appendChild(name);
    box.appendChild(excerpt(html));
    return box;
  }

  function link(url, content) {
    var anchor = document.createElement("a");
    anchor.className = "md-search-result__link";
    anchor.href = new URL(url, window.location.href).href;
    anchor.appendChild(content);
    return anchor;
  }

  function item(data) {
    var entry = document.createElement("li");
    entry.className = "md-search-result__item";
    var title = (data.meta && data.meta.title) || data.url;
    entry.appendChild(link(data.url, article("h1", title, data.excerpt)));
    (data.sub_results || [])
      .filter(function (sub) {
        return sub.url !== data.url && sub.url.indexOf("#") !== -1;
      })
      .slice(0, SUB_RESULTS)
      .forEach(function (sub) {
        entry.appendChild(link(sub.url, article("h2", sub.title, sub.excerpt)));
      });
    return entry;
  }

  function search() {
    var term = input.value.trim();
    var ticket = ++latest;
    if (!term) {
      list.replaceChildren();
      list.removeAttribute("data-query");
      say(form.getAttribute("data-result-placeholder"));
      return;
    }
    pagefind()
      .then(function (module) {
        return module.search(term);
      })
      .then(function (found) {
        if (ticket !== latest) {
          return null;
        }
        say(count(found.results.length));
        list.replaceChildren();
        list.setAttribute("data-query", term); // what the results below answer
        // Each result's fragment is fetched at once; each shows, in order, as soon as it is there.
        var shown = Promise.resolve();
        found.results.slice(0, SHOWN).forEach(function (result) {
          var data = result.data();
          shown = shown
            .then(function () {
              return data;
            })
            .then(function (fragment) {
              if (ticket === latest) {
                list.appendChild(item(fragment));
              }
            });
        });
        return shown;
      })
      .catch(function () {
        if (ticket === latest) {
          list.replaceChildren();
          say("Search is not available: the search index is missing.");
        }
      });
  }

  input.addEventListener("focus", function () {
    if (toggle) {
      toggle.checked = true; // shows the results below the box, as Material's search does on focus
    }
    pagefind();
  });
  input.addEventListener("input", function () {
    var term = input.value.trim();
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 60);
    if (term) {
      // While the reader types, fetch the index chunks the word so far needs.
      pagefind().then(function (module) {
        return module.preload(term);
      });
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(search, 0);
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) {
        pagefind();
        input.focus();
      }
    });
  }
  document.addEventListener("keydown", function (event) {
    if (!toggle) {
      return;
    }
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "/" && !toggle.checked && !/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) {
      event.preventDefault();
      toggle.checked = true;
      pagefind();
      input.focus();
    }
  });
})();
