/* Search page: Pagefind (served with the site) with Vietnamese labels, filters and ?q= links. */
const form = document.querySelector("[data-gs-search]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-gs-status]");
const list = document.querySelector("[data-gs-results]");
const selects = [...form.querySelectorAll("[data-gs-filter]")];
const root = new URL(form.dataset.root, location.href);
const pagefind = await import(new URL("pagefind.js", new URL(form.dataset.bundle, location.href)).href);
await pagefind.options({ excerptLength: 24 });
pagefind.init();

const available = await pagefind.filters();
for (const select of selects) {
  const values = Object.keys(available[select.dataset.gsFilter] || {}).sort((a, b) => a.localeCompare(b, "vi"));
  for (const value of values) select.add(new Option(value, value));
}
form.querySelector("[data-gs-filters]").hidden = false;

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const select of selects) select.value = params.get(select.dataset.gsFilter) || "";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

let generation = 0;
async function run() {
  const query = input.value.trim();
  const filters = {};
  const next = new URLSearchParams();
  if (query) next.set("q", query);
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
  const search = await pagefind.search(query || null, { filters, sort: query ? undefined : { date: "desc" } });
  const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  if (mine !== generation) return;  // a newer keystroke won
  status.textContent = search.results.length
    ? `Tìm thấy ${search.results.length} gương điển hình${search.results.length > 20 ? " (hiện 20 kết quả đầu)" : ""}.`
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
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
for (const select of selects) select.addEventListener("change", run);
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
run();
