import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, sampleFeed, useFeed } from './pages';

test('a Persian feed is laid out right to left, with its English post left to right', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'persian');
  const list = new ArchiveList(page);
  await list.goto();
  await expect(page.locator('.folio-list')).toHaveAttribute('dir', 'rtl');
  await expect(list.heading).toHaveText('بایگانی رود');
  const persianCard = list.cards.filter({ hasText: 'گزارش سالانهٔ ۱۴۰۲' });
  expect(await persianCard.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  const englishCard = list.cards.filter({ hasText: 'An English post' });
  await expect(englishCard).toHaveAttribute('dir', 'ltr');
  expect(await englishCard.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  // The date is formatted for Persian readers, in Persian digits.
  await expect(persianCard.locator('time')).toHaveText(/[۰-۹]/);

  await list.titleLink('گزارش سالانهٔ ۱۴۰۲').click();
  await expect.poll(() => decodeURI(page.url())).toMatch(/\/posts\/گزارش-سالانه-۱۴۰۲$/);
  const post = new PostView(page);
  await expect(post.heading).toHaveText('گزارش سالانهٔ ۱۴۰۲');
  expect(await page.locator('main article').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await page.reload();
  await expect(post.heading).toHaveText('گزارش سالانهٔ ۱۴۰۲');
});

test('Persian posts in the sample archive get right-to-left direction', async ({ page }) => {
  const persian = sampleFeed.items.filter((i: { language?: string }) => i.language === 'fa');
  expect(persian.length).toBeGreaterThan(0);
  const list = new ArchiveList(page);
  for (let n = 1; n <= Math.ceil(sampleFeed.items.length / 10); n++) {
    await list.goto(`?page=${n}`);
    const card = list.cards.filter({ hasText: persian[0].title });
    if ((await card.count()) > 0) {
      await expect(card).toHaveAttribute('dir', 'rtl');
      await expect(card).toHaveAttribute('lang', 'fa');
      return;
    }
  }
  throw new Error('Persian post not found on any page');
});
