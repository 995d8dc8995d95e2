// medkb default theme search UI, published at /search/search-ui.js and
// loaded on every page with <script type="module" src="/search/search-ui.js">.
// It injects no <style> and writes no style attribute: it toggles the
// hidden attribute, ARIA attributes and classes, and sets one custom
// property through the CSSOM (the header popup's room on screen, and the
// lines a result taller than the popup shows; style-src does not govern
// the CSSOM), so it runs under a strict
// Content-Security-Policy (script-src 'self'; style-src 'self').
//
// Markup it upgrades (rendered by the theme):
//
//   Header, every page:
//     <form class="site-search" role="search" action="/search/" method="get"
//           data-base="/search/" data-results="%d results" …>
//       <label for="q" class="visually-hidden">Search</label>
//       <input id="q" name="q" type="search" autocomplete="off">
//       <button type="submit">Search</button>
//     </form>
//   becomes a WAI-ARIA 1.2 combobox with a listbox of live results. The
//   listbox is aria-busy from a key until the results for the box's text
//   are in it. The open popup is kept on screen: --search-popup-room on it
//   is the height from its top to the bottom of the visual viewport (less
//   an on-screen keyboard or a pinch zoom), updated on open, resize and
//   scroll; the theme's CSS caps the popup's height with it, and the
//   results scroll inside the popup. New results one of which is taller
//   than that room scroll the page so that the box is at the top of the
//   screen; a result still taller than the popup is clamped to the lines
//   it holds: its <span class="search-result-head">
//   (title and language label) gets class search-clamp and
//   --search-lines, its <span class="search-excerpt"> --search-lines or,
//   with no line left, class visually-hidden.
//
//   Search page:
//     <div id="search-page" data-base="/search/" …>
//       <form> with input[name=q], optional select[name=section] and
//              select[name=audience] </form>
//       <p class="search-nojs">…</p>          hidden by this script
//       <p class="search-status" role="status" aria-live="polite"></p>
//       <ol class="search-results"></ol>
//     </div>
//
// UI strings come from data- attributes on the form or container, with
// English fallbacks: data-results ("%d results"), data-results-one
// ("1 result"), data-none ("No results for “%s”."), data-suggest ("Did you
// mean"), data-loading ("Searching…"), data-error ("Search is unavailable
// right now."), data-any ("Any"), data-audience ("For %s": the label of a
// result written for readers other than patients), data-audience-professional
// ("For health professionals": the label of audience "professional"),
// data-reviewed ("Reviewed": before the date of the last medical review),
// data-months (twelve month names, comma-separated) and data-date-layout
// ("{d} {month} {yyyy}"): the date as the site's pages write it; without
// them, Intl.DateTimeFormat in the page's language. data-base
// overrides the index directory (default: this module's directory). A
// result from the default language's index (search.js's cross-language
// fallback) carries lang and dir=auto on its item and a
// <span class="search-result-lang" lang="en">English</span> label with the
// language's name from the site's configuration.
//
// No results: the header popup shows the "none" sentence visibly, with a
// link to the search page; the search page shows its
// <div class="search-empty" hidden> (suggestions, rendered by the theme)
// after the "none" sentence.

// The search module (search.js, beside each index, with its manifest
// written in) is imported when the reader first shows they will search: a
// tap or focus on the box, or a search page opened with a query. A page
// nobody searches from loads this file only; a first query after the
// import waits for one round of requests (its postings).
const modules = new Map();
function engine(opts) {
  const href = new URL("search.js", opts.base ?? import.meta.url).href;
  let p = modules.get(href);
  if (!p) {
    p = import(href);
    p.catch(() => modules.delete(href));
    modules.set(href, p);
  }
  return p;
}
const search = (q, opts) => engine(opts).then((m) => m.search(q, opts));
const suggest = (q, opts) => engine(opts).then((m) => m.suggest(q, opts));
const facets = (opts) => engine(opts).then((m) => m.facets(opts));
const warm = (opts) => engine(opts).then((m) => m.warm(opts), () => undefined);

const DEBOUNCE_MS = 150;
const POPUP_LIMIT = 8;
const PAGE_LIMIT = 50;
// POPUP_GAP is the space, in CSS pixels, the header popup leaves between
// its bottom and the bottom of the screen; POPUP_MIN_ROOM the least room
// it takes when the screen has less below it (the box just above an
// on-screen keyboard): the popup then ends below the screen and scrolling
// the page shows it, as it did before the popup was fitted.
const POPUP_GAP = 8;
const POPUP_MIN_ROOM = 96;

const FALLBACK = {
  results: "%d results",
  resultsOne: "1 result",
  none: "No results for “%s”.",
  suggest: "Did you mean",
  loading: "Searching…",
  error: "Search is unavailable right now.",
  any: "Any",
  audience: "For %s",
  professional: "For health professionals",
  reviewed: "Reviewed",
};

// Audiences that need no label: pages for patients and the public.
const PATIENT_AUDIENCES = new Set(["", "patient", "patients", "public", "general", "all", "everyone", "carer", "carers", "caregiver", "caregivers", "family"]);

function strings(el) {
  const d = el.dataset;
  return {
    results: d.results || FALLBACK.results,
    resultsOne: d.resultsOne || FALLBACK.resultsOne,
    none: d.none || FALLBACK.none,
    suggest: d.suggest || FALLBACK.suggest,
    loading: d.loading || FALLBACK.loading,
    error: d.error || FALLBACK.error,
    any: d.any || FALLBACK.any,
    audience: d.audience || FALLBACK.audience,
    professional: d.audienceProfessional || FALLBACK.professional,
    reviewed: d.reviewed || FALLBACK.reviewed,
    months: (d.months || "").split(","),
    dateLayout: d.dateLayout || "",
  };
}

// audienceLabel is the badge of a result for readers other than patients,
// or "".
function audienceLabel(s, audience) {
  const a = (audience || "").toLowerCase();
  if (PATIENT_AUDIENCES.has(a)) return "";
  return a === "professional" ? s.professional : s.audience.replace("%s", audience);
}

// humanDate formats "YYYY-MM-DD" as a long date in the page's language
// ("26 May 2026"), or "" for no date.
function humanDate(s, iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return "";
  if (s.dateLayout && s.months.length === 12) {
    const parts = { "{d}": String(Number(m[3])), "{month}": s.months[Number(m[2]) - 1].trim(), "{yyyy}": m[1] };
    return s.dateLayout.replace(/\{d\}|\{month\}|\{yyyy\}/g, (k) => parts[k]);
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long", timeZone: "UTC" }).format(d);
  } catch {
    return iso;
  }
}

function countText(s, n) {
  return n === 1 ? s.resultsOne : s.results.replace("%d", String(n));
}

function options(el) {
  return el.dataset.base ? { base: new URL(el.dataset.base, document.baseURI) } : {};
}

function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// latest wraps an async function so only the newest call's result is
// delivered: a slow response never overwrites a newer one.
function latest(fn, deliver) {
  let seq = 0;
  return async (...args) => {
    const mine = ++seq;
    try {
      const value = await fn(...args);
      if (mine === seq) deliver(null, value);
    } catch (err) {
      if (mine === seq) deliver(err);
    }
  };
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// langLabel is the label of a result from the fallback index of another
// language (search.js sets r.language, its name: "English"), or null.
function langLabel(r) {
  return r.language ? el("span", { class: "search-result-lang", lang: r.lang }, r.language) : null;
}

// markLang gives the element of a result in another language its lang
// attribute (and dir=auto), so it is read and laid out in that language.
function markLang(node, r) {
  if (r.language) {
    node.setAttribute("lang", r.lang);
    node.setAttribute("dir", "auto");
  }
  return node;
}

// resultContent renders one result; the excerpt is safe HTML from search.js,
// everything else is text.
function resultContent(r) {
  const frag = document.createDocumentFragment();
  // The head (the title and a language label) is one block, clamped as one
  // when a result is taller than the popup (Combobox.clamp).
  const head = el("span", { class: "search-result-head" });
  head.append(el("span", { class: "search-result-title", dir: "auto" }, r.title || r.url));
  const lang = langLabel(r);
  if (lang) head.append(" ", lang);
  frag.append(head);
  if (r.excerpt) {
    const ex = el("span", { class: "search-excerpt" });
    ex.innerHTML = r.excerpt;
    frag.append(ex);
  }
  return frag;
}

let uid = 0;

// Combobox upgrades the header form.
class Combobox {
  constructor(form) {
    this.form = form;
    this.input = form.querySelector('input[name="q"]');
    this.s = strings(form);
    this.opts = options(form);
    this.active = -1;
    this.results = [];
    const id = `site-search-${++uid}`;
    this.list = el("ul", { id: `${id}-listbox`, role: "listbox", class: "search-popup" });
    this.list.hidden = true;
    const label = form.querySelector(`label[for="${this.input.id}"]`);
    if (label) {
      if (!label.id) label.id = `${id}-label`;
      this.list.setAttribute("aria-labelledby", label.id);
    }
    this.status = el("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    // Seen, not spoken (the status speaks): "No results for …" under the box.
    this.empty = el("p", { class: "search-popup search-popup-empty", "aria-hidden": "true" });
    this.empty.hidden = true;
    form.append(this.list, this.empty, this.status);
    this.prefix = id;
    for (const [k, v] of Object.entries({
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": this.list.id,
    })) {
      this.input.setAttribute(k, v);
    }
    this.run = latest(
      (q) => search(q, { ...this.opts, limit: POPUP_LIMIT }),
      (err, results) => this.show(err, results),
    );
    // The search module and its manifest load while the reader types
    // (warm): their first query then waits for one round trip, not two.
    // A tap or click says so before focus does (and a window without
    // focus fires none).
    const warmUp = () => warm(this.opts);
    for (const ev of ["pointerdown", "focus"]) this.input.addEventListener(ev, warmUp, { once: true });
    // typing: a key changed the text after the last search started. The
    // listbox stays aria-busy until the results for the text are in it.
    this.typing = false;
    this.input.addEventListener("input", () => {
      this.typing = true;
      this.list.setAttribute("aria-busy", "true");
    });
    this.input.addEventListener("input", debounce(() => this.update(), DEBOUNCE_MS));
    this.input.addEventListener("keydown", (e) => this.key(e));
    const fit = () => this.fit();
    window.addEventListener("resize", fit, { passive: true });
    window.addEventListener("scroll", fit, { passive: true });
    window.visualViewport?.addEventListener("resize", fit, { passive: true });
    window.visualViewport?.addEventListener("scroll", fit, { passive: true });
    this.form.addEventListener("focusout", (e) => {
      if (!this.form.contains(e.relatedTarget)) this.close();
    });
    this.list.addEventListener("mousedown", (e) => e.preventDefault()); // keep focus in the input
    this.list.addEventListener("click", (e) => {
      const li = e.target.closest('[role="option"]');
      if (li) this.open(Number(li.dataset.index));
    });
  }

  update() {
    this.typing = false;
    const q = this.input.value;
    if (!q.trim()) {
      this.run(""); // cancels a pending response
      this.close();
      this.status.textContent = "";
      this.list.removeAttribute("aria-busy");
      return;
    }
    this.run(q);
  }

  // show is called with the results of the newest search only (latest),
  // but a key may have changed the text since it started.
  show(err, results) {
    if (!this.typing) this.list.removeAttribute("aria-busy");
    this.results = err ? [] : results;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.replaceChildren(
      ...this.results.map((r, i) => {
        const li = el("li", { role: "option", id: `${this.prefix}-opt-${i}`, "aria-selected": "false" });
        li.dataset.index = String(i);
        li.append(resultContent(r));
        return markLang(li, r);
      }),
    );
    if (!this.input.value.trim()) return this.close();
    this.status.textContent = err
      ? this.s.error
      : this.results.length
        ? countText(this.s, this.results.length)
        : this.s.none.replace("%s", this.input.value.trim());
    this.setOpen(this.results.length > 0);
    this.empty.textContent = err ? this.s.error : this.s.none.replace("%s", this.input.value.trim());
    this.empty.hidden = this.results.length > 0;
  }

  setOpen(open) {
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", String(open));
    if (!open) {
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
    }
    this.fit();
  }

  // fit sets --search-popup-room on the open popup: the height from its
  // top to the bottom of the visual viewport, less POPUP_GAP. The header
  // above the box grows with the text size, so at 200 % text on a phone a
  // popup of 70vh (the CSS cap, and all there is without this script)
  // ended below the screen.
  //
  // New results one of which is taller than that room first move the box
  // up (raise): on a phone at 200 % text the header above the box takes a
  // third of the screen or more. Results that still do not fit (an
  // on-screen keyboard or a pinch zoom shrinks the screen) are clamped.
  fit() {
    if (this.list.hidden) return;
    let room = this.room();
    if (this.fitResults !== this.results && this.tooTall(room) && this.raise()) room = this.room();
    const key = `${room} ${this.list.clientWidth}`;
    if (key === this.fitKey && this.fitResults === this.results) return;
    this.fitKey = key;
    this.fitResults = this.results;
    this.list.style.setProperty("--search-popup-room", `${room}px`);
    this.clamp(room);
  }

  // room is the height from the popup's top to the bottom of the visual
  // viewport, less POPUP_GAP, and at least POPUP_MIN_ROOM.
  room() {
    const vv = window.visualViewport;
    const bottom = vv ? vv.offsetTop + vv.height : document.documentElement.clientHeight;
    return Math.max(Math.floor(bottom - this.list.getBoundingClientRect().top - POPUP_GAP), POPUP_MIN_ROOM);
  }

  // tooTall reports whether a result, as the CSS lays it out, is taller
  // than a popup of room.
  tooTall(room) {
    const inside = room - (this.list.offsetHeight - this.list.clientHeight);
    return this.options().some((li) => li.getBoundingClientRect().height > inside);
  }

  // raise scrolls the page so that the box is POPUP_GAP below the top of
  // the screen, as far as the page scrolls, giving the popup the screen
  // below it (MkDocs Material's search, on a phone, is a layer over the
  // whole screen with its box at the top). It reports whether the page
  // moved. It runs for new results only: a reader who scrolls the page
  // with the popup open is not pulled back.
  raise() {
    const vv = window.visualViewport;
    const dy = Math.floor(this.form.getBoundingClientRect().top - (vv ? vv.offsetTop : 0) - POPUP_GAP);
    if (dy < 1) return false;
    const before = window.scrollY;
    window.scrollBy({ top: dy, behavior: "instant" });
    return window.scrollY !== before;
  }

  // clamp makes each result fit the popup whole: a result taller than the
  // popup (at 200 % text a long title with two lines of excerpt is 379 px
  // on a 320×568 phone; with an on-screen keyboard, or a pinch zoom, half
  // of that screen leaves 172 px below the raised box) shows as many lines
  // as the popup holds: its
  // head (title and language label) first, whole when it fits (a title
  // cut short can name another page: "Blood pressure…"), then the lines
  // left of its excerpt. The head and excerpt are clamped (line-clamp,
  // with an ellipsis) to --search-lines lines, and an excerpt with no line
  // left is visually hidden. Every word is still in the option, so its
  // accessible name is whole, and the search page shows each result whole.
  // A result that fits is left as the theme's CSS lays it out.
  clamp(room) {
    const items = this.options();
    for (const li of items) {
      for (const part of li.querySelectorAll(".search-result-head, .search-excerpt")) {
        part.classList.remove("search-clamp", "visually-hidden");
        part.style.removeProperty("--search-lines");
      }
    }
    if (!items.length) return;
    // Every size is read before anything is written: one layout.
    const inside = room - (this.list.offsetHeight - this.list.clientHeight); // less the popup's border
    const cs = getComputedStyle(items[0]);
    const line = parseFloat(cs.lineHeight) || 1.2 * parseFloat(cs.fontSize);
    const frame = ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"].reduce((n, k) => n + (parseFloat(cs[k]) || 0), 0);
    const lines = Math.max(1, Math.floor((inside - frame) / line));
    const cuts = [];
    for (const li of items) {
      if (li.getBoundingClientRect().height <= inside) continue;
      const head = li.querySelector(".search-result-head");
      const ex = li.querySelector(".search-excerpt");
      const headLines = head ? Math.round(head.getBoundingClientRect().height / line) : 0;
      const exLines = ex ? Math.round(ex.getBoundingClientRect().height / line) : 0;
      const showHead = Math.min(headLines, lines);
      cuts.push({ head, ex, headLines, exLines, showHead, showEx: Math.min(exLines, lines - showHead) });
    }
    for (const { head, ex, headLines, exLines, showHead, showEx } of cuts) {
      if (showHead < headLines) {
        head.classList.add("search-clamp");
        head.style.setProperty("--search-lines", String(showHead));
      }
      if (showEx < exLines) {
        if (showEx > 0) ex.style.setProperty("--search-lines", String(showEx));
        else ex.classList.add("visually-hidden");
      }
    }
  }

  close() {
    this.setOpen(false);
    if (this.empty) this.empty.hidden = true;
  }

  move(delta) {
    const n = this.results.length;
    if (!n) return;
    if (this.list.hidden) this.setOpen(true);
    const next = this.active < 0 ? (delta > 0 ? 0 : n - 1) : (this.active + delta + n) % n;
    this.options().forEach((li, i) => {
      li.setAttribute("aria-selected", String(i === next));
      li.classList.toggle("is-active", i === next);
    });
    this.active = next;
    const li = this.options()[next];
    this.input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  }

  options() {
    return Array.from(this.list.children);
  }

  open(i) {
    const r = this.results[i];
    if (r) window.location.assign(new URL(r.url, document.baseURI));
  }

  key(e) {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        this.move(1);
        break;
      case "ArrowUp":
        e.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        if (!this.list.hidden && this.active >= 0) {
          e.preventDefault();
          this.open(this.active);
        } // otherwise the form submits to the search page
        break;
      case "Escape":
        if (!this.list.hidden) {
          e.preventDefault();
          this.close();
        } else if (this.input.value) {
          e.preventDefault();
          this.input.value = "";
          this.status.textContent = "";
        }
        break;
    }
  }
}

// SearchPage drives /search/?q=….
class SearchPage {
  constructor(root) {
    this.root = root;
    this.s = strings(root);
    this.opts = options(root);
    this.form = root.querySelector("form");
    this.input = root.querySelector('input[name="q"]');
    this.section = root.querySelector('select[name="section"]');
    this.audience = root.querySelector('select[name="audience"]');
    this.status = root.querySelector(".search-status") || root.appendChild(el("p", { class: "search-status", role: "status", "aria-live": "polite" }));
    this.list = root.querySelector(".search-results") || root.appendChild(el("ol", { class: "search-results" }));
    this.suggestions = el("p", { class: "search-suggestions" });
    this.suggestions.hidden = true;
    this.status.after(this.suggestions);
    this.empty = root.querySelector(".search-empty");
    root.querySelectorAll(".search-nojs").forEach((n) => (n.hidden = true));
    const params = new URLSearchParams(window.location.search);
    this.input.value = params.get("q") || "";
    this.run = latest(
      (q, f) => search(q, { ...this.opts, ...f, limit: PAGE_LIMIT }),
      (err, results) => this.show(err, results),
    );
    this.fillFilters(params).then(() => this.update());
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.update();
    });
    this.input.addEventListener("input", debounce(() => this.update(), DEBOUNCE_MS));
    for (const sel of [this.section, this.audience]) sel?.addEventListener("change", () => this.update());
  }

  // fillFilters adds the index's sections and audiences to empty menus and
  // selects the values from the URL.
  async fillFilters(params) {
    let f = null;
    try {
      f = await facets(this.opts);
    } catch {
      // Menus keep what the theme rendered.
    }
    const fill = (sel, items, name) => {
      if (!sel) return;
      const have = new Set(Array.from(sel.options, (o) => o.value));
      if (!have.has("")) sel.prepend(el("option", { value: "" }, this.s.any));
      for (const it of items) if (!have.has(it.name)) sel.append(el("option", { value: it.name }, it.title || it.name));
      sel.value = params.get(name) || "";
    };
    fill(this.section, f?.sections ?? [], "section");
    fill(this.audience, f?.audiences ?? [], "audience");
  }

  filters() {
    const f = {};
    if (this.section?.value) f.section = this.section.value;
    if (this.audience?.value) f.audience = this.audience.value;
    return f;
  }

  update() {
    const q = this.input.value;
    const f = this.filters();
    const params = new URLSearchParams();
    if (q.trim()) params.set("q", q.trim());
    for (const [k, v] of Object.entries(f)) params.set(k, v);
    const qs = params.toString();
    window.history.replaceState(null, "", qs ? `?${qs}` : window.location.pathname);
    this.query = q.trim();
    if (!this.query) {
      this.run("", f);
      this.list.replaceChildren();
      this.status.textContent = "";
      this.suggestions.hidden = true;
      if (this.empty) this.empty.hidden = true;
      return;
    }
    this.list.setAttribute("aria-busy", "true");
    this.run(q, f);
  }

  show(err, results) {
    this.list.removeAttribute("aria-busy");
    this.suggestions.hidden = true;
    if (!this.query) return;
    if (err) {
      this.list.replaceChildren();
      this.status.textContent = this.s.error;
      if (this.empty) this.empty.hidden = true;
      return;
    }
    this.list.replaceChildren(...results.map((r) => this.item(r)));
    this.status.textContent = results.length ? countText(this.s, results.length) : this.s.none.replace("%s", this.query);
    if (this.empty) this.empty.hidden = results.length > 0;
    // A word the index does not know (a typo, or a drug the site has no
    // page for) gets a spelling suggestion even when typo-tolerant
    // matching found something: suggest() only answers for such words.
    this.offerSuggestions(this.query);
  }

  item(r) {
    const li = el("li", { class: "search-result" });
    const a = el("a", { href: r.url, class: "search-result-title", dir: "auto" }, r.title || r.url);
    li.append(a);
    const label = audienceLabel(this.s, r.audience);
    const reviewed = humanDate(this.s, r.reviewed);
    const meta = [r.sectionTitle || r.section, reviewed && `${this.s.reviewed} ${reviewed}`].filter(Boolean).join(" · ");
    if (meta || label) {
      const div = el("div", { class: "search-result-meta" }, meta);
      if (label) div.append(meta ? " " : "", el("span", { class: "badge" }, label));
      li.append(div);
    }
    const lang = langLabel(r);
    if (lang) {
      a.setAttribute("hreflang", r.lang);
      const div = el("div", { class: "search-result-meta" });
      div.append(lang);
      li.append(div);
    }
    if (r.excerpt) {
      const ex = el("p", { class: "excerpt" });
      ex.innerHTML = r.excerpt;
      li.append(ex);
    }
    return markLang(li, r);
  }

  async offerSuggestions(q) {
    let list = [];
    try {
      list = await suggest(q, this.opts);
    } catch {
      return;
    }
    if (!list.length || q !== this.query) return;
    this.suggestions.replaceChildren(`${this.s.suggest}: `);
    list.forEach((s, i) => {
      const params = new URLSearchParams({ q: s, ...this.filters() });
      const a = el("a", { href: `?${params}` }, s);
      a.addEventListener("click", (e) => {
        e.preventDefault();
        this.input.value = s;
        this.update();
        this.input.focus();
      });
      if (i) this.suggestions.append(", ");
      this.suggestions.append(a);
    });
    this.suggestions.append("?");
    this.suggestions.hidden = false;
  }
}

function init() {
  document.querySelectorAll("form.site-search").forEach((form) => {
    if (form.querySelector('input[name="q"]')) new Combobox(form);
  });
  const page = document.getElementById("search-page");
  if (page && page.querySelector('input[name="q"]') && page.querySelector("form")) new SearchPage(page);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
