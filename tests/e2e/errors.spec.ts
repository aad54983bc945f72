import { expect, test } from '@playwright/test';
import { useFeed } from './pages';

const cases = [
  { feed: 'status-404', heading: 'Post index not found', message: /answered 404/ },
  { feed: 'status-500', heading: 'Server error', message: /answered 500/ },
  { feed: 'invalid-json', heading: 'Invalid JSON', message: /line 4, column \d+/ },
  { feed: 'html', heading: 'Not a post index', message: /HTML page instead of the JSON post index/ },
  { feed: 'not-feed', heading: 'Not a JSON Feed', message: /no "version" member/ },
];

for (const { feed, heading, message } of cases) {
  test(`a ${feed} answer gets a clear error with Retry`, async ({ page, baseURL }) => {
    await useFeed(page, baseURL, feed);
    await page.goto('');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(alert).toContainText(message);
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  });
}

test('Retry loads the archive once the server recovers', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'status-500');
  await page.goto('');
  await expect(page.getByRole('heading', { name: 'Server error' })).toBeVisible();
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('main article').first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a deep link shows the error too, not a blank page', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'status-500');
  await page.goto('posts/anything');
  await expect(page.getByRole('heading', { name: 'Server error' })).toBeVisible();
});

test('a skeleton shows while the index loads', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'slow');
  await page.goto('');
  await expect(page.getByRole('status').filter({ hasText: 'Loading the archive' })).toBeAttached();
  await expect(page.locator('main article').first()).toBeVisible();
});

test('an empty archive says so', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'empty');
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1, name: 'Nothing Yet' })).toBeVisible();
  await expect(page.getByText('There are no posts here yet.')).toBeVisible();
});

test('an unknown slug gets a not-found page with a way home', async ({ page }) => {
  await page.goto('posts/no-such-post');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the archive' }).click();
  await expect(page.locator('main article').first()).toBeVisible();
});

test('an unknown route gets the not-found page', async ({ page }) => {
  await page.goto('some/where/else');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found');
});
