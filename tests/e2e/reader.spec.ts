import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, sampleFeed } from './pages';

test('the header shows the feed and its authors, each with a page holding bio and mailto link', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await expect(list.heading).toHaveText(sampleFeed.title);
  await expect(page.getByText(sampleFeed.description)).toBeVisible();
  const authors = page.getByRole('region', { name: 'Authors', exact: true });
  for (const author of sampleFeed.authors) {
    await authors.getByRole('link', { name: author.name, exact: true }).click();
    await expect(list.heading).toHaveText(`Author: ${author.name}`);
    await expect(page.getByText(author._folio.bio)).toBeVisible();
    await expect(page.getByRole('link', { name: author._folio.email })).toHaveAttribute('href', `mailto:${author._folio.email}`);
    await page.goBack();
    await expect(list.heading).toHaveText(sampleFeed.title);
  }
});

test('the list shows ten posts newest first, each with date, excerpt and Read more', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await expect(list.cards).toHaveCount(10);
  const dates = (await list.datetimes()).map((d) => Date.parse(d));
  expect(dates.length).toBe(10);
  expect(dates.every((d) => !Number.isNaN(d))).toBe(true);
  expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  const newest = [...sampleFeed.items].sort((a, b) => Date.parse(b.date_published) - Date.parse(a.date_published))[0];
  expect((await list.titles())[0]).toBe(newest.title);
  const first = list.cards.first();
  await expect(first.getByText(/^Posted on/)).toBeVisible();
  await expect(first.locator('.folio-card__excerpt')).not.toBeEmpty();
  await expect(first.getByRole('link', { name: /^Read more/ })).toBeVisible();
});

test('long content gets an excerpt of 55 words ending in an ellipsis', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const excerpts = await list.cards.locator('.folio-card__excerpt').allInnerTexts();
  const cut = excerpts.filter((e) => e.endsWith('…'));
  expect(cut.length).toBeGreaterThan(0);
  for (const e of cut) expect(e.split(/\s+/).length).toBeLessThanOrEqual(55);
});

test('pagination moves through pages with ?page=N, previous and next', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const pages = Math.ceil(sampleFeed.items.length / 10);
  const nav = page.getByRole('navigation', { name: 'Pages' });
  await expect(nav.getByRole('link', { name: `Page ${pages}` })).toBeVisible();
  const firstPageTitles = await list.titles();

  await nav.getByRole('link', { name: /Older posts/ }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(nav.getByText('2', { exact: true })).toHaveAttribute('aria-current', 'page');
  const secondPageTitles = await list.titles();
  expect(secondPageTitles).toHaveLength(10);
  expect(secondPageTitles.some((t) => firstPageTitles.includes(t))).toBe(false);
  await expect(page.getByRole('heading', { name: 'Posts' })).toBeFocused();

  await nav.getByRole('link', { name: `Page ${pages}` }).click();
  await expect(page).toHaveURL(new RegExp(`\\?page=${pages}$`));
  await expect(list.cards).toHaveCount(sampleFeed.items.length - (pages - 1) * 10);
  await expect(nav.getByRole('link', { name: /Older posts/ })).toHaveCount(0);

  await nav.getByRole('link', { name: /Newer posts/ }).click();
  await expect(page).toHaveURL(new RegExp(`\\?page=${pages - 1}$`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`\\?page=${pages}$`));
});

test('a title routes client-side to its post, and Back returns to the list', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const [firstTitle] = await list.titles();
  // A marker on window survives only client-side navigation, not a page load.
  await page.evaluate(() => ((window as unknown as { folioMarker: number }).folioMarker = 1));
  await list.titleLink(firstTitle).click();

  const post = new PostView(page);
  await expect(page).toHaveURL(/\/posts\/[^/]+$/);
  await expect(post.heading).toHaveText(firstTitle);
  expect(await page.evaluate(() => (window as unknown as { folioMarker?: number }).folioMarker)).toBe(1);

  await page.goBack();
  await expect(list.titleLink(firstTitle)).toBeVisible();
  await expect(list.cards).toHaveCount(10);
});

test('the post page shows title, date, authors, tags, body, original link and neighbours', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const [, second] = await list.titles();
  await list.titleLink(second).click();
  const post = new PostView(page);
  await expect(post.heading).toHaveText(second);
  const item = sampleFeed.items.find((i: { title?: string }) => i.title === second);
  const article = page.locator('main article');
  await expect(article.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(article.getByText(`by ${item.authors[0].name}`)).toBeVisible();
  for (const tag of item.tags) await expect(article.getByRole('link', { name: tag, exact: true })).toBeVisible();
  await expect(post.body.locator('p').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Read the original post' })).toHaveAttribute('href', item.url);
  const more = page.getByRole('navigation', { name: 'More posts' });
  await expect(more.getByRole('link', { name: /Newer post/ })).toBeVisible();
  await more.getByRole('link', { name: /Older post/ }).click();
  await expect(post.heading).not.toHaveText(second);
});

test('a deep link to a post works and survives a reload', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const [, secondTitle] = await list.titles();
  const href = await list.titleLink(secondTitle).getAttribute('href');
  expect(href).toBeTruthy();
  await page.goto(href!);
  const post = new PostView(page);
  await expect(post.heading).toHaveText(secondTitle);
  await page.reload();
  await expect(post.heading).toHaveText(secondTitle);
});

test('a tag link lists only that tag', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const tag = (await list.cards.first().locator('.folio-tag').first().innerText()).trim();
  await list.cards.first().getByRole('link', { name: tag, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`\\?tag=${encodeURIComponent(tag)}$`));
  const expected = sampleFeed.items.filter((i: { tags: string[] }) => i.tags.includes(tag)).length;
  await expect(list.cards).toHaveCount(Math.min(expected, 10));
  await expect(page.getByRole('status').filter({ hasText: /posts?$/ })).toHaveText(expected === 1 ? '1 post' : `${expected} posts`);
  for (const card of await list.cards.all()) {
    await expect(card.locator('.folio-tag').getByText(tag, { exact: true })).toHaveCount(1);
  }
});

test('the untitled post says Untitled and still opens', async ({ page }) => {
  const list = new ArchiveList(page);
  const untitled = sampleFeed.items.find((i: { title?: string }) => !i.title);
  // Walk the pages until the untitled post shows up.
  for (let n = 1; n <= Math.ceil(sampleFeed.items.length / 10); n++) {
    await list.goto(`?page=${n}`);
    if ((await list.titleLink('Untitled').count()) > 0) break;
  }
  await list.titleLink('Untitled').click();
  await expect(new PostView(page).heading).toHaveText('Untitled');
  await expect(page.getByRole('link', { name: 'Read the original post' })).toHaveAttribute('href', untitled.url);
});
