/* Search page: Pagefind (served with the site) with Vietnamese labels, filters and ?q= links.
   Filter values are in the page (no filter index to download); queries are normalised the way
   the index was built (NFC, one tone placement) and "d" words are also searched as "đ". */
const form = document.querySelector("[data-gs-search]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-gs-status]");
const list = document.querySelector("[data-gs-results]");
const selects = [...form.querySelectorAll("[data-gs-filter]")];
const root = new URL(form.dataset.root, location.href);
const pagefind = await import(new URL("pagefind.js", new URL(form.dataset.bundle, location.href)).href);
await pagefind.options({ excerptLength: 24 });
pagefind.init();
const SHOWN = 10;

// generator/search.py tone_placement: word-final "oà" -> "òa", "uỷ" -> "ủy", ...
const PLACEMENT = {};
for (const [last, marks, lead, first] of [["a", "àáảãạ", "o", "òóỏõọ"], ["e", "èéẻẽẹ", "o", "òóỏõọ"], ["y", "ỳýỷỹỵ", "u", "ùúủũụ"]]) {
  [...marks].forEach((mark, i) => {
    PLACEMENT[lead + mark] = first[i] + last;
    PLACEMENT[(lead + mark).toUpperCase()] = (first[i] + last).toUpperCase();
  });
}
const NEW_STYLE = new RegExp(`(${Object.keys(PLACEMENT).join("|")})(?![\\p{L}\\p{N}])`, "gu");
const normalise = (text) => text.normalize("NFC").replace(NEW_STYLE, (m) => PLACEMENT[m]);

// "duc pho" -> ["duc pho", "đuc pho"]: Pagefind folds tone marks but not đ (at most 4 variants).
function variants(query) {
  let found = [query];
  const words = query.split(/\s+/);
  words.forEach((word, i) => {
    if (!/^d/i.test(word) || found.length >= 4) return;
    found = found.flatMap((q) => {
      const parts = q.split(/\s+/);
      parts[i] = (word[0] === "D" ? "Đ" : "đ") + word.slice(1);
      return [q, parts.join(" ")];
    });
  });
  return found;
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const select of selects) select.value = params.get(select.dataset.gsFilter) || "";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// Every query goes through here: one search per "đ" variant, merged, best score first.
async function searchAll(query, filters) {
  const searches = await Promise.all(
    (query ? variants(query) : [null]).map((q) => pagefind.search(q, { filters, sort: q ? undefined : { date: "desc" } })),
  );
  if (!query) return searches[0].results;
  const best = new Map();
  for (const search of searches) {
    for (const result of search.results) {
      const known = best.get(result.id);
      if (!known || known.score < result.score) best.set(result.id, result);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

// For scripts and tests: the same search as the page, as [{url, score}].
window.guongSang = {
  async search(text, filters = {}) {
    const ranked = await searchAll(normalise((text || "").trim()), filters);
    const data = await Promise.all(ranked.map((r) => r.data()));
    return ranked.map((r, i) => ({ url: data[i].url, score: r.score }));
  },
};

let generation = 0;
async function run() {
  const query = normalise(input.value.trim());
  const filters = {};
  const next = new URLSearchParams();
  if (input.value.trim()) next.set("q", input.value.trim());
  for (const select of selects) {
    if (select.value) {
      filters[select.dataset.gsFilter] = select.value;
      next.set(select.dataset.gsFilter, select.value);
    }
  }
  history.replaceState(null, "", next.toString() ? `?${next}` : location.pathname);
  const mine = ++generation;
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const ranked = await searchAll(query, filters);
  if (mine !== generation) return;  // a newer keystroke won
  const results = await Promise.all(ranked.slice(0, SHOWN).map((r) => r.data()));
  if (mine !== generation) return;
  status.textContent = ranked.length
    ? `Tìm thấy ${ranked.length} gương điển hình${ranked.length > SHOWN ? ` (hiện ${SHOWN} kết quả đầu)` : ""}.`
    : "Không tìm thấy gương điển hình nào. Thử gõ ít từ hơn hoặc bỏ bớt bộ lọc.";
  list.replaceChildren(...results.map((data) => {
    const item = element("li", "gs-search__result");
    const heading = element("h2", "gs-search__title");
    const link = element("a", "", data.meta.title);
    link.href = new URL(data.url.replace(/^\//, ""), root).href;
    heading.append(link);
    const meta = element("p", "gs-search__meta", [data.meta.subject, data.meta.date].filter(Boolean).join(" · "));
    const excerpt = element("p", "gs-search__excerpt");
    excerpt.innerHTML = data.excerpt;  // Pagefind escapes the text and adds <mark> around matches
    item.append(heading, meta, excerpt);
    return item;
  }));
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  const query = normalise(input.value.trim());
  if (query) pagefind.preload(query);  // start fetching index chunks while the user types
  timer = setTimeout(run, 60);
});
for (const select of selects) select.addEventListener("change", run);
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
run();
