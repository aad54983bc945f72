import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, framesDrawn } from './pages';

test('after a route change, focus moves to the new page heading', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const [title] = await list.titles();
  await list.titleLink(title).click();
  const post = new PostView(page);
  await expect(post.heading).toBeFocused();
  await post.backLink.click();
  await expect(list.heading).toBeFocused();
});

test('opening a post from a later page of the list focuses the post, not the old list', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto('?page=2');
  await expect(page.locator('[aria-current="page"]')).toHaveText('2');
  const [title] = await list.titles();
  await list.titleLink(title).click();
  const post = new PostView(page);
  await expect(post.heading).toHaveText(title);
  await expect(post.heading).toBeFocused();
  // Focus stays there: nothing left over from the list moves it afterwards, neither
  // deferred work (two frames) nor anything a late response could trigger (network idle).
  await page.waitForLoadState('networkidle');
  await framesDrawn(page, 2);
  await expect(post.heading).toBeFocused();
  await expect(page).toHaveTitle(title);
});

test('the skip link is the first stop and moves focus into the content', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(list.heading).toBeFocused();
});

test('posts can be opened with the keyboard alone', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const [title] = await list.titles();
  await list.titleLink(title).focus();
  await page.keyboard.press('Enter');
  await expect(new PostView(page).heading).toHaveText(title);
});
