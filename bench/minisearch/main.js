// Baseline search page: MiniSearch with the same fields, boosts, AND semantics and
// last-word prefix matching as Folio, over the same JSON Feed. Each result renders what
// a Folio card shows (title link, date, authors, tags, excerpt), so both pages do the
// same DOM work per keystroke.
import MiniSearch from './minisearch.js';

const stripTags = (html) => html.replace(/<[^>]*>/g, ' ');

const response = await fetch('posts.json');
const feed = await response.json();
const docs = feed.items.map((item, id) => {
  const body = stripTags(item.content_html ?? item.content_text ?? '');
  return {
    id,
    title: item.title ?? '',
    tags: (item.tags ?? []).join(' '),
    authors: (item.authors ?? []).map((a) => a.name).join(' '),
    summary: item.summary ?? '',
    body,
    date: Date.parse(item.date_published ?? '') || 0,
    excerpt: item.summary ?? body.split(/\s+/).slice(0, 55).join(' '),
  };
});
const byDate = [...docs].sort((a, b) => b.date - a.date);

const search = new MiniSearch({
  fields: ['title', 'tags', 'authors', 'summary', 'body'],
  storeFields: ['title', 'date', 'tags', 'authors', 'excerpt'],
  processTerm: (term) => term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(),
  searchOptions: {
    boost: { title: 8, tags: 4, authors: 3, summary: 2 },
    combineWith: 'AND',
    prefix: (_term, i, terms) => i === terms.length - 1,
  },
});
search.addAll(docs);

const dates = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
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
      const h2 = document.createElement('h2');
      const a = document.createElement('a');
      a.href = `#post-${hit.id}`;
      a.textContent = hit.title;
      h2.append(a);
      const time = document.createElement('time');
      time.textContent = dates.format(new Date(hit.date));
      const meta = document.createElement('p');
      meta.append('Posted on ', time, ` by ${hit.authors}`);
      const tags = document.createElement('ul');
      for (const tag of hit.tags.split(' ')) {
        const item = document.createElement('li');
        item.textContent = tag;
        tags.append(item);
      }
      const excerpt = document.createElement('p');
      excerpt.textContent = hit.excerpt;
      li.append(h2, meta, tags, excerpt);
      return li;
    }),
  );
}
input.addEventListener('input', render);
render();
document.body.dataset.ready = 'true';
