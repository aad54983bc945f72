import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, useFeed } from './pages';

test.beforeEach(async ({ page, baseURL }) => useFeed(page, baseURL, 'remote'));

test('a body from content_url is fetched, sanitized and shown', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await list.titleLink('Body loaded on demand').click();
  const post = new PostView(page);
  await expect(post.body.getByRole('heading', { name: 'Fetched section' })).toBeVisible();
  await expect(post.body).toContainText('This paragraph came from a separate file.');
  await expect(post.body.locator('script')).toHaveCount(0);
});

test('a missing content_url body gets an error with Retry, and the page survives', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await list.titleLink('Body that is missing').click();
  const post = new PostView(page);
  await expect(post.heading).toHaveText('Body that is missing');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("This post's text could not be loaded.");
  await expect(alert).toContainText('404');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
});
