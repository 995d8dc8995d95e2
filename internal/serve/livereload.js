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

  // Warnings: the check warnings of this page, in a panel the writer can
  // dismiss (until the list changes). Same text as `medkb check`, shown
  // with textContent only.
  var warningsId = "medkb-build-warnings";
  var dismissKey = "medkb:warnings-dismissed:" + location.pathname;

  function pagePath(p) {
    return p.replace(/index\.html$/, "");
  }

  function position(w) {
    var pos = w.file || "";
    if (w.line) {
      pos += ":" + w.line;
      if (w.col) {
        pos += ":" + w.col;
      }
    }
    return pos;
  }

  function clearWarnings() {
    var box = document.getElementById(warningsId);
    if (box && box.parentNode) {
      box.parentNode.removeChild(box);
    }
  }

  function showWarnings(all) {
    var here = pagePath(location.pathname);
    // This page's warnings, and the site-wide ones (medkb.yaml, data/).
    var mine = all.filter(function (w) {
      return w && typeof w.url === "string" && (w.url === here || w.url === "");
    });
    clearWarnings();
    if (!mine.length) {
      return;
    }
    var signature = JSON.stringify(mine);
    try {
      if (sessionStorage.getItem(dismissKey) === signature) {
        return;
      }
    } catch (e) {
      // Without storage the panel simply shows again after a reload.
    }
    var box = document.createElement("aside");
    box.id = warningsId;
    box.setAttribute("aria-labelledby", warningsId + "-title");
    box.tabIndex = 0; // it may scroll: keyboard users must reach it
    var s = box.style;
    s.position = "fixed";
    s.right = "1rem";
    s.bottom = "1rem";
    s.left = "auto";
    s.maxWidth = "min(44rem, calc(100vw - 2rem))";
    s.maxHeight = "45vh";
    s.overflow = "auto";
    s.zIndex = "2147483646";
    s.padding = "0.75rem 1rem";
    s.background = "#fff8e1";
    s.color = "#3b2600";
    s.border = "1px solid #8a4b00";
    s.borderInlineStart = "6px solid #8a4b00";
    s.boxShadow = "0 4px 16px rgba(0,0,0,0.25)";
    s.font = "14px/1.45 system-ui, sans-serif";
    s.textAlign = "start";

    var title = document.createElement("p");
    title.id = warningsId + "-title";
    title.style.margin = "0 0 0.5rem";
    var strong = document.createElement("strong");
    strong.textContent = mine.length === 1 ? "1 check warning on this page" : mine.length + " check warnings on this page";
    title.appendChild(strong);
    box.appendChild(title);

    var list = document.createElement("ul");
    list.style.margin = "0";
    list.style.paddingInlineStart = "1.25rem";
    mine.forEach(function (w) {
      var item = document.createElement("li");
      item.style.marginBottom = "0.4rem";
      var where = document.createElement("code");
      where.textContent = position(w);
      item.appendChild(where);
      item.appendChild(document.createTextNode(" " + String(w.message || "") + (w.check ? " [" + w.check + "]" : "")));
      if (w.hint) {
        var hint = document.createElement("div");
        hint.textContent = "hint: " + String(w.hint);
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    box.appendChild(list);

    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss warnings";
    close.style.marginTop = "0.5rem";
    close.style.font = "inherit";
    close.addEventListener("click", function () {
      try {
        sessionStorage.setItem(dismissKey, signature);
      } catch (e) {
        // Dismissed for this page view only.
      }
      clearWarnings();
      var main = document.getElementById("main");
      if (main) {
        main.focus();
      }
    });
    box.appendChild(close);
    (document.body || document.documentElement).appendChild(box);
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
  source.addEventListener("warnings", function (e) {
    var data = payload(e);
    var all = data && Array.isArray(data.warnings) ? data.warnings : [];
    if (document.body) {
      showWarnings(all);
    } else {
      document.addEventListener("DOMContentLoaded", function () {
        showWarnings(all);
      });
    }
  });
})();
