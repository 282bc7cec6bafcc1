/* Enhancement only: show a claim's or a note's entry next to its passage on
 * hover and on keyboard focus. Without JavaScript the numbered lists under the
 * text carry the same content, linked both ways. */
(function () {
  "use strict";
  var popup = null;
  var current = null;

  function entryFor(anchor) {
    return document.getElementById("ref-" + anchor);
  }

  function ensurePopup() {
    if (!popup) {
      popup = document.createElement("div");
      popup.className = "dx-popup";
      popup.id = "dx-popup";
      popup.setAttribute("role", "tooltip");
      popup.hidden = true;
      document.body.appendChild(popup);
    }
    return popup;
  }

  function show(target, anchor) {
    var entry = entryFor(anchor);
    if (!entry) return;
    var box = ensurePopup();
    box.replaceChildren();
    Array.prototype.forEach.call(entry.childNodes, function (child) {
      box.appendChild(child.cloneNode(true));
    });
    Array.prototype.forEach.call(box.querySelectorAll("[id]"), function (el) {
      el.removeAttribute("id");
    });
    box.hidden = false;
    var rect = target.getBoundingClientRect();
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
    box.style.left = left + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
    if (current) current.classList.remove("dx-active");
    current = document.getElementById(anchor);
    if (current) current.classList.add("dx-active");
    target.setAttribute("aria-describedby", "dx-popup");
  }

  function hide() {
    if (popup) popup.hidden = true;
    if (current) current.classList.remove("dx-active");
    current = null;
  }

  function innermost(el) {
    return el && el.closest ? el.closest("[data-dx]") : null;
  }

  function setup() {
    var text = document.querySelector(".dx-text");
    if (!text) return;
    text.addEventListener("mouseover", function (event) {
      var mark = innermost(event.target);
      if (mark) show(mark, mark.getAttribute("data-dx"));
    });
    text.addEventListener("mouseleave", hide);
    text.addEventListener("focusin", function (event) {
      var ref = event.target.closest ? event.target.closest("a.dx-ref") : null;
      if (ref) show(ref, ref.getAttribute("data-dx"));
    });
    text.addEventListener("focusout", hide);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide();
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
