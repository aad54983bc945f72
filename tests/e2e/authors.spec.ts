// Author archive pages: `/authors/<slug>` is the list scoped to one author, with the
// author's profile as its header, reached from the home page's row of authors, from the
// author facet and from every post's meta line.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ArchiveList, Filters, PostView, sampleFeed, useFeed } from './pages';

type Author = { name: string; url?: string; avatar?: string; _folio: { bio: string; email: string } };
type Item = { title: string; authors?: { name: string }[]; content_html?: string; summary?: string };

const slug = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
const postsBy = (name: string) => sampleFeed.items.filter((i: Item) => (i.authors ?? []).some((a) => a.name === name));
const counted = (n: number) => (n === 0 ? 'No posts match.' : n === 1 ? '1 post' : `${n} posts`);

test('with several authors the home page shows a compact row linking to their pages, not their bios', async ({ page }) => {
  const list = new ArchiveList(page);
  await list.goto();
  const row = page.getByRole('region', { name: 'Authors', exact: true });
  const authors: Author[] = sampleFeed.authors;
  expect(authors.length).toBeGreaterThan(1);
  await expect(row.getByRole('link')).toHaveCount(authors.length);
  for (const author of authors) {
    await expect(row.getByRole('link', { name: author.name, exact: true })).toHaveAttribute('href', new RegExp(`authors/${slug(author.name)}$`));
    await expect(page.getByText(author._folio.bio)).toHaveCount(0);
  }
});

test('an author page shows the author as its heading, the profile, and only their posts', async ({ page }) => {
  const author: Author = sampleFeed.authors[0];
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto();
  await page.getByRole('region', { name: 'Authors', exact: true }).getByRole('link', { name: author.name }).click();
  await expect(page).toHaveURL(new RegExp(`/authors/${slug(author.name)}$`));
  await expect(list.heading).toHaveText(`Author: ${author.name}`);
  await expect(list.heading).toBeFocused();
  await expect(page.getByText(author._folio.bio)).toBeVisible();
  await expect(page.getByRole('link', { name: author._folio.email })).toHaveAttribute('href', `mailto:${author._folio.email}`);
  // The avatar, resolved against the feed's address, and loaded.
  const avatar = page.locator('.folio-author--page .folio-author__avatar');
  expect(await avatar.evaluate((img: HTMLImageElement) => new URL(img.src).pathname)).toMatch(new RegExp(`/${author.avatar}$`));
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(page).toHaveTitle(`${author.name} — ${sampleFeed.title}`);
  await expect(page.locator('head meta[name="description"]')).toHaveAttribute('content', author._folio.bio);
  const theirs = postsBy(author.name);
  await expect(filters.count).toHaveText(counted(theirs.length));
  for (const card of await list.cards.all()) {
    await expect(card.locator('.folio-meta__authors')).toContainText(author.name);
  }
  // The author facet is the page itself, so it is not offered again.
  await expect(filters.facet('authors')).toHaveCount(0);
  // And the way back.
  await page.getByRole('link', { name: sampleFeed.title, exact: true }).click();
  await expect(list.heading).toHaveText(sampleFeed.title);
});

test('search, pages and reload stay on the author page, scoped to them', async ({ page }) => {
  const author: Author = sampleFeed.authors[0];
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto(`authors/${slug(author.name)}`);
  await filters.type('water');
  await expect(page).toHaveURL(new RegExp(`/authors/${slug(author.name)}\\?q=water$`));
  const count = await filters.count.innerText();
  const theirs = Number(/^(\d+)/.exec(count)?.[1] ?? '0');
  expect(theirs).toBeGreaterThan(0);
  expect(theirs).toBeLessThan(postsBy(author.name).length);
  await page.reload();
  await expect(filters.search).toHaveValue('water');
  await expect(filters.count).toHaveText(count);
  await expect(list.heading).toHaveText(`Author: ${author.name}`);
  // Clear filters keeps the author: it clears what the reader chose.
  await filters.clear.click();
  await expect(page).toHaveURL(new RegExp(`/authors/${slug(author.name)}$`));
  await expect(filters.count).toHaveText(counted(postsBy(author.name).length));
});

test('the author facet and a post\'s byline lead to the author page', async ({ page }) => {
  const list = new ArchiveList(page);
  const filters = new Filters(page);
  await list.goto('?tag=policy');
  const entry = filters.facet('authors').getByRole('link').first();
  const name = (await entry.locator('.folio-facet__label').innerText()).trim();
  await entry.click();
  // The facet carries the reader's filters to the author's page.
  await expect(page).toHaveURL(new RegExp(`/authors/${slug(name)}\\?tag=policy$`));
  await expect(list.heading).toHaveText(`Author: ${name}`);

  const post = new PostView(page);
  await list.cards.first().getByRole('heading', { level: 2 }).getByRole('link').click();
  await expect(post.heading).not.toHaveText(`Author: ${name}`);
  await page.locator('main article .folio-meta__authors').getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/authors/${slug(name)}$`));
  await expect(list.heading).toHaveText(`Author: ${name}`);
});

test('a single-author feed keeps the author\'s whole profile on the home page, as the archive Folio started from', async ({ page, baseURL }) => {
  // tests/fixtures/persian.json has one author, with a bio and an email.
  await useFeed(page, baseURL, 'persian');
  const list = new ArchiveList(page);
  await list.goto();
  const profile = page.getByRole('region', { name: 'نویسنده', exact: true });
  await expect(profile.locator('.folio-author__name')).toHaveText('لاله');
  await expect(profile.getByText('نویسنده', { exact: true })).toBeVisible();
  await expect(profile.getByRole('link', { name: 'laleh@example.org' })).toHaveAttribute('href', 'mailto:laleh@example.org');
  // No compact row of links in its place.
  await expect(page.locator('.folio-header__author-list--row')).toHaveCount(0);
});

test('an author page for a name nobody has is not found', async ({ page }) => {
  await page.goto('authors/nobody-at-all');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`an author page has no axe violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const list = new ArchiveList(page);
    await list.goto(`authors/${slug(sampleFeed.authors[1].name)}`);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  });
}
