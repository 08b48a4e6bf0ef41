/* Search page over the syllable index of generator/outputs/search_index.py (served with the site).
   A query is normalised like the index (NFC, lower case, one tone placement), each syllable is
   looked up in the file of its folded form ("đức" -> t/duc.json), the stories holding every
   syllable are scored by field (title 10, subject 7, movement/district 4, summary 1), exact
   spellings first when the query has diacritics, newest first on ties. */
const form = document.querySelector("[data-gs-search]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-gs-status]");
const list = document.querySelector("[data-gs-results]");
const selects = [...form.querySelectorAll("[data-gs-filter]")];
const root = new URL(form.dataset.root, location.href);
const base = new URL(form.dataset.index, location.href);
const SHOWN = 10;
const WEIGHT = { 8: 10, 4: 7, 2: 4, 1: 1 };
const EXACT_BONUS = 5;

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
  const words = [...new Set(syllables(query))];
  let scores = null;
  for (const word of words) {
    const folded = fold(word);
    if (!(await exists(folded))) return [];
    const entry = await fetchJSON(`t/${folded}.json`);
    if (!entry) return [];
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
    const [url, title, subject, date, summary, thumb, names] = shard[id % info.shard];
    return { url, title, subject, date, summary, thumb, names };
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

// The summary, or else the text that matched (subject, movement and district names), with the
// query's syllables marked whatever their accents.
function excerpt(story, words) {
  const wanted = new Set(words.map(fold));
  const matches = (text) => (text ? syllables(text).some((w) => wanted.has(fold(w))) : false);
  const text = [story.summary, story.subject, story.names].find(matches) || story.summary || story.subject;
  const node = element("p", "gs-search__excerpt");
  for (const part of text.split(/([\p{L}\p{N}_]+)/u)) {
    if (part && wanted.has(fold(syllables(part)[0] || ""))) node.append(element("mark", "", part));
    else node.append(part);
  }
  return node;
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const select of selects) select.value = params.get(select.dataset.gsFilter) || "";

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
  const mine = ++generation;
  if (!query && !Object.keys(files).length) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const found = await find(query, files);
  const shown = await stories(found.slice(0, SHOWN).map(([id]) => id));
  if (mine !== generation) return;  // a newer keystroke won
  status.textContent = found.length
    ? `Tìm thấy ${found.length} gương điển hình${found.length > SHOWN ? ` (hiện ${SHOWN} kết quả đầu)` : ""}.`
    : "Không tìm thấy gương điển hình nào. Thử gõ ít từ hơn hoặc bỏ bớt bộ lọc.";
  const words = syllables(query);
  list.replaceChildren(...shown.map((story) => {
    const item = element("li", "gs-search__result");
    const heading = element("h2", "gs-search__title");
    const link = element("a", "", story.title);
    link.href = new URL(story.url, root).href;
    heading.append(link);
    item.append(heading, element("p", "gs-search__meta", [story.subject, story.date].filter(Boolean).join(" · ")),
      excerpt(story, words));
    return item;
  }));
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
