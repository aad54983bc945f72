import { expect, test } from '@playwright/test';
import { ArchiveList, Filters, sampleFeed } from './pages';

const inYear = (year: number) =>
  sampleFeed.items.filter((i: { date_published: string }) => new Date(i.date_published).getFullYear() === year).length;

test('From and To limit the list to those days, both inclusive', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await filters.from.fill('2022-01-01');
  await expect(page).toHaveURL(/from=2022-01-01/);
  await filters.to.fill('2022-12-31');
  await expect(page).toHaveURL(/from=2022-01-01&to=2022-12-31/);
  const expected = inYear(2022);
  await expect(filters.count).toHaveText(expected === 1 ? '1 post' : `${expected} posts`);
  for (const d of await list.datetimes()) expect(new Date(d).getFullYear()).toBe(2022);
});

test('a day range of one post includes that post', async ({ page }) => {
  const newest = [...sampleFeed.items].sort(
    (a: { date_published: string }, b: { date_published: string }) => Date.parse(b.date_published) - Date.parse(a.date_published),
  )[0];
  const local = new Date(newest.date_published);
  const day = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  const list = new ArchiveList(page);
  await list.goto(`?from=${day}&to=${day}`);
  expect(await list.titles()).toContain(newest.title);
});

test('a range that ends before it starts says so instead of showing an empty page', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await filters.from.fill('2024-12-31');
  await filters.to.fill('2024-01-01');
  await expect(filters.problem).toContainText('“From” date is after the “To” date');
  await expect(filters.count).toHaveText('No posts match.');
  // The month list still offers a way out.
  await expect(filters.facet('month').getByRole('link').first()).toBeVisible();
});

test('clicking a month in the archive list filters to that month', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  const month = filters.facet('month').getByRole('link').first();
  const count = Number(await month.locator('.folio-facet__count').innerText());
  await month.click();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d$/);
  await expect(list.cards).toHaveCount(Math.min(count, 10));
  await expect(filters.from).not.toHaveValue('');
});

test('the month list reflects the other filters', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto('?tag=drought');
  const months = filters.facet('month');
  const total = (await months.locator('summary').allInnerTexts())
    .map((t) => Number(/\((\d+)\)/.exec(t)?.[1] ?? 0))
    .reduce((a, b) => a + b, 0);
  const expected = sampleFeed.items.filter((i: { tags: string[] }) => i.tags.includes('drought')).length;
  expect(total).toBe(expected);
});
