// What a news site's readers expect around a post: reading time, related posts, sharing,
// and a feed to subscribe to.
import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, sampleFeed, useFeed } from './pages';

type Item = {
  title: string;
  date_published: string;
  content_html?: string;
  content_text?: string;
  tags?: string[];
  _folio: { slug: string; categories?: string[] };
};
const items: Item[] = sampleFeed.items;

/**
 * The related posts the app should list: those sharing tags or categories, the most
 * shared chosen first (the nearest in time among equals), shown newest first.
 */
function related(item: Item): string[] {
  const keys = (i: Item) => [...(i.tags ?? []).map((t) => `t:${t}`), ...(i._folio.categories ?? []).map((c) => `c:${c}`)];
  const mine = new Set(keys(item));
  const newest = [...items].sort((a, b) => Date.parse(b.date_published) - Date.parse(a.date_published));
  const at = newest.indexOf(item);
  return newest
    .map((other, position) => ({ position, shared: keys(other).filter((k) => mine.has(k)).length }))
    .filter((o) => o.position !== at && o.shared > 0)
    .sort((a, b) => b.shared - a.shared || Math.abs(a.position - at) - Math.abs(b.position - at) || a.position - b.position)
    .slice(0, 3)
    .sort((a, b) => a.position - b.position)
    .map((o) => newest[o.position].title);
}

test('cards and posts say how long they take to read, at each script\'s pace', async ({ page, baseURL }) => {
  // 665 English words at 220 a minute; 420 Persian words at 140; 520 Chinese characters at 260.
  await useFeed(page, baseURL, 'reading');
  const list = new ArchiveList(page);
  await list.goto();
  await expect(list.cards.locator('.folio-meta__reading')).toHaveText(['3 min read', '3 min read', '2 min read']);
  await list.titleLink('A long English post').click();
  await expect(page.locator('main article .folio-meta__reading')).toHaveText('3 min read');
});

test('a post ends with up to three related posts, which open', async ({ page }) => {
  const post = new PostView(page);
  const item = items.find((i) => related(i).length === 3) ?? items[0];
  const expected = related(item);
  expect(expected.length).toBeGreaterThan(0);
  await page.goto(`posts/${item._folio.slug}`);
  await expect(post.heading).toHaveText(item.title);
  const section = page.getByRole('region', { name: 'Related posts' });
  await expect(section.getByRole('link')).toHaveText(expected);
  await section.getByRole('link').first().click();
  await expect(post.heading).toHaveText(expected[0]);
});

test('Share copies the post\'s link and says so to screen readers', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL ?? 'http://127.0.0.1/').origin });
  const item = items[3];
  await page.goto(`posts/${item._folio.slug}?q=water`);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toHaveText('Link copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // The post's own address, without the search that led to it.
  expect(copied).toBe(new URL(`posts/${item._folio.slug}`, baseURL).href);
});

test('the header offers the feed to subscribe to, and the head names it for feed readers', async ({ page }, testInfo) => {
  const list = new ArchiveList(page);
  await list.goto();
  const subscribe = page.getByRole('link', { name: 'Subscribe to the feed' });
  const alternate = page.locator('head link[rel="alternate"][type="application/feed+json"]');
  if (testInfo.project.name === 'sharded') {
    // A sharded index's manifest is not a feed.
    await expect(subscribe).toHaveCount(0);
    return;
  }
  await expect(subscribe).toHaveAttribute('href', /posts\.json$/);
  await expect(alternate).toHaveCount(1);
  await expect(alternate).toHaveAttribute('href', /posts\.json$/);
  const response = await page.request.get((await subscribe.getAttribute('href')) ?? '');
  expect((await response.json()).version).toMatch(/^https:\/\/jsonfeed\.org\/version\//);
});
