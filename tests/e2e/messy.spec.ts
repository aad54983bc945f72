import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, useFeed } from './pages';

test.beforeEach(async ({ page, baseURL }) => useFeed(page, baseURL, 'messy'));

test('a messy feed still lists every readable post, dated first', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await expect(list.heading).toHaveText('Messy & Real');
  expect(await list.titles()).toEqual([
    'Rivers & Rain',
    'Untitled',
    'Nothing inside',
    'Numeric id and wrong types',
    'A post with no date',
    'A date without a timezone',
    'A date that does not parse',
  ]);
  // Undated posts and posts with unreadable dates show no date at all.
  for (const title of ['A post with no date', 'A date without a timezone', 'A date that does not parse']) {
    await expect(list.cards.filter({ hasText: title }).locator('time')).toHaveCount(0);
  }
  await expect(page.getByText('Duplicate of the newest')).toHaveCount(0);
});

test('messy posts open: untitled, empty and entity titles', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await list.titleLink('Untitled').click();
  const post = new PostView(page);
  await expect(post.heading).toHaveText('Untitled');
  await expect(page).toHaveURL(/\/posts\/quiet-note$/);
  await expect(post.body).toContainText('A note with no title.');

  await list.goto();
  await list.titleLink('Nothing inside').click();
  await expect(post.heading).toHaveText('Nothing inside');

  await list.goto();
  await list.titleLink('Rivers & Rain').click();
  await expect(post.heading).toHaveText('Rivers & Rain');
  await expect(page).toHaveURL(/\/posts\/rivers-rain$/);
});
