// Static pages (`folio build --pages`): readable without JavaScript, right for link
// previews, and taken over by the app without a jump. scripts/e2e-sites.sh builds them
// over the sample twice, with the root build's and the /blog/ build's index.html as
// their shell: `pages` and `pages-blog`.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { sampleFeed, useSite } from './pages';

// The pages are built for the test servers' own addresses.
let PUBLIC_URL = '';
test.beforeEach(({ baseURL }) => {
  PUBLIC_URL = baseURL ?? '';
});
const site = (baseURL: string | undefined) => ((baseURL ?? '').includes('/blog/') ? 'pages-blog' : 'pages');

const items: { title: string; content_html: string; summary?: string; _folio: { slug: string } }[] = sampleFeed.items;
const authorNames: string[] = [
  ...new Set([...sampleFeed.authors, ...sampleFeed.items.flatMap((i: { authors?: { name: string }[] }) => i.authors ?? [])].map((a: { name: string }) => a.name)),
];
const authorSlug = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader can read the list, page through it, and read a post', async ({ page, baseURL }) => {
    await useSite(page, baseURL, site(baseURL));
    await page.goto('');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(sampleFeed.title);
    const cards = page.locator('main article');
    await expect(cards).toHaveCount(10);
    await expect(cards.first().getByRole('heading', { level: 2 })).toHaveText(items[0].title);

    await page.getByRole('link', { name: 'Older posts →' }).click();
    await expect(page).toHaveURL(/\/page\/2\/$/);
    await expect(cards.first().getByRole('heading', { level: 2 })).toHaveText(items[10].title);

    const item = items[12];
    await page.getByRole('link', { name: item.title, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/posts/${item._folio.slug}/$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.title);
    await expect(page.locator('.folio-post__body')).toContainText(plain(item.content_html).slice(0, 60));
    await expect(page.getByText('Posted on')).toBeVisible();
    // Newer and older posts are plain links.
    await page.getByRole('link', { name: new RegExp(`Newer post ${escapeRegExp(items[11].title)}`) }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(items[11].title);
  });

});

// axe runs as a script in the page, so here JavaScript stays on and the app's own
// script and wasm are kept from loading instead: the reader sees the static page alone.
test.describe('without the app', () => {
  test('the pages have no axe violations', async ({ page, baseURL }) => {
    await useSite(page, baseURL, site(baseURL));
    await page.route(/\.(js|wasm)$/, (route) => route.abort());
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => document.querySelectorAll('script[type=module]').forEach((s) => s.remove()));
    });
    for (const path of ['', 'page/2/', `posts/${items[3]._folio.slug}/`]) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${path}: ${v.id}`)).toEqual([]);
    }
  });
});

test('a post page carries its own title, description and canonical address for link previews', async ({ request, baseURL }) => {
  const item = items[5];
  const response = await request.get(`${baseURL}posts/${item._folio.slug}/`, { headers: { cookie: `folio-site=${site(baseURL)}` } });
  expect(response.status()).toBe(200);
  const html = await response.text();
  const meta = (key: string) =>
    new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
  expect(meta('og:title')).toBe(item.title);
  expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe(item.title.replace(/&/g, '&amp;'));
  expect(/<link rel="canonical" href="([^"]*)"/.exec(html)?.[1]).toBe(`${PUBLIC_URL}posts/${item._folio.slug}/`);
  expect(meta('og:url')).toBe(`${PUBLIC_URL}posts/${item._folio.slug}/`);
  expect(meta('og:type')).toBe('article');
  const description = meta('og:description') ?? '';
  expect(description.length).toBeGreaterThan(40);
  // The excerpt the reader shows: the summary when there is one, else the body's start.
  expect(item.summary ?? plain(item.content_html)).toContain(description.slice(0, 40));
  expect(meta('description')).toBe(description);
  expect(meta('article:published_time')).toMatch(/^\d{4}-\d\d-\d\dT/);
  // The app's own tags are there, so the page becomes the app when it can.
  expect(html).toMatch(/<script type="module">/);
  expect(html).toMatch(/<meta name="folio-feed"/);
});

test('sitemap.xml, robots.txt and feed.atom are written beside the pages', async ({ request, baseURL }) => {
  const headers = { cookie: `folio-site=${site(baseURL)}` };
  const sitemap = await (await request.get(`${baseURL}sitemap.xml`, { headers })).text();
  expect(sitemap.match(/<url>/g)?.length).toBe(items.length + Math.ceil(items.length / 10) + authorNames.length);
  expect(sitemap).toContain(`<loc>${PUBLIC_URL}authors/${authorSlug(authorNames[0])}/</loc>`);
  expect(sitemap).toContain(`<loc>${PUBLIC_URL}posts/${items[0]._folio.slug}/</loc>`);
  const robots = await (await request.get(`${baseURL}robots.txt`, { headers })).text();
  expect(robots).toContain(`Sitemap: ${PUBLIC_URL}sitemap.xml`);
  const atom = await (await request.get(`${baseURL}feed.atom`, { headers })).text();
  expect(atom.match(/<entry>/g)?.length).toBe(Math.min(50, items.length));
  expect(atom).toContain(`<link rel="alternate" type="text/html" href="${PUBLIC_URL}posts/${items[0]._folio.slug}/"/>`);
});

/** Cumulative layout shift since the page started loading. */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
}

for (const [name, path, heading] of [
  ['the list', '', sampleFeed.title],
  ['a post', `posts/${items[7]._folio.slug}/`, items[7].title],
  ['a later list page', 'page/3/', sampleFeed.title],
  ['an author page', `authors/${authorSlug(sampleFeed.authors[0].name)}/`, `Author: ${sampleFeed.authors[0].name}`],
] as const) {
  test(`the app takes over ${name} without a layout shift`, async ({ page, baseURL }) => {
    await useSite(page, baseURL, site(baseURL));
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    // The app has taken over: the static markup is gone, and the app's own controls work.
    await expect(page.locator('[data-folio-static]')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    const shift = await layoutShift(page);
    expect(shift).toBeLessThan(0.1);
    if (path === 'page/3/') {
      await expect(page.locator('.folio-pagination__current')).toHaveText('3');
      await expect(page.locator('main article').first().getByRole('heading', { level: 2 })).toHaveText(items[20].title);
    }
    if (path === '') {
      await page.getByRole('searchbox', { name: 'Search' }).fill('otter');
      await expect(page.locator('main article').first().getByRole('heading', { level: 2 })).toHaveText('Otters Return to Tolliver Brook');
    }
  });
}

test('the takeover keeps the posts where they were, the scroll position and focus', async ({ page, baseURL }) => {
  await useSite(page, baseURL, site(baseURL));
  await page.setViewportSize({ width: 1000, height: 700 });
  // Hold the app's wasm back until the reader has scrolled and tabbed to a link.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('');
  const title = page.locator('main article').nth(4).getByRole('heading', { level: 2 });
  await title.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 150);
  const link = page.locator('main article').nth(5).getByRole('link').first();
  await link.focus();
  const href = await link.getAttribute('href');
  const before = { scroll: await page.evaluate(() => scrollY), top: (await title.boundingBox())?.y ?? 0 };
  expect(before.scroll).toBeGreaterThan(100);
  await expect(page.locator('[data-folio-static]')).toHaveCount(1);

  release();
  await expect(page.locator('[data-folio-static]')).toHaveCount(0);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeEnabled();
  const after = { scroll: await page.evaluate(() => scrollY), top: (await title.boundingBox())?.y ?? 0 };
  expect(Math.abs(after.scroll - before.scroll)).toBeLessThanOrEqual(1);
  // The fifth post's title is where it was on screen, within a few pixels.
  expect(Math.abs(after.top - before.top)).toBeLessThanOrEqual(4);
  // The same link, as the app writes it (`/posts/x` for `posts/x/`).
  const path = (h: string | null | undefined) => new URL(h ?? '', page.url()).pathname.replace(/\/$/, '');
  expect(path(await page.evaluate(() => document.activeElement?.getAttribute('href')))).toBe(path(href));
  expect(await layoutShift(page)).toBeLessThan(0.1);
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
