// Indexes built by `folio build` from the command's fixtures (scripts/e2e-sites.sh),
// served beside the app and read by the real reader in Chromium.
import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, useSite } from './pages';

test('a WordPress export becomes an archive, bodies fetched from their own files', async ({ page, baseURL }) => {
  await useSite(page, baseURL, 'wordpress');
  const list = new ArchiveList(page);
  await list.goto();
  await expect(list.heading).toHaveText('Heron Point Residents');
  expect(await list.titles()).toEqual([
    'Harbour wall repairs begin',
    'سلام به همسایه‌های تازه',
    'Block editor & the summer fair',
    'An old post with no GMT date',
  ]);
  // The excerpt ends where the author put <!--more-->.
  await expect(list.cards.first()).toContainText('The contractor expects six weeks of work.');
  await expect(page.getByText('must never be published')).toHaveCount(0);

  const bodies: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/bodies/')) bodies.push(r.url());
  });
  await list.titleLink('Harbour wall repairs begin').click();
  const post = new PostView(page);
  await expect(post.heading).toHaveText('Harbour wall repairs begin');
  await expect(post.body.locator('figure figcaption')).toHaveText('The wall after the February storm');
  await expect(post.body.getByRole('link', { name: 'https://maps.example.net/heron-point' })).toBeVisible();
  await expect(post.body).not.toContainText('[gallery');
  expect(bodies).toHaveLength(1);
});

test('a percent-encoded Persian slug from WordPress is a readable address', async ({ page, baseURL }) => {
  await useSite(page, baseURL, 'wordpress');
  await page.goto(`posts/${encodeURIComponent('سلام-همسایه')}`);
  const post = new PostView(page);
  await expect(post.heading).toHaveText('سلام به همسایه‌های تازه');
  await expect(post.body).toContainText('جلسه‌ی بعدی انجمن پنجشنبه است.');
});

test('a Hugo site renders its tables, footnotes and shortcodes', async ({ page, baseURL }) => {
  await useSite(page, baseURL, 'hugo');
  const list = new ArchiveList(page);
  await list.goto();
  await expect(list.heading).toHaveText('Allotment Diary');
  expect(await list.titles()).toEqual(['First frost & the last beans', 'Seed swap']);
  await list.titleLink('First frost & the last beans').click();
  const post = new PostView(page);
  await expect(post.body.getByRole('table')).toContainText('Runner beans');
  await expect(post.body.locator('figcaption')).toHaveText('Frost on the water butt');
  await expect(post.body).toContainText('Sown in November.');
  await expect(post.body).not.toContainText('{{');
});

test('a Jekyll site and merged RSS and Atom feeds list their posts', async ({ page, baseURL }) => {
  const list = new ArchiveList(page);
  await useSite(page, baseURL, 'jekyll');
  await list.goto();
  expect(await list.titles()).toEqual(['Nightjet to Vienna', 'The Caledonian']);

  await useSite(page, baseURL, 'feeds');
  await list.goto();
  await expect(list.heading).toHaveText('Bay Swimmers');
  expect(await list.titles()).toContain('Tides < 1 metre');
  await list.titleLink('Water at 9 degrees').click();
  await expect(new PostView(page).body).toHaveText('Still cold, and updated.');
});
