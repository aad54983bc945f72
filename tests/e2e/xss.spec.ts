import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, cspViolations, expectInlineScriptBlocked, loadsSettled, useFeed, watchCspViolations } from './pages';

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
  // Her name links only to her page in the archive, never to her javascript: URL.
  const mallory = page.getByRole('link', { name: 'Mallory', exact: true });
  await expect(mallory.first()).toBeVisible();
  for (const href of await mallory.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
    expect(href).toMatch(/\/authors\/mallory$/);
  }
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
  await loadsSettled(page);
  expect(await page.evaluate(() => (window as unknown as { folioXss?: number }).folioXss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('the whole-page install runs under a strict Content-Security-Policy', async ({ page }) => {
  await watchCspViolations(page);
  const list = new ArchiveList(page);
  await list.goto();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-inline');
  // A search with marks, then a post with its images: nothing is blocked.
  await page.getByRole('searchbox', { name: 'Search' }).fill('otter');
  await expect(list.cards.locator('mark').first()).toBeVisible();
  await list.cards.getByRole('heading', { level: 2 }).getByRole('link').first().click();
  await expect(new PostView(page).body).toBeVisible();
  await loadsSettled(page);
  expect(await cspViolations(page)).toEqual([]);
  // And it is enforced: an inline script without the hash does not run.
  await expectInlineScriptBlocked(page);
});

test('a hostile body cannot stretch the page, and feed links cannot fill in a message', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'hostile');
  const list = new ArchiveList(page);
  await list.goto();
  // An author email with a bcc= is not an address: no mail link at all.
  await expect(page.locator('a[href^="mailto:"]')).toHaveCount(0);
  // Feed-level links carry the same rel as links in bodies: an author's site, on their page.
  await page.getByRole('link', { name: 'Trudy', exact: true }).first().click();
  await expect(list.heading).toHaveText('Author: Trudy');
  const site = page.getByRole('link', { name: 'Website', exact: true });
  await expect(site).toHaveAttribute('href', 'https://example.org/trudy');
  await expect(site).toHaveAttribute('rel', 'noopener noreferrer nofollow ugc');
  await expect(page.locator('a[href^="mailto:"]')).toHaveCount(0);
  await list.titleLink('Hostile layout').click();
  const post = new PostView(page);
  await expect(post.heading).toHaveText('Hostile layout');
  await loadsSettled(page);
  await expect(page.getByRole('link', { name: 'Read the original post' })).toHaveAttribute('rel', 'noopener noreferrer nofollow ugc');
  await expect(post.body.getByRole('link', { name: 'write to Ana' })).toHaveAttribute('href', 'mailto:ana@example.org');
  await expect(post.body.getByText('write with a copy')).not.toHaveAttribute('href', /.*/);
  await expect(post.body.getByAltText('tall')).not.toHaveAttribute('height', /.*/);
  // The page stays a few screens tall, and what follows the image can be reached.
  const { height, viewport } = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    viewport: window.innerHeight,
  }));
  expect(height).toBeLessThan(6 * viewport);
  await post.body.getByText('After the tall image.').scrollIntoViewIfNeeded();
  await expect(post.body.getByText('After the tall image.')).toBeInViewport();
});
