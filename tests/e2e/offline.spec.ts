// Offline reading: after one visit, a whole-page install opens with the network cut,
// through the service worker `make dist` writes (scripts/service-worker.js).
import { expect, test, type Page } from '@playwright/test';
import { ArchiveList, PostView, loadsSettled, sampleFeed } from './pages';

test.use({ serviceWorkers: 'allow' });

/** Waits until the app's service worker controls the page. */
async function controlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('after one visit the archive and the posts a reader opened open offline, with a note', async ({ page, context }, testInfo) => {
  const list = new ArchiveList(page);
  const post = new PostView(page);
  // The worker says which files it kept from the first visit.
  await page.addInitScript(() => {
    navigator.serviceWorker?.addEventListener('message', (event) => {
      if (event.data?.folioKept) (window as unknown as { folioKept: string[] }).folioKept = event.data.folioKept;
    });
  });
  await list.goto();
  await controlled(page);
  // The index was fetched before the worker existed: once the worker controls the page,
  // the page hands it the files it fetched, and the worker keeps them. No second load.
  // The index came before the worker, so only the hand-over can have kept it.
  const kept = await page.waitForFunction(() => (window as unknown as { folioKept?: string[] }).folioKept).then((h) => h.jsonValue());
  const index = testInfo.project.name === 'sharded' ? '/index/manifest.json' : '/posts.json';
  expect(kept.map((url) => new URL(url).pathname).some((p) => p.endsWith(index))).toBe(true);
  // A sharded index's first chunk is kept too: by the hand-over when it was fetched
  // before the worker took over, else by the worker itself.
  if (testInfo.project.name === 'sharded') {
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.open('folio-data')).keys()).map((r) => new URL(r.url).pathname)))
      .toContainEqual(expect.stringMatching(/\/index\/first-[0-9a-f]+\.json$/));
  }
  const item = [...sampleFeed.items].sort((a, b) => Date.parse(b.date_published) - Date.parse(a.date_published))[1];
  await list.titleLink(item.title).click();
  await expect(post.heading).toHaveText(item.title);
  await expect(page.getByText('You are offline')).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await expect(post.heading).toHaveText(item.title);
  await expect(post.body).not.toBeEmpty();
  await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
  // The list, by a fresh navigation.
  await page.goto('');
  await expect(list.cards).toHaveCount(10);
  // A feed is all here, so search works offline too. (A sharded index searches only
  // with the chunks it fetched while online.)
  if (testInfo.project.name !== 'sharded') {
    await page.getByRole('searchbox', { name: 'Search' }).fill('otter');
    await expect(list.cards.first().getByRole('heading', { level: 2 })).toHaveText('Otters Return to Tolliver Brook');
  }

  // Back online, the note goes.
  await context.setOffline(false);
  await expect(page.getByText('You are offline')).toHaveCount(0);
});

test('a new deploy replaces the worker and deletes the old version\'s shell', async ({ page, baseURL }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await controlled(page);
  // Through the worker now: the page and the feed are kept.
  await page.reload();
  await expect(list.cards.first()).toBeVisible();
  const shells = () => page.evaluate(async () => (await caches.keys()).filter((key) => key.startsWith('folio-shell-')));
  const before = await shells();
  expect(before).toHaveLength(1);
  expect(before[0]).toMatch(/^folio-shell-[0-9a-f]{16}$/);
  // The next deploy's worker: the same file with another version (the test server
  // serves it so while this cookie is set).
  await page.context().addCookies([{ name: 'folio-sw-version', value: '0000000000000000', url: baseURL ?? '' }]);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    await registration.update();
  });
  await expect.poll(shells).toEqual(['folio-shell-0000000000000000']);
  // What the reader opened is kept across the deploy.
  expect(await page.evaluate(() => caches.keys())).toContain('folio-data');
  // And the archive still loads, from the new worker.
  await page.reload();
  await expect(list.cards.first()).toBeVisible();
});

test('an embedded archive never installs a worker on its host\'s origin', async ({ page }) => {
  await page.goto('examples/embed/');
  await expect(page.locator('#news-archive article.folio-card').first()).toBeVisible();
  // A whole-page install registers before its first list; the embed has drawn its list.
  await loadsSettled(page);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
});
