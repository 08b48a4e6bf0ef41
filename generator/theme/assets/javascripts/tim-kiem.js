/* Search page over the syllable index of generator/outputs/search_index.py (served with the site).
   A query is normalised like the index (NFC, lower case, one tone placement), each syllable is
   looked up in the file of its folded form ("đức" -> t/duc.json), the stories holding every
   syllable are scored by field (title 10, subject 7, movement/district 4, summary 1), exact
   spellings first when the query has diacritics, syllables that stand side by side in the query
   and in a story ("nông thôn mới") well above scattered ones, newest first on ties. Results come
   ten at a time ("Xem thêm"), each with its summary around the matched words and its names as
   labelled chips. */
const form = document.querySelector("[data-gs-search]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-gs-status]");
const list = document.querySelector("[data-gs-results]");
const selects = [...form.querySelectorAll("[data-gs-filter]")];
const root = new URL(form.dataset.root, location.href);
const base = new URL(form.dataset.index, location.href);
const PAGE = 10;
const WEIGHT = { 8: 10, 4: 7, 2: 4, 1: 1 };
const EXACT_BONUS = 5;
// Two query syllables side by side in a story, by the field where they are: more than any one
// syllable scores (10 + 7 + 4 + 1 + 5), so the phrase beats its words scattered; less in the
// names, where every story of the movement "... nông thôn mới" has it.
const PHRASE = { 8: 40, 4: 35, 1: 30, 2: 10 };
const PHRASE_BY_BITS = Array.from({ length: 16 }, (_, bits) =>
  Math.max(0, ...Object.keys(PHRASE).filter((bit) => bits & bit).map((bit) => PHRASE[bit])));
const EXCERPT = 220;  // characters of summary shown around the first match

// generator/outputs/search_index.py tone_placement: word-final "oà" -> "òa", "uỷ" -> "ủy", ...
const PLACEMENT = {};
for (const [last, marks, lead, first] of [["a", "àáảãạ", "o", "òóỏõọ"], ["e", "èéẻẽẹ", "o", "òóỏõọ"], ["y", "ỳýỷỹỵ", "u", "ùúủũụ"]]) {
  [...marks].forEach((mark, i) => {
    PLACEMENT[lead + mark] = first[i] + last;
    PLACEMENT[(lead + mark).toUpperCase()] = (first[i] + last).toUpperCase();
  });
}
const NEW_STYLE = new RegExp(`(${Object.keys(PLACEMENT).join("|")})(?![\\p{L}\\p{N}_])`, "gu");
const syllables = (text) =>
  (text.replace(/Ð/g, "Đ").replace(/ð/g, "đ").normalize("NFC").replace(NEW_STYLE, (m) => PLACEMENT[m]).toLowerCase()
    .match(/[\p{L}\p{N}_]+/gu) || []);
const fold = (syllable) => syllable.replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "");
// A word of shown text as the index files it: folding drops tones, so their placement does not matter.
const foldWord = (word) => fold(word.toLowerCase().replace(/ð/g, "đ"));

const cache = new Map();
function fetchJSON(path) {
  if (!cache.has(path)) {
    cache.set(path, fetch(new URL(path, base)).then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  return cache.get(path);
}
function undelta(values, withBits) {
  const out = new Map();
  let last = -1;
  for (const value of values) {
    const gap = withBits ? Math.floor(value / 16) : value;
    last += gap;
    out.set(last, withBits ? value % 16 : 0);
  }
  return out;
}
function fieldScore(bits) {
  let score = 0;
  for (const bit in WEIGHT) if (bits & bit) score += WEIGHT[bit];
  return score;
}

// Story ids matching the query and filters, best first, as [[id, score], ...].
// Fetched as the page opens, so that the first keystroke only waits for its syllables.
const known = fetchJSON("info.json").then((info) => new Set(info.words));
async function exists(folded) {
  return (await known).has(folded);
}

async function find(query, filters) {
  const sequence = syllables(query);
  const words = [...new Set(sequence)];
  const entries = new Map();
  let scores = null;
  for (const word of words) {
    const folded = fold(word);
    if (!(await exists(folded))) return [];
    const entry = await fetchJSON(`t/${folded}.json`);
    if (!entry) return [];
    entries.set(folded, entry);
    const docs = undelta(entry.a, true);
    const exact = word !== folded && entry.e[word] ? undelta(entry.e[word], false) : null;
    const next = new Map();
    for (const [doc, bits] of docs) {
      if (scores && !scores.has(doc)) continue;
      const bonus = exact && exact.has(doc) ? EXACT_BONUS : 0;
      next.set(doc, (scores ? scores.get(doc) : 0) + fieldScore(bits) + bonus);
    }
    scores = next;
  }
  // Each pair of neighbours in the query that are neighbours in a story's text.
  for (let i = 0; scores && i + 1 < sequence.length; i++) {
    const after = entries.get(fold(sequence[i])).n;
    const together = after && after[fold(sequence[i + 1])];
    if (!together) continue;
    for (const [doc, bits] of undelta(together, true)) {
      if (scores.has(doc)) scores.set(doc, scores.get(doc) + PHRASE_BY_BITS[bits]);
    }
  }
  for (const [key, file] of Object.entries(filters)) {
    const ids = await fetchJSON(`f/${key}/${file}.json`);
    const allowed = undelta(ids || [], false);
    if (scores === null) scores = new Map([...allowed.keys()].map((id) => [id, 0]));
    else for (const doc of [...scores.keys()]) if (!allowed.has(doc)) scores.delete(doc);
  }
  return [...(scores || new Map())].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

async function stories(ids) {
  const info = await fetchJSON("info.json");
  return Promise.all(ids.map(async (id) => {
    const shard = await fetchJSON(`m/${Math.floor(id / info.shard)}.json`);
    const [url, title, subject, date, summary, thumb, terms] = shard[id % info.shard];
    return { url, title, subject, date, summary, thumb, names: terms.map(([axis, name]) => [info.labels[axis], name]) };
  }));
}

// For scripts and tests: the same search as the page, as [{url (absolute), score}] (the first `limit`).
window.guongSang = {
  async search(text, filters = {}, limit = Infinity) {
    const files = {};
    for (const [key, value] of Object.entries(filters)) {
      const option = [...form.querySelector(`[data-gs-filter="${key}"]`).options].find((o) => o.value === value);
      files[key] = option ? option.dataset.file : "_";
    }
    const found = (await find((text || "").trim(), files)).slice(0, limit);
    const data = await stories(found.map(([id]) => id));
    return found.map(([, score], i) => ({ url: new URL(data[i].url, root).href, score }));
  },
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// `text` into `node`, the query's syllables marked whatever their accents (the story's own spelling shown).
function marked(node, text, wanted) {
  for (const part of text.split(/([\p{L}\p{N}_]+)/u)) {
    if (part && wanted.has(foldWord(part))) node.append(element("mark", "", part));
    else if (part) node.append(part);
  }
  return node;
}

// The story's summary around its first matched syllable (cut at word boundaries, "…" where cut).
function excerpt(story, wanted) {
  const text = story.summary || "";
  if (!text) return null;
  let start = 0;
  if (text.length > EXCERPT) {
    const words = [...text.matchAll(/[\p{L}\p{N}_]+/gu)];
    const hit = words.find((m) => wanted.has(foldWord(m[0])));
    if (hit) start = Math.max(0, Math.min(hit.index - 60, text.length - EXCERPT));
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  }
  let end = Math.min(text.length, start + EXCERPT);
  if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
  const node = element("p", "gs-search__excerpt");
  if (start > 0) node.append("… ");
  marked(node, text.slice(start, end), wanted);
  if (end < text.length) node.append(" …");
  return node;
}

// The story's names (movement, district, field, unit...) as labelled chips, matched words marked.
function chips(story, wanted) {
  const node = element("ul", "gs-search__chips");
  for (const [label, name] of story.names) {
    const chip = element("li", "gs-search__chip");
    chip.append(element("span", "gs-search__chip-label", `${label}: `));
    node.append(marked(chip, name, wanted));
  }
  return node;
}

function result(story, wanted) {
  const item = element("li", "gs-search__result");
  const heading = element("h2", "gs-search__title");
  const link = marked(element("a", ""), story.title, wanted);
  link.href = new URL(story.url, root).href;
  heading.append(link);
  const meta = element("p", "gs-search__meta");
  marked(meta, story.subject, wanted);
  if (story.date) meta.append(` · ${story.date}`);
  item.append(heading, meta);
  const summary = excerpt(story, wanted);
  if (summary) item.append(summary);
  item.append(chips(story, wanted));
  return item;
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const select of selects) select.value = params.get(select.dataset.gsFilter) || "";

const more = element("button", "md-button gs-search__more");
more.type = "button";
more.hidden = true;
list.after(more);
let current = { found: [], shown: 0, wanted: new Set() };

function describe() {
  const { found, shown } = current;
  status.textContent = found.length
    ? `Tìm thấy ${found.length} gương điển hình${found.length > shown ? ` (hiện ${shown} kết quả đầu)` : ""}.`
    : "Không tìm thấy gương điển hình nào. Thử gõ ít từ hơn hoặc bỏ bớt bộ lọc.";
  const left = found.length - shown;
  more.hidden = left <= 0;
  more.textContent = `Xem thêm ${Math.min(PAGE, left)} kết quả`;
}

// The next ten results, appended; focus moves to the first of them for keyboard and screen-reader users.
async function showMore(mine) {
  const batch = current.found.slice(current.shown, current.shown + PAGE);
  const data = await stories(batch.map(([id]) => id));
  if (mine !== generation) return false;
  const items = data.map((story) => result(story, current.wanted));
  list.append(...items);
  current.shown += items.length;
  describe();
  return items;
}
more.addEventListener("click", async () => {
  const items = await showMore(generation);
  if (items && items.length) items[0].querySelector("a").focus();
});

// Filters: behind one "Lọc" button on narrow screens (the fieldset shows itself on wide ones, see CSS).
const filtersBox = form.querySelector("[data-gs-filters]");
const toggle = form.querySelector("[data-gs-filters-toggle]");
function labelToggle() {
  const active = selects.filter((select) => select.value).length;
  toggle.textContent = active ? `Lọc (${active})` : "Lọc";
}
toggle.addEventListener("click", () => {
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  filtersBox.classList.toggle("gs-search__filters--open", open);
  if (open) selects[0]?.focus();
});

let generation = 0;
async function run() {
  const query = input.value.trim();
  const files = {};
  const next = new URLSearchParams();
  if (query) next.set("q", query);
  for (const select of selects) {
    if (select.value) {
      files[select.dataset.gsFilter] = select.selectedOptions[0].dataset.file;
      next.set(select.dataset.gsFilter, select.value);
    }
  }
  history.replaceState(null, "", next.toString() ? `?${next}` : location.pathname);
  labelToggle();
  const mine = ++generation;
  if (!query && !Object.keys(files).length) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  const found = await find(query, files);
  const first = await stories(found.slice(0, PAGE).map(([id]) => id));
  if (mine !== generation) return;  // a newer keystroke won
  current = { found, shown: first.length, wanted: new Set(syllables(query).map(fold)) };
  list.replaceChildren(...first.map((story) => result(story, current.wanted)));
  describe();
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  for (const word of syllables(input.value)) {  // fetch while typing
    exists(fold(word)).then((yes) => yes && fetchJSON(`t/${fold(word)}.json`));
  }
  timer = setTimeout(run, 30);
});
for (const select of selects) select.addEventListener("change", run);
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
run();
