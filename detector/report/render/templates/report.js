// Explanations for the HTML report. Hovering or focusing a highlight or marker shows the explanation
// and suggestion of every finding at that spot (overlapping findings included); click or tap (or
// Enter/Space on a marker) pins them; Escape or a click elsewhere closes. The cards are copies of
// the page's own hidden tooltips (already escaped DOM), never built from strings.
(function () {
  "use strict";
  var pop = document.getElementById("pop"), current = [], pinned = false;
  if (!pop) return;
  function tip(n) { return document.getElementById("tip-" + n); }
  function marker(n) { return document.getElementById("at-" + n); }
  function numbers(el) {
    if (el.classList.contains("mk")) return [el.getAttribute("data-f")];
    if (el.classList.contains("who")) return [el.getAttribute("data-s")];  // a source: its card is tip-s<n>
    var ns = [];  // innermost first
    for (var e = el; e && e.classList && !e.classList.contains("text"); e = e.parentElement) {
      if (e.classList.contains("hl")) ns.push(e.getAttribute("data-f"));
    }
    return ns;
  }
  function each(ns, fn) { ns.forEach(function (n) { fn(n, marker(n)); }); }
  function mark(ns, on) {
    each(ns, function (n) {
      document.querySelectorAll('.hl[data-f="' + n + '"], .said[data-s="' + n + '"]').forEach(function (el) { el.classList.toggle("active", on); });
    });
  }
  function place(anchor) {
    var r = anchor.getBoundingClientRect(), width = document.documentElement.clientWidth;
    pop.style.left = "0px"; pop.style.top = "0px";
    var w = pop.offsetWidth, left = Math.max(8, Math.min(r.left, width - w - 8));
    pop.style.left = (window.scrollX + left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 8) + "px";
  }
  function hide() {
    if (!current.length) return;
    pop.hidden = true; pop.classList.remove("pinned"); mark(current, false);
    each(current, function (n, m) { if (m) m.setAttribute("aria-expanded", "false"); });
    current = []; pinned = false;
  }
  function show(ns, anchor) {
    hide();
    pop.textContent = "";
    ns.forEach(function (n) {
      var t = tip(n); if (!t) return;
      var card = t.cloneNode(true);
      card.removeAttribute("id"); card.removeAttribute("role"); card.hidden = false;
      pop.appendChild(card);
    });
    if (!pop.firstChild) return;
    pop.hidden = false; current = ns; mark(ns, true); place(anchor);
  }
  function same(a, b) { return a.length === b.length && a.every(function (x, i) { return x === b[i]; }); }
  function pin(ns, anchor) {
    if (pinned && same(ns, current)) { hide(); return; }
    show(ns, anchor); pinned = true; pop.classList.add("pinned");
    each(ns, function (n, m) { if (m) m.setAttribute("aria-expanded", "true"); });
  }
  function target(e) { return e.target.closest ? e.target.closest(".mk, .hl, .who") : null; }
  document.addEventListener("mouseover", function (e) {
    var el = target(e); if (el && !pinned) show(numbers(el), el);
  });
  document.addEventListener("mouseout", function (e) {
    var el = target(e);
    if (el && !pinned && !(e.relatedTarget && (el.contains(e.relatedTarget) || pop.contains(e.relatedTarget)))) hide();
  });
  document.addEventListener("focusin", function (e) {
    var el = target(e); if (el && !pinned) show(numbers(el), el);
  });
  document.addEventListener("focusout", function (e) { if (target(e) && !pinned) hide(); });
  document.addEventListener("click", function (e) {
    var el = target(e);
    if (el) { e.preventDefault(); pin(numbers(el), el); return; }
    if (pinned && !pop.contains(e.target)) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !current.length) return;
    var m = marker(current[0]); hide(); if (m) m.focus();
  });
  window.addEventListener("resize", function () { if (current.length) place(marker(current[0]) || pop); });
})();
