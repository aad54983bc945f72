import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, sampleFeed, useFeed } from './pages';

test('a Persian feed is laid out right to left, with its English post left to right', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'persian');
  const list = new ArchiveList(page);
  await list.goto();
  await expect(page.locator('.folio')).toHaveAttribute('dir', 'rtl');
  await expect(list.heading).toHaveText('بایگانی رود');
  const persianCard = list.cards.filter({ hasText: 'گزارش سالانهٔ ۱۴۰۲' });
  expect(await persianCard.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  // The English post's own words are English and left to right…
  const englishCard = list.cards.filter({ hasText: 'An English post' });
  const englishTitle = englishCard.getByRole('heading', { level: 2 });
  await expect(englishTitle).toHaveAttribute('dir', 'ltr');
  await expect(englishTitle).toHaveAttribute('lang', 'en');
  expect(await englishTitle.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  expect(await englishCard.locator('.folio-card__excerpt').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  // …while the interface's words around them stay Persian and right to left: the meta
  // line in the Persian calendar (1 November 2023 is 10 Aban 1402), and "Read more".
  const meta = englishCard.locator('.folio-meta');
  expect(await meta.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  expect(await meta.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('fa');
  await expect(englishCard.locator('.folio-meta__date')).toHaveText('منتشرشده در ۱۰ آبان ۱۴۰۲');
  await expect(englishCard.locator('.folio-card__read-more')).toHaveText('ادامه مطلب');
  expect(await englishCard.locator('.folio-card__more').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  // The date is formatted for Persian readers, in Persian digits.
  await expect(persianCard.locator('time')).toHaveText(/[۰-۹]/);

  // The English post's page: its title and text left to right, the interface around them
  // (the way back, the meta line, Share) right to left.
  await list.titleLink('An English post in a Persian feed').click();
  const english = new PostView(page);
  await expect(english.heading).toHaveText('An English post in a Persian feed');
  expect(await english.heading.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  expect(await page.locator('.folio-post__body').evaluate((el) => [getComputedStyle(el).direction, el.getAttribute('lang')])).toEqual(['ltr', 'en']);
  expect(await page.locator('.folio-post__back').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await expect(page.locator('main article .folio-meta__date')).toHaveText('منتشرشده در ۱۰ آبان ۱۴۰۲');
  // The neighbour's title keeps its own direction inside the Persian navigation.
  const newer = page.locator('.folio-post__newer span[lang="fa"]');
  await expect(newer).toHaveText('گزارش سالانهٔ ۱۴۰۲');
  await page.goBack();

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
      // The post's title and excerpt are Persian, right to left…
      const title = card.getByRole('heading', { level: 2 });
      await expect(title).toHaveAttribute('dir', 'rtl');
      await expect(title).toHaveAttribute('lang', 'fa');
      expect(await card.locator('.folio-card__excerpt').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      // …in an English interface, whose meta line stays English, left to right, with the
      // Gregorian date in English.
      expect(await card.locator('.folio-meta').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      await expect(card.locator('.folio-meta__date')).toHaveText(/^Posted on [A-Z][a-z]+ \d{1,2}, \d{4}$/);
      await expect(card.locator('.folio-card__read-more')).toHaveText('Read more');
      return;
    }
  }
  throw new Error('Persian post not found on any page');
});
