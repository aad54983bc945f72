// What only a sharded index does: fetch pieces as views need them, within a byte budget,
// and recover from a failed or vanished piece. (The search, filter, reader, URL-state,
// focus and embedding specs also run against the sample's sharded form: the `sharded`
// project in playwright.config.ts.)
import { readFileSync } from 'node:fs';
import { expect, test, type Page, type Request } from '@playwright/test';
import { ArchiveList, Filters, PostView, useFeed, useSharded } from './pages';

const KB = 1024;

/** Every request for a file of a sharded index, with the bytes it took on the wire. */
class IndexTraffic {
  private readonly pending: Promise<{ name: string; bytes: number; status: number; range: string | undefined }>[] = [];

  constructor(page: Page) {
    page.on('requestfinished', (request: Request) => {
      if (!/\/index\/[^/]+$/.test(new URL(request.url()).pathname)) return;
      const record = (async () => {
        const [sizes, response, headers] = await Promise.all([request.sizes(), request.response(), request.allHeaders()]);
        return {
          name: new URL(request.url()).pathname.split('/').pop() ?? '',
          bytes: sizes.responseBodySize,
          status: response?.status() ?? 0,
          range: headers.range,
        };
      })();
      // A request that finishes as the test ends is read after its page has closed, and
      // nobody takes it: its rejection must not surface as an error outside any test
      // (it did, failing a whole run). One taken during the test still fails `take()`.
      record.catch(() => {});
      this.pending.push(record);
    });
  }

  /** What has been fetched since the last call. */
  async take() {
    const done = await Promise.all(this.pending.splice(0));
    return { files: done, bytes: done.reduce((sum, f) => sum + f.bytes, 0) };
  }
}

test.describe('a 10,000-post archive', () => {
  const feed = JSON.parse(readFileSync('target/e2e-sites/sharded/big/posts.json', 'utf8'));

  test('the first list and a search fetch only what they need, within budget', async ({ page, baseURL }) => {
    await useSharded(page, baseURL, 'big');
    const traffic = new IndexTraffic(page);
    const list = new ArchiveList(page);
    const filters = new Filters(page);
    await list.goto();
    await expect(filters.count).toHaveText('10000 posts');
    await expect(list.cards).toHaveCount(10);

    // The manifest and the newest posts' chunk: nothing else, however large the archive.
    const first = await traffic.take();
    expect(first.files.map((f) => f.name.replace(/-[0-9a-f]{16}/, '')).sort()).toEqual(['first.json', 'manifest.json']);
    expect(first.bytes).toBeLessThanOrEqual(150 * KB);

    await filters.search.fill('harbour fog');
    await expect(filters.count).toHaveText(/^\d+ posts?$/);
    await expect(list.cards.first()).toBeVisible();
    const search = await traffic.take();
    expect(search.bytes).toBeLessThanOrEqual(300 * KB);
    // Columns, the terms directory and the two words' term chunks (and records for the
    // page of results), but no bodies and no folded texts.
    expect(search.files.some((f) => f.name.startsWith('columns-'))).toBe(true);
    expect(search.files.filter((f) => f.name.startsWith('terms-') && !f.name.startsWith('terms-dir')).length).toBeLessThanOrEqual(2);
    expect(search.files.filter((f) => /^(bodies|texts)-/.test(f.name))).toEqual([]);

    // The next search reuses the columns and directory.
    await filters.search.fill('kingfisher');
    await expect(filters.count).toHaveText(/^\d+ posts?$/);
    const next = await traffic.take();
    expect(next.files.filter((f) => /^(columns|terms-dir)-/.test(f.name))).toEqual([]);
    expect(next.bytes).toBeLessThanOrEqual(300 * KB);
  });

  test('a deep link to an old post loads its slug bucket, its records and a byte range of one bundle', async ({ page, baseURL }) => {
    await useSharded(page, baseURL, 'big');
    const item = feed.items[6543];
    const traffic = new IndexTraffic(page);
    await page.goto(`posts/${encodeURIComponent(item._folio.slug)}`);
    const post = new PostView(page);
    await expect(post.heading).toHaveText(item.title.replace(/&amp;/g, '&'));
    const firstParagraph = item.content_html.match(/<p>(.*?)<\/p>/)[1].replace(/<[^>]+>/g, '').slice(0, 40);
    await expect(post.body).toContainText(firstParagraph);

    const { files } = await traffic.take();
    const bundle = files.filter((f) => f.name.startsWith('bodies-'));
    expect(bundle).toHaveLength(1);
    expect(bundle[0].status).toBe(206);
    expect(bundle[0].range).toMatch(/^bytes=\d+-\d+$/);
    expect(bundle[0].bytes).toBeLessThan(64 * KB);
    expect(files.filter((f) => f.name.startsWith('columns-') || f.name.startsWith('texts-'))).toEqual([]);

    // Its neighbours are linked, and the older one opens from the chunk already here.
    await post.page.getByRole('link', { name: new RegExp(`Older post`) }).click();
    await expect(post.heading).toHaveText(feed.items[6544].title.replace(/&amp;/g, '&'));
  });

  test('a server that ignores byte ranges still gives the right post and body', async ({ page, baseURL }) => {
    await useSharded(page, baseURL, 'big');
    await page.context().addCookies([{ name: 'folio-no-ranges', value: '1', url: baseURL ?? '' }]);
    const item = feed.items[4321];
    await page.goto(`posts/${encodeURIComponent(item._folio.slug)}`);
    const post = new PostView(page);
    await expect(post.heading).toHaveText(item.title.replace(/&amp;/g, '&'));
    const lastParagraph = [...item.content_html.matchAll(/<p>(.*?)<\/p>/g)].pop()[1].replace(/<[^>]+>/g, '').slice(-40);
    await expect(post.body).toContainText(lastParagraph);
    await expect(post.page.getByRole('link', { name: /Newer post/ })).toContainText(feed.items[4320].title.replace(/&amp;/g, '&'));
  });
});

test('a slow answer for an earlier query never replaces the results of a later one', async ({ page, baseURL }) => {
  await useSharded(page, baseURL, 'big');
  // The term chunk that holds "kingfisher", from the index's own directory.
  const index = 'target/e2e-sites/sharded/big/index';
  const manifest = JSON.parse(readFileSync(`${index}/manifest.json`, 'utf8'));
  const terms: [string, string][] = JSON.parse(readFileSync(`${index}/${manifest.terms}`, 'utf8'));
  const slowChunk = terms.filter(([first]) => first <= 'kingfisher').pop()?.[1] ?? '';
  const harbourChunk = terms.filter(([first]) => first <= 'harbour').pop()?.[1] ?? '';
  expect(slowChunk).not.toBe(harbourChunk);

  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  // A first search brings in the columns and the directories.
  await filters.search.fill('rain');
  await expect(filters.count).toHaveText(/^\d+ posts?$/);

  await page.context().addCookies([{ name: 'folio-shard-slow', value: slowChunk.replace(/\.json$/, ''), url: baseURL ?? '' }]);
  const slowAnswer = page.waitForResponse((r) => r.url().endsWith(slowChunk));
  await filters.search.fill('kingfisher');
  await expect(filters.count).toHaveText('Searching…');
  await filters.search.fill('harbour');
  await expect(filters.count).toHaveText(/^\d+ posts?$/);
  const harbourCount = await filters.count.textContent();
  await expect(list.cards.first().locator('mark').first()).toHaveText(/harbour/i);
  await slowAnswer;
  await page.waitForTimeout(300);
  await expect(filters.count).toHaveText(harbourCount ?? '');
  await expect(filters.search).toHaveValue('harbour');
  await expect(list.cards.first().locator('mark').first()).toHaveText(/harbour/i);
});

test('a piece of the index that fails to load says so, and Retry fetches it again', async ({ page, baseURL }) => {
  await useSharded(page, baseURL);
  await page.context().addCookies([{ name: 'folio-shard-fail', value: 'columns', url: baseURL ?? '' }]);
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  const before = await list.titles();
  await filters.search.fill('otter');
  await expect(filters.problem).toContainText("Part of the archive's index could not be loaded");
  await expect(filters.problem).toContainText('500');
  // The list the reader had stays usable meanwhile.
  expect(await list.titles()).toEqual(before);

  await page.context().clearCookies({ name: 'folio-shard-fail' });
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(filters.problem).toHaveCount(0);
  await expect(list.cards.first().getByRole('heading')).toHaveText('Otters Return to Tolliver Brook');
});

test('after a redeploy, the files that have gone away make the reader read the manifest once more', async ({ page, baseURL }) => {
  await useSharded(page, baseURL);
  await page.context().addCookies([{ name: 'folio-redeploy', value: `t${Date.now()}${Math.random()}`.replace('.', ''), url: baseURL ?? '' }]);
  const manifests: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/index/manifest.json')) manifests.push(r.url());
  });
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await filters.search.fill('otter');
  await expect(list.cards.first().getByRole('heading')).toHaveText('Otters Return to Tolliver Brook');
  await expect(filters.problem).toHaveCount(0);
  await expect(filters.search).toHaveValue('otter');
  expect(manifests).toHaveLength(2);
});

test('a file missing from an unchanged manifest is reported after one fresh read, and Retry recovers', async ({ page, baseURL }) => {
  await useSharded(page, baseURL);
  await page.context().addCookies([{ name: 'folio-shard-gone', value: 'terms-', url: baseURL ?? '' }]);
  const manifests: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/index/manifest.json')) manifests.push(r.url());
  });
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await filters.search.fill('otter');
  await expect(filters.problem).toContainText("Part of the archive's index could not be loaded");
  await expect(filters.problem).toContainText('404');
  expect(manifests).toHaveLength(2);

  await page.context().clearCookies({ name: 'folio-shard-gone' });
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(list.cards.first().getByRole('heading')).toHaveText('Otters Return to Tolliver Brook');
  await expect(filters.problem).toHaveCount(0);
});

test('a post whose part of the index fails says so on the post page, with Retry', async ({ page, baseURL }) => {
  await useSharded(page, baseURL);
  await page.context().addCookies([{ name: 'folio-shard-fail', value: 'slugs-dir', url: baseURL ?? '' }]);
  await page.goto('posts/otters-return-to-tolliver-brook');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("Part of the archive's index could not be loaded");
  await page.context().clearCookies({ name: 'folio-shard-fail' });
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(new PostView(page).heading).toHaveText('Otters Return to Tolliver Brook');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an index written by a newer Folio is refused in plain words', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'newer-index');
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Index from a newer Folio');
  await expect(page.getByRole('alert')).toContainText('written in format 3.0');
  await expect(page.getByRole('alert')).toContainText('update Folio');
});

test('an unreadable manifest is reported, not shown half-loaded', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'broken-index');
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unreadable index');
  await expect(page.getByRole('alert')).toContainText('manifest.json');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('a manifest saved with a UTF-8 byte-order mark reads as the same index', async ({ page, baseURL }) => {
  // scripts/e2e-sites.sh writes the reading fixture's index with a BOM before its manifest.
  const head = await page.request.get(`${baseURL}__sharded/bom/index/manifest.json`);
  expect([...(await head.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  await useSharded(page, baseURL, 'bom');
  const list = new ArchiveList(page);
  await list.goto();
  await expect(new Filters(page).count).toHaveText('3 posts');
  await expect(list.titleLink('A long English post')).toBeVisible();
});
