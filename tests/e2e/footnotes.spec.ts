// Footnotes in a post body: the post's own ids survive sanitizing under a prefix, and
// in-post links scroll and move focus without touching the URL, whole-page and embedded.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { useFeed } from './pages';

async function checkFootnotes(page: Page, scope: Locator) {
  const url = page.url();
  const post = scope.locator('.folio-post__body');
  await expect(post).toBeVisible();
  const note = post.locator('li', { hasText: 'Station 6, read at dawn.' });
  await expect(note).not.toBeInViewport();
  await post.getByRole('link', { name: '1', exact: true }).click();
  await expect(note).toBeInViewport();
  await expect(note).toBeFocused();
  expect(page.url()).toBe(url);
  // A fragment written percent-encoded (#fn%3A2) finds the id written plainly (fn:2).
  await note.getByRole('link', { name: 'Back to the text' }).click();
  const ref = post.getByRole('link', { name: '1', exact: true });
  await expect(ref).toBeInViewport();
  await expect(ref).toBeFocused();
  await post.getByRole('link', { name: '2', exact: true }).click();
  await expect(post.locator('li', { hasText: '1976 drought ledger' })).toBeFocused();
  expect(page.url()).toBe(url);
}

test('footnote links work in a whole-page install', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'footnotes');
  await page.goto('');
  await page.getByRole('link', { name: 'Notes with footnotes', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes with footnotes');
  await checkFootnotes(page, page.locator('main'));
});

test('footnote links work in an embedded archive, and keep its hash address', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'footnotes');
  await page.goto('examples/embed/');
  const archive = page.locator('#news-archive');
  await archive.getByRole('link', { name: 'Notes with footnotes', exact: true }).click();
  // The example's archive sits under the host's h1 (data-heading-level="2").
  await expect(archive.getByRole('heading', { level: 2 })).toHaveText('Notes with footnotes');
  await expect(page).toHaveURL(/#\/posts\/notes-with-footnotes$/);
  await checkFootnotes(page, archive);
});
