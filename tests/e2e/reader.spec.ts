import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, sampleFeed } from './pages';

test('the list shows the sample archive newest first', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await expect(list.heading).toHaveText(sampleFeed.title);
  await expect(list.cards).toHaveCount(10);
  const dates = (await list.datetimes()).map((d) => Date.parse(d));
  expect(dates.length).toBeGreaterThan(5);
  expect(dates.every((d) => !Number.isNaN(d))).toBe(true);
  expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  await expect(list.cards.first().getByText(/^Posted on/)).toBeVisible();
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
