import { expect, test, type Page } from '@playwright/test';
import { ArchiveList, Filters, PostView, useFeed } from './pages';

// Network faults, each injected by the test server (tests/server.mjs): what the reader
// sees, and that Retry recovers once the fault is gone.

// The waits here are the faults' own (a 10 s answer, a 15 s time limit), so the slow
// cases run once, at the root, not again under /blog/.
const slow = (name: string) => name !== 'root';

async function retryRecovers(page: Page) {
  await page.context().clearCookies();
  await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('main article').first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('a 10 s answer shows the loading state, then the list', async ({ page, baseURL }, info) => {
  test.skip(slow(info.project.name), 'a 10 s wait, run once');
  test.setTimeout(40_000);
  await useFeed(page, baseURL, 'slow-10');
  const started = Date.now();
  await page.goto('');
  await expect(page.getByRole('status').filter({ hasText: 'Loading the archive' })).toBeAttached();
  await expect(page.locator('main article').first()).toBeVisible({ timeout: 25_000 });
  expect(Date.now() - started).toBeGreaterThan(9_000);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

const broken = [
  { feed: 'drop', heading: 'Network error', message: /stopped arriving part-way/ },
  { feed: 'truncated', heading: 'Invalid JSON', message: /cut off in transfer/ },
  { feed: 'busy-503', heading: 'Server busy', message: /answered 503.*tried again in 30 seconds/ },
  { feed: 'busy-429', heading: 'Too many requests', message: /answered 429.*tried again in 120 seconds/ },
];

for (const { feed, heading, message } of broken) {
  test(`a ${feed} answer gets a clear message and a Retry that works`, async ({ page, baseURL }) => {
    await useFeed(page, baseURL, feed);
    await page.goto('');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(alert).toContainText(message);
    await retryRecovers(page);
  });
}

test('Retry clicked again while the archive reloads starts no second load', async ({ page, baseURL }, info) => {
  test.skip(slow(info.project.name), 'a 10 s wait, run once');
  test.setTimeout(40_000);
  // The page's own requests for the index (not the offline worker's copies of them).
  const loads: string[] = [];
  page.on('request', (request) => {
    if (!request.serviceWorker() && new URL(request.url()).pathname.endsWith('/posts.json')) loads.push(request.url());
  });
  await useFeed(page, baseURL, 'drop');
  await page.goto('');
  const retry = page.getByRole('alert').getByRole('button', { name: 'Retry' });
  await expect(retry).toBeVisible();
  // The next answer takes 10 s: the failure stays on screen meanwhile, and the reader
  // may well press Retry again.
  await useFeed(page, baseURL, 'slow-10');
  for (let i = 0; i < 3; i++) await retry.click();
  await expect(page.locator('main article').first()).toBeVisible({ timeout: 25_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(loads).toHaveLength(2);
});

test('a 50 MB feed loads and searches @heavy', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  await useFeed(page, baseURL, 'big-50mb');
  await page.goto('');
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await expect(list.cards.first()).toBeVisible({ timeout: 60_000 });
  await expect(filters.count).toHaveText('28500 posts');
  // The list is shown before the search index is built, which happens after, in slices.
  const ready = () => page.evaluate(() => performance.getEntriesByName('folio-search-ready').length);
  expect(await ready()).toBe(0);
  await filters.search.fill('harbour ');
  await expect(filters.count).toHaveText('Preparing search…');
  await expect.poll(ready, { timeout: 30_000 }).toBe(1);
  await filters.search.fill('');
  await expect(filters.count).toHaveText('28500 posts');
  await filters.type('harbour ');
  await expect(filters.count).toHaveText(/^\d+ posts?$/);
  await expect(filters.count).not.toHaveText('28500 posts');
  await expect(list.cards.first()).toBeVisible();
});

test('an index larger than a browser can read is refused with a clear message', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'too-large');
  await page.goto('');
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { level: 1, name: 'Post index too large' })).toBeVisible();
  await expect(alert).toContainText('600 MB');
  await expect(alert).toContainText('folio build --sharded');
});

test('a post deleted from the feed since the list was read is not found, with a way back', async ({ page, baseURL }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const first = list.cards.getByRole('heading', { level: 2 }).getByRole('link').first();
  const title = (await first.textContent()) ?? '';
  await first.click();
  await expect(new PostView(page).heading).toHaveText(title.trim());
  // The site is redeployed without that post, and the reader reloads the page.
  await useFeed(page, baseURL, 'messy');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the archive' }).click();
  await expect(page.locator('main article').first()).toBeVisible();
});

test.describe('a body from content_url', () => {
  test.beforeEach(async ({ page, baseURL }) => useFeed(page, baseURL, 'remote'));

  test('that never answers gets a message with Retry, and the page works', async ({ page, baseURL }, info) => {
    test.skip(slow(info.project.name), 'a 15 s time limit, run once');
    test.setTimeout(60_000);
    await page.context().addCookies([{ name: 'folio-body', value: 'hang', url: baseURL ?? '' }]);
    const list = new ArchiveList(page);
    await list.goto();
    await list.titleLink('Body loaded on demand').click();
    const post = new PostView(page);
    await expect(post.heading).toHaveText('Body loaded on demand');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('did not answer within 15 seconds', { timeout: 25_000 });
    await expect(post.backLink).toBeVisible();
    await page.context().addCookies([{ name: 'folio-body', value: 'fast', url: baseURL ?? '' }]);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(post.body.getByRole('heading', { name: 'Fetched section' })).toBeVisible();
  });

  test('is abandoned when the reader leaves the post before it arrives', async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: 'folio-body', value: 'slow', url: baseURL ?? '' }]);
    const list = new ArchiveList(page);
    await list.goto();
    const started = page.waitForRequest(/__fixtures\/bodies\/remote-body\.html/);
    const failed = page.waitForEvent('requestfailed', (r) => /remote-body\.html/.test(r.url()));
    await list.titleLink('Body loaded on demand').click();
    await started;
    await expect(page.getByRole('status').filter({ hasText: 'Loading the post' })).toBeVisible();
    await page.goBack();
    await expect(page.locator('main article').first()).toBeVisible();
    const request = await failed;
    expect(request.failure()?.errorText).toContain('ERR_ABORTED');
  });
});
