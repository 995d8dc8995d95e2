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
