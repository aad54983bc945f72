import { expect, test } from '@playwright/test';
import { ArchiveList, PostView } from './pages';

test('Back to archive returns to the same page and scroll position', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const list = new ArchiveList(page);
  await list.goto('?page=2');
  const titles = await list.titles();
  const target = titles[7];
  await list.titleLink(target).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 50));
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(300);

  await list.titleLink(target).click();
  await expect(new PostView(page).heading).toHaveText(target);
  await new PostView(page).backLink.click();

  await expect(page).toHaveURL(/\?page=2$/);
  await expect(list.titleLink(target)).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before + 5);
});

test('the browser Back button also restores the list position', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const list = new ArchiveList(page);
  await list.goto('?page=3');
  const target = (await list.titles())[8];
  await list.titleLink(target).scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(300);
  await list.titleLink(target).click();
  await expect(new PostView(page).heading).toHaveText(target);
  await page.goBack();
  await expect(page).toHaveURL(/\?page=3$/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 5);
});
