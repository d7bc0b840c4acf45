// Tooltips for the HTML report: hover or focus shows a finding's explanation and suggestion,
// click or tap (or Enter/Space on a marker) pins it, Escape or a click elsewhere closes it.
(function () {
  "use strict";
  var pinned = null, shown = null;
  function tip(n) { return document.getElementById("tip-" + n); }
  function marker(n) { return document.getElementById("at-" + n); }
  function mark(n, on) {
    document.querySelectorAll('.hl[data-f="' + n + '"]').forEach(function (el) { el.classList.toggle("active", on); });
  }
  function place(t, anchor) {
    var r = anchor.getBoundingClientRect();
    t.style.left = "0px"; t.style.top = "0px";
    var w = t.offsetWidth, left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 8));
    t.style.left = left + "px";
    t.style.top = (window.scrollY + r.bottom + 8) + "px";
  }
  function show(n, anchor) {
    if (shown && shown !== n) hide(shown);
    var t = tip(n); if (!t) return;
    var m = marker(n);
    t.hidden = false; t.className = "tip " + (m ? m.className.replace(/\bmk\b/, "") : "");
    place(t, anchor || m);
    mark(n, true); shown = n;
  }
  function hide(n) {
    var t = tip(n); if (!t) return;
    t.hidden = true; t.classList.remove("pinned"); mark(n, false);
    var m = marker(n); if (m) m.setAttribute("aria-expanded", "false");
    if (shown === n) shown = null;
    if (pinned === n) pinned = null;
  }
  function pin(n, anchor) {
    if (pinned === n) { hide(n); return; }
    if (pinned) hide(pinned);
    show(n, anchor); pinned = n;
    tip(n).classList.add("pinned");
    var m = marker(n); if (m) m.setAttribute("aria-expanded", "true");
  }
  function target(e) { return e.target.closest ? e.target.closest(".mk, .hl") : null; }
  document.addEventListener("mouseover", function (e) {
    var el = target(e); if (el && !pinned) show(el.getAttribute("data-f"), el);
  });
  document.addEventListener("mouseout", function (e) {
    var el = target(e);
    if (el && !pinned && (!e.relatedTarget || !el.contains(e.relatedTarget))) hide(el.getAttribute("data-f"));
  });
  document.addEventListener("focusin", function (e) {
    var el = target(e); if (el && !pinned) show(el.getAttribute("data-f"), el);
  });
  document.addEventListener("focusout", function (e) {
    var el = target(e); if (el && !pinned) hide(el.getAttribute("data-f"));
  });
  document.addEventListener("click", function (e) {
    var el = target(e);
    if (el) { e.preventDefault(); pin(el.getAttribute("data-f"), el); return; }
    if (pinned && !e.target.closest(".tip")) hide(pinned);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && (pinned || shown)) {
      var n = pinned || shown; hide(n); var m = marker(n); if (m) m.focus();
    }
  });
  window.addEventListener("resize", function () { if (shown) place(tip(shown), marker(shown)); });
})();
