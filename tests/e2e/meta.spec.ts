import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, sampleFeed } from './pages';

test('the document title and description follow the route', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  await expect(page).toHaveTitle(sampleFeed.title);
  await expect(page.locator('meta[name="description"]').last()).toHaveAttribute('content', sampleFeed.description);
  const [title] = await list.titles();
  await list.titleLink(title).click();
  await expect(new PostView(page).heading).toHaveText(title);
  await expect(page).toHaveTitle(title);
  await list.goto('?page=2');
  await expect(page).toHaveTitle(`${sampleFeed.title} — page 2`);
  // One description at most: written in place, and removed on a page that has none.
  await expect(page.locator('meta[name="description"]')).toHaveCount(1);
  await page.goto('posts/no-such-post');
  await expect(page).toHaveTitle('Page not found');
  await expect(page.locator('meta[name="description"]')).toHaveCount(0);
});
