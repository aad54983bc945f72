// Baseline search page: MiniSearch with the same fields, boosts, AND semantics and
// last-word prefix matching as Folio, over the same JSON Feed.
import MiniSearch from './minisearch.js';

const stripTags = (html) => html.replace(/<[^>]*>/g, ' ');

const response = await fetch('posts.json');
const feed = await response.json();
const docs = feed.items.map((item, id) => ({
  id,
  title: item.title ?? '',
  tags: (item.tags ?? []).join(' '),
  authors: (item.authors ?? []).map((a) => a.name).join(' '),
  summary: item.summary ?? '',
  body: stripTags(item.content_html ?? item.content_text ?? ''),
  date: Date.parse(item.date_published ?? '') || 0,
}));
const byDate = [...docs].sort((a, b) => b.date - a.date);

const search = new MiniSearch({
  fields: ['title', 'tags', 'authors', 'summary', 'body'],
  storeFields: ['title', 'date'],
  processTerm: (term) => term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(),
  searchOptions: {
    boost: { title: 8, tags: 4, authors: 3, summary: 2 },
    combineWith: 'AND',
    prefix: (_term, i, terms) => i === terms.length - 1,
  },
});
search.addAll(docs);

const input = document.getElementById('q');
const list = document.getElementById('results');
const count = document.getElementById('count');

function render() {
  const q = input.value.trim();
  const hits = q ? search.search(q) : byDate;
  count.textContent = `${hits.length} posts`;
  list.replaceChildren(
    ...hits.slice(0, 10).map((hit) => {
      const li = document.createElement('li');
      li.textContent = hit.title;
      return li;
    }),
  );
}
input.addEventListener('input', render);
render();
document.body.dataset.ready = 'true';
