import { expect, test } from '@playwright/test';
import { ArchiveList, Filters } from './pages';

test('a shared link opens the same view, and reload keeps it', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto('?q=water&tag=volunteers&sort=newest');
  await expect(filters.search).toHaveValue('water');
  await expect(filters.sort).toHaveValue('newest');
  const titles = await list.titles();
  await page.reload();
  await expect(filters.search).toHaveValue('water');
  await expect(list.cards.first()).toBeVisible();
  expect(await list.titles()).toEqual(titles);
});

test('Back and Forward step through filter changes', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  // The word arrives as one input: typed key by key, a machine that stalls for the
  // URL's pause between two keys would make a history entry for the prefix (as it
  // should), and the steps below would be one more.
  await filters.search.fill('otter');
  await expect(page).toHaveURL(/\?q=otter$/);
  await filters.facet('tags').getByRole('link').first().click();
  await expect(page).toHaveURL(/\?q=otter&tag=/);

  await page.goBack();
  await expect(page).toHaveURL(/\?q=otter$/);
  await expect(filters.search).toHaveValue('otter');
  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
  await expect(filters.search).toHaveValue('');
  await page.goForward();
  await expect(filters.search).toHaveValue('otter');
  await expect(list.cards.first().locator('mark').first()).toBeVisible();
});

test('changing a filter goes back to page 1', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto('?page=3');
  await filters.facet('tags').getByRole('link').first().click();
  await expect(page).not.toHaveURL(/page=/);
  await filters.search.fill('water');
  await expect(page).toHaveURL(/q=water/);
  await expect(page).not.toHaveURL(/page=/);
});
