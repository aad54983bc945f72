import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, useFeed } from './pages';

test('hostile HTML in a feed stays inert on the list and the post', async ({ page, baseURL }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await useFeed(page, baseURL, 'hostile');
  const list = new ArchiveList(page);
  await list.goto();
  // Markup in titles is shown as text, never parsed.
  await expect(list.heading).toHaveText('Hostile feed');
  // javascript: URLs in the feed's own fields (home page, author) never become links.
  await expect(page.getByRole('link', { name: 'Visit the website' })).toHaveCount(0);
  await expect(page.getByText('Mallory', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mallory', exact: true })).toHaveCount(0);
  await list.titleLink('Hostile post').click();

  const post = new PostView(page);
  await expect(post.heading).toHaveText('Hostile post');
  // Nor does the post's own url: there is no "original post" link to click.
  await expect(page.getByRole('link', { name: 'Read the original post' })).toHaveCount(0);
  await expect(page.locator('main img[src^="javascript" i]')).toHaveCount(0);
  await expect(post.body.getByText('Safe paragraph.')).toBeVisible();
  await expect(post.body.getByRole('link', { name: 'a fine link' })).toHaveAttribute('href', 'https://example.org/ok');
  // The javascript: link keeps its text but loses its href; clicking it does nothing.
  const jsLink = post.body.getByText('js link');
  await expect(jsLink).not.toHaveAttribute('href', /.*/);
  await jsLink.click();
  await expect(post.body.getByText('data link')).not.toHaveAttribute('href', /.*/);
  await expect(post.body.locator('script, iframe, svg, style, form, [style], [onerror], [onload], [ontoggle]')).toHaveCount(0);
  // The overlay's position:fixed is gone, so the page heading is still reachable.
  await expect(post.heading).toBeInViewport();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { folioXss?: number }).folioXss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
