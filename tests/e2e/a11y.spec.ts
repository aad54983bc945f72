import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ArchiveList, useFeed } from './pages';

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test('the list has no axe violations', async ({ page }) => {
      await new ArchiveList(page).goto();
      await expectNoViolations(page);
    });

    test('a post has no axe violations', async ({ page }) => {
      const list = new ArchiveList(page);
      await list.goto();
      const [title] = await list.titles();
      await list.titleLink(title).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expectNoViolations(page);
    });

    test('the not-found page has no axe violations', async ({ page }) => {
      await page.goto('posts/no-such-post');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expectNoViolations(page);
    });

    test('an error view has no axe violations', async ({ page, baseURL }) => {
      await useFeed(page, baseURL, 'status-500');
      await page.goto('');
      await expect(page.getByRole('heading', { name: 'Server error' })).toBeVisible();
      await expectNoViolations(page);
    });
  });
}
