// medkb default theme: shows "review overdue" notices once a page's next
// review date has passed, so a page built long ago still warns its readers;
// turns glossary terms into toggletips (the Inclusive Components / GOV.UK
// pattern): a button that opens the definition in place, next to the term,
// in a live region, and closes it on Escape or a click elsewhere; dates the
// print-only "Printed from" line. No other behaviour; no network requests.
(function () {
  "use strict";
  var today = new Date().toISOString().slice(0, 10);
  var notices = document.querySelectorAll(".notice-overdue[data-next-review]");
  for (var i = 0; i < notices.length; i++) {
    if (notices[i].getAttribute("data-next-review") < today) {
      notices[i].hidden = false;
    }
  }

  // "Printed from <URL> on <date>": the reader's date, in the page's
  // language, filled in when the page loads and again just before printing.
  function printedOn() {
    var span = document.querySelector(".printed-on[data-word]");
    if (!span) return;
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var time = document.createElement("time");
    time.dateTime = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    try {
      time.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long" }).format(now);
    } catch (e) {
      time.textContent = time.dateTime;
    }
    span.replaceChildren(" " + span.getAttribute("data-word") + " ", time);
  }
  printedOn();
  window.addEventListener("beforeprint", printedOn);

  // Glossary toggletips.
  var open = null; // the open .gloss-term, if any
  function close() {
    if (!open) return;
    open.querySelector("button.term").setAttribute("aria-expanded", "false");
    open.querySelector(".term-def").textContent = "";
    open = null;
  }
  function show(wrap, text) {
    close();
    var def = wrap.querySelector(".term-def");
    var bubble = document.createElement("span");
    bubble.className = "term-bubble";
    bubble.textContent = text;
    def.appendChild(bubble); // announced: def is a live region
    wrap.querySelector("button.term").setAttribute("aria-expanded", "true");
    open = wrap;
    // Keep the bubble on screen: shift it back from whichever edge it
    // crosses.
    var r = bubble.getBoundingClientRect(), margin = 8, dx = 0;
    var width = document.documentElement.clientWidth;
    if (r.right > width - margin) dx = width - margin - r.right;
    if (r.left + dx < margin) dx = margin - r.left;
    if (dx) bubble.style.transform = "translateX(" + Math.round(dx) + "px)";
  }
  var terms = document.querySelectorAll(".gloss-term");
  for (var j = 0; j < terms.length; j++) {
    (function (wrap) {
      var link = wrap.querySelector("a.term"), def = wrap.querySelector(".term-def");
      if (!link || !def) return;
      var text = def.textContent;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "term";
      button.textContent = link.textContent;
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", def.id);
      def.setAttribute("role", "status");
      def.textContent = "";
      wrap.replaceChild(button, link);
      wrap.classList.add("toggletip");
      button.addEventListener("click", function (e) {
        e.stopPropagation();
        if (open === wrap) {
          close();
        } else {
          show(wrap, text);
        }
      });
    })(terms[j]);
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" || e.key === "Esc") close();
  });
  document.addEventListener("click", function (e) {
    if (open && !open.contains(e.target)) close();
  });
})();

// Reading tools. (1) The contents list marks the section in view with
// aria-current="true" (an IntersectionObserver; without JS the list is a
// plain list of links). (2) A [!TABS] callout becomes an ARIA tabs widget:
// the first heading of each panel is its tab; arrow keys, Home and End
// move between tabs (roving tabindex); a link to a heading inside a hidden
// panel selects that panel. Without JS every panel shows under its
// heading. (3) Closed expanders open for printing.
(function () {
  "use strict";
  var toc = document.querySelector("[data-toc]");
  if (toc && "IntersectionObserver" in window) {
    var links = toc.querySelectorAll("ul a[href^='#']");
    var targets = [], byId = {};
    for (var i = 0; i < links.length; i++) {
      var t = document.getElementById(decodeURIComponent(links[i].getAttribute("href").slice(1)));
      if (t) {
        targets.push(t);
        byId[t.id] = links[i];
      }
    }
    var current = null;
    var mark = function () {
      // The current section is the last whose heading is above a line a
      // fifth of the way down the window (or the first, before any).
      var line = window.innerHeight / 5, pick = targets[0];
      for (var k = 0; k < targets.length; k++) {
        var r = targets[k].getBoundingClientRect();
        // A heading that is not laid out (a tab's label) has no place.
        if ((r.width || r.height) && r.top <= line) pick = targets[k];
      }
      var link = pick && byId[pick.id];
      if (link === current) return;
      if (current) current.removeAttribute("aria-current");
      if (link) link.setAttribute("aria-current", "true");
      current = link;
    };
    // The observed band is the upper fifth of the window: a heading
    // crossing its lower edge changes the current section.
    var io = new IntersectionObserver(mark, { rootMargin: "0px 0px -80% 0px" });
    for (var m = 0; m < targets.length; m++) io.observe(targets[m]);
    mark();
  }

  var rtl = document.documentElement.dir === "rtl";
  var widgets = document.querySelectorAll(".tabs[data-tabs]");
  var selectors = [];
  for (var w = 0; w < widgets.length; w++) {
    var s = tabs(widgets[w]);
    if (s) selectors.push(s);
  }
  function tabs(box) {
    var panels = [], labels = [];
    for (var c = box.firstElementChild; c; c = c.nextElementSibling) {
      if (!c.classList.contains("tab-panel")) continue;
      var h = c.querySelector("h1, h2, h3, h4, h5, h6");
      if (!h) return null;
      panels.push(c);
      labels.push(h);
    }
    if (panels.length < 2) return null;
    var list = document.createElement("div");
    list.setAttribute("role", "tablist");
    var title = box.querySelector(":scope > .callout-title");
    if (title) list.setAttribute("aria-labelledby", title.id);
    var buttons = [];
    panels.forEach(function (panel, n) {
      var b = document.createElement("button");
      b.type = "button";
      b.id = panel.id + "-tab";
      b.setAttribute("role", "tab");
      b.setAttribute("aria-controls", panel.id);
      b.textContent = labels[n].textContent;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", b.id);
      panel.tabIndex = 0;
      var head = labels[n].parentNode.classList.contains("heading") ? labels[n].parentNode : labels[n];
      head.classList.add("tab-label");
      b.addEventListener("click", function () { select(n, false); });
      b.addEventListener("keydown", function (e) {
        var next = -1, last = buttons.length - 1;
        switch (e.key) {
          case "ArrowRight": next = rtl ? n - 1 : n + 1; break;
          case "ArrowLeft": next = rtl ? n + 1 : n - 1; break;
          case "Home": next = 0; break;
          case "End": next = last; break;
          default: return;
        }
        e.preventDefault();
        select((next + buttons.length) % buttons.length, true);
      });
      buttons.push(b);
      list.appendChild(b);
    });
    box.insertBefore(list, panels[0]);
    function select(n, focus) {
      for (var k = 0; k < buttons.length; k++) {
        var on = k === n;
        buttons[k].setAttribute("aria-selected", on ? "true" : "false");
        buttons[k].tabIndex = on ? 0 : -1;
        panels[k].hidden = !on;
      }
      if (focus) buttons[n].focus();
    }
    select(0, false);
    // Selects the panel holding the element with the given id, if any.
    return function (id) {
      var el = id && document.getElementById(id);
      for (var k = 0; el && k < panels.length; k++) {
        if (panels[k].contains(el)) {
          select(k, false);
          el.scrollIntoView();
          return;
        }
      }
    };
  }
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    for (var k = 0; k < selectors.length; k++) selectors[k](id);
  }
  if (selectors.length) {
    window.addEventListener("hashchange", follow);
    if (location.hash) follow();
  }

  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details:not([open])");
    for (var k = 0; k < closed.length; k++) {
      closed[k].open = true;
      closed[k].setAttribute("data-print-opened", "");
    }
  });
  window.addEventListener("afterprint", function () {
    var opened = document.querySelectorAll("details[data-print-opened]");
    for (var k = 0; k < opened.length; k++) {
      opened[k].open = false;
      opened[k].removeAttribute("data-print-opened");
    }
  });
})();
