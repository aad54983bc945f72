import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ArchiveList, Filters, sampleFeed } from './pages';

type Item = { tags: string[]; authors: { name: string }[] };

test('tag and author facets show counts and combine with AND', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  const tags = filters.facet('tags');
  const policy = tags.getByRole('link', { name: /^policy \d+$/ });
  const policyCount = sampleFeed.items.filter((i: Item) => i.tags.includes('policy')).length;
  await expect(policy.locator('.folio-facet__count')).toHaveText(String(policyCount));
  await policy.click();
  await expect(page).toHaveURL(/\?tag=policy$/);
  await expect(filters.count).toHaveText(`${policyCount} posts`);

  const author = filters.facet('authors').getByRole('link').first();
  const name = (await author.locator('.folio-facet__label').innerText()).trim();
  const authorCount = Number(await author.locator('.folio-facet__count').innerText());
  const both = sampleFeed.items.filter((i: Item) => i.tags.includes('policy') && i.authors.some((a) => a.name === name)).length;
  expect(authorCount).toBe(both);
  // An author leads to their page, with the tag carried along.
  await author.click();
  await expect(filters.count).toHaveText(both === 1 ? '1 post' : `${both} posts`);
  await expect(page).toHaveURL(/\/authors\/[^/?]+\?tag=policy$/);

  // Clicking an active tag removes it.
  await filters.facet('tags').getByRole('link', { name: /^policy/ }).click();
  await expect(page).not.toHaveURL(/tag=policy/);
  await expect(page).toHaveURL(/\/authors\/[^/?]+$/);
});

test('two tags must both be present', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto('?tag=policy&tag=water%20quality');
  const both = sampleFeed.items.filter((i: Item) => i.tags.includes('policy') && i.tags.includes('water quality')).length;
  await expect(filters.count).toHaveText(both === 0 ? 'No posts match.' : both === 1 ? '1 post' : `${both} posts`);
});

test('Clear filters resets everything', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto('?q=water&tag=policy&from=2021-01-01');
  await expect(filters.search).toHaveValue('water');
  await filters.clear.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(filters.search).toHaveValue('');
  await expect(filters.from).toHaveValue('');
  await expect(filters.count).toHaveText(`${sampleFeed.items.length} posts`);
});

test('an old ?author= link still filters the list by that author', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  const name = sampleFeed.authors[1].name;
  await list.goto(`?author=${encodeURIComponent(name)}`);
  const theirs = sampleFeed.items.filter((i: Item) => i.authors.some((a) => a.name === name)).length;
  await expect(filters.count).toHaveText(theirs === 1 ? '1 post' : `${theirs} posts`);
});

type Categorized = { title: string; _folio?: { categories?: string[] } };
const inCategory = (name: string) => sampleFeed.items.filter((i: Categorized) => (i._folio?.categories ?? []).includes(name));

test('categories show in the meta line, as a facet, and as addresses that filter', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  const facet = filters.facet('categories');
  const news = facet.getByRole('link', { name: /^News \d+$/ });
  await expect(news.locator('.folio-facet__count')).toHaveText(String(inCategory('News').length));
  await news.click();
  await expect(page).toHaveURL(/\?category=News$/);
  await expect(filters.count).toHaveText(`${inCategory('News').length} posts`);
  await expect(news).toHaveAttribute('aria-current', 'true');
  for (const card of await list.cards.all()) {
    await expect(card.locator('.folio-meta__categories')).toContainText('News');
  }
  // The facet counts the results: each sample post has one category, so News is alone.
  await expect(facet.getByRole('link')).toHaveCount(1);
  // Clicking the active category removes it.
  await news.click();
  await expect(page).not.toHaveURL(/category=/);
  await filters.facet('categories').getByRole('link', { name: /^Field Notes/ }).click();
  await expect(page).toHaveURL(/\?category=Field%20Notes$/);
  await expect(filters.count).toHaveText(`${inCategory('Field Notes').length} posts`);

  // A category in a post's meta line leads to its list.
  const post = inCategory('Reports')[0];
  await list.goto(`?q=${encodeURIComponent(post.title)}`);
  await list.titleLink(post.title).click();
  await page.locator('main article .folio-meta__categories').getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/\?category=Reports$/);
  await expect(filters.count).toHaveText(`${inCategory('Reports').length} posts`);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`a category's list has no axe violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const list = new ArchiveList(page);
    await list.goto('?category=Reports');
    await expect(page.getByRole('region', { name: 'Filter by categories', exact: true }).getByRole('link', { name: /Reports/ })).toHaveAttribute('aria-current', 'true');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  });
}
