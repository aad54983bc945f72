import { expect, test } from '@playwright/test';
import { ArchiveList, Filters, PostView, sampleFeed } from './pages';

type Item = {
  title?: string;
  tags?: string[];
  authors?: { name: string }[];
  summary?: string;
  content_html?: string;
  content_text?: string;
};

/** How many sample posts have, for each pattern, a word matching it (in any searched field). */
function postsWith(...patterns: RegExp[]): number {
  return sampleFeed.items.filter((item: Item) => {
    const text = [
      item.title,
      ...(item.tags ?? []),
      ...(item.authors ?? []).map((a) => a.name),
      item.summary,
      (item.content_html ?? '').replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' '),
      item.content_text,
    ].join(' ');
    const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    return patterns.every((p) => words.some((w) => p.test(w)));
  }).length;
}

test('typing filters the list at once, with the last word as a prefix', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await filters.type('otter');
  await expect(list.cards.first().getByRole('heading')).toHaveText('Otters Return to Tolliver Brook');
  const otter = postsWith(/^otter/);
  await expect(filters.count).toHaveText(otter === 1 ? '1 post' : `${otter} posts`);
  // The URL follows once typing pauses.
  await expect(page).toHaveURL(/\?q=otter$/);
});

test('every word must match, and the count is announced', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await expect(filters.count).toHaveAttribute('role', 'status');
  const weir = postsWith(/^weir$/);
  const both = postsWith(/^weir$/, /^river$/);
  // The sample has posts with one word and not the other, or the test proves nothing.
  expect(both).toBeGreaterThan(0);
  expect(both).toBeLessThan(weir);
  await filters.type('weir river ');
  await expect(filters.count).toHaveText(`${both} posts`);
  await expect(list.cards).toHaveCount(both);
  await filters.search.fill('zzzz-nothing-like-this');
  await expect(filters.count).toHaveText('No posts match.');
  await expect(list.cards).toHaveCount(0);
});

test('a quoted phrase matches those words in that order only', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await filters.search.fill('"tolliver brook"');
  await expect(list.cards.first()).toBeVisible();
  const inOrder = await list.cards.count();
  expect(inOrder).toBeGreaterThan(0);
  await filters.search.fill('"brook tolliver"');
  await expect(filters.count).toHaveText('No posts match.');
});

test('matches are marked in titles and excerpts, and in the opened post', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await filters.type('otter');
  const card = list.cards.first();
  await expect(card.locator('h2 mark')).toHaveText('Otters');
  await card.getByRole('heading').getByRole('link').click();
  const post = new PostView(page);
  await expect(post.heading.locator('mark')).toHaveText('Otters');
  await expect(page).toHaveURL(/\/posts\/[^?]+\?q=otter$/);
  await expect(post.body.locator('mark').first()).toBeVisible();
});

test('Persian search folds letter variants and finds right-to-left posts', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  const persian = sampleFeed.items.filter((i: { language?: string }) => i.language === 'fa');
  // "نیلوفراب" without the madda, typed with an Arabic yeh: both must fold.
  await filters.search.fill('نيلوفراب');
  await expect(list.cards.first()).toBeVisible();
  const titles = await list.titles();
  expect(titles.length).toBeGreaterThan(0);
  for (const t of titles.filter((t) => /[\u0600-\u06ff]/.test(t))) {
    expect(persian.map((p: { title: string }) => p.title)).toContain(t);
  }
  await expect(list.cards.first().locator('.folio-card__title')).toHaveAttribute('dir', 'rtl');
});

test('accents and case do not matter', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await filters.search.fill('OTTÉRS');
  await expect(list.cards.first().getByRole('heading')).toHaveText('Otters Return to Tolliver Brook');
});

test('sorting by newest keeps the matches but orders them by date', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await filters.type('water ');
  await expect(page).toHaveURL(/\?q=water/);
  const relevance = await list.titles();
  await filters.sort.selectOption('newest');
  await expect(page).toHaveURL(/sort=newest/);
  const dates = (await list.datetimes()).map((d) => Date.parse(d));
  expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  expect((await list.titles()).length).toBe(relevance.length);
});

test('/ focuses the search box, Escape clears it, and the hint says so', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await expect(page.locator('#folio-q-hint')).toHaveText('Press / to search and Esc to clear.');
  await expect(filters.search).toHaveAttribute('aria-describedby', 'folio-q-hint');
  await expect(filters.search).not.toBeFocused();
  await page.keyboard.press('/');
  await expect(filters.search).toBeFocused();
  // The key that focused the box is not typed into it; later ones are.
  await expect(filters.search).toHaveValue('');
  await page.keyboard.type('otter/');
  await expect(filters.search).toHaveValue('otter/');
  await expect(page).toHaveURL(/\?q=otter%2F$/);
  await page.keyboard.press('Escape');
  await expect(filters.search).toHaveValue('');
  await expect(filters.count).toHaveText(`${sampleFeed.items.length} posts`);
  await expect(page).not.toHaveURL(/\?q=/);
});
