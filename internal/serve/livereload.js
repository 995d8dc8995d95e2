// Live reload for `medkb serve`. Only the development server serves and
// injects this file; built sites never contain it. It uses no inline code
// and never turns server data into markup (textContent only), so it works
// under a strict Content-Security-Policy and cannot inject HTML.
(function () {
  "use strict";

  var scrollKey = "medkb:scroll:" + location.pathname;
  var overlayId = "medkb-build-error";

  // The position is saved before reloading and restored once the new page
  // has loaded (images included); the browser's own restoration is turned
  // off for that reload because it runs too early to be reliable.
  function saveScroll() {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
      history.scrollRestoration = "manual";
    } catch (e) {
      // Storage may be disabled; reloading without it is fine.
    }
  }

  function restoreScroll() {
    var y = null;
    try {
      y = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) {
      return;
    }
    if (y !== null) {
      window.scrollTo(0, Number(y) || 0);
      history.scrollRestoration = "auto";
    }
  }

  function payload(e) {
    try {
      return JSON.parse(e.data);
    } catch (err) {
      return null;
    }
  }

  function isStylesheet(link) {
    var rels = (link.getAttribute("rel") || "").toLowerCase().split(/\s+/);
    return rels.indexOf("stylesheet") !== -1;
  }

  // Loads the new stylesheet next to the old one and drops the old one once
  // the new one has loaded, so the page never shows unstyled.
  function swapStylesheets(paths) {
    var links = Array.prototype.slice.call(document.getElementsByTagName("link"));
    links.forEach(function (link) {
      if (!isStylesheet(link) || !link.href) {
        return;
      }
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin || paths.indexOf(url.pathname) === -1) {
        return;
      }
      url.searchParams.set("medkb-reload", String(Date.now()));
      var fresh = link.cloneNode(false);
      fresh.href = url.href;
      var drop = function () {
        if (link.parentNode) {
          link.parentNode.removeChild(link);
        }
      };
      fresh.addEventListener("load", drop);
      fresh.addEventListener("error", drop);
      link.parentNode.insertBefore(fresh, link.nextSibling);
    });
  }

  function showError(messages) {
    var box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alertdialog");
      box.setAttribute("aria-modal", "false");
      box.setAttribute("aria-label", "Build error");
      var s = box.style;
      s.position = "fixed";
      s.left = "0";
      s.right = "0";
      s.bottom = "0";
      s.maxHeight = "50vh";
      s.overflow = "auto";
      s.zIndex = "2147483647";
      s.margin = "0";
      s.padding = "1em";
      s.background = "#fff4f4";
      s.color = "#700";
      s.borderTop = "4px solid #c00";
      s.font = "14px/1.45 ui-monospace, monospace";
      var title = document.createElement("strong");
      title.textContent = "Build failed \u2014 showing the last good version";
      var pre = document.createElement("pre");
      pre.style.whiteSpace = "pre-wrap";
      pre.style.margin = "0.5em 0 0";
      box.appendChild(title);
      box.appendChild(pre);
      (document.body || document.documentElement).appendChild(box);
    }
    box.querySelector("pre").textContent = messages.join("\n");
  }

  function clearError() {
    var box = document.getElementById(overlayId);
    if (box && box.parentNode) {
      box.parentNode.removeChild(box);
    }
  }

  if (document.readyState === "complete") {
    restoreScroll();
  } else {
    window.addEventListener("load", restoreScroll);
  }

  if (!window.EventSource) {
    return;
  }
  var source = new EventSource("/__medkb/events");
  source.addEventListener("reload", function () {
    saveScroll();
    location.reload();
  });
  source.addEventListener("css", function (e) {
    var paths = payload(e);
    if (Array.isArray(paths)) {
      swapStylesheets(paths.map(String));
    }
  });
  source.addEventListener("error", function (e) {
    // EventSource also fires a plain "error" Event when the connection
    // drops; only the server's events carry data.
    if (typeof e.data !== "string") {
      return;
    }
    var data = payload(e);
    var messages = data && Array.isArray(data.messages) ? data.messages.map(String) : [];
    showError(messages.length ? messages : ["build failed"]);
  });
  source.addEventListener("ok", clearError);
})();
