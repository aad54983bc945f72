// The interface in the feed's (or the page's) language: Persian and Arabic
// (tests/fixtures/persian.json, arabic.json), right to left, with their plurals and
// digits; French, Spanish and German over the English sample.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ArchiveList, PostView, sampleFeed, useFeed } from './pages';

test('a Persian feed gets a Persian interface, right to left, with Persian digits', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'persian');
  const list = new ArchiveList(page);
  await list.goto();
  await expect(page.locator('.folio')).toHaveAttribute('lang', 'fa');
  await expect(page.locator('.folio')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('searchbox', { name: 'جستجو' })).toBeVisible();
  await expect(page.locator('.folio-list__count')).toHaveText('۲ نوشته');
  await expect(page.getByRole('heading', { level: 2, name: 'نوشته‌ها' })).toBeVisible();
  // "Posted on" no longer runs into the Persian date: the whole line is Persian.
  const persianCard = list.cards.filter({ hasText: 'گزارش سالانهٔ ۱۴۰۲' });
  await expect(persianCard.locator('.folio-meta__date')).toHaveText(/^منتشرشده در [۰-۹]+ .+ [۰-۹]{4}$/);
  await expect(page.getByText('Posted on')).toHaveCount(0);
  await expect(persianCard.locator('.folio-card__read-more')).toHaveText('ادامه مطلب');
  await expect(persianCard.getByRole('link', { name: 'ادامهٔ مطلب: گزارش سالانهٔ ۱۴۰۲' })).toBeVisible();

  await list.titleLink('گزارش سالانهٔ ۱۴۰۲').click();
  const post = new PostView(page);
  await expect(post.heading).toHaveText('گزارش سالانهٔ ۱۴۰۲');
  await expect(page.getByRole('link', { name: '→ بازگشت به بایگانی' })).toBeVisible();
});

test('the date inputs show the Persian calendar\'s date beside the Gregorian one', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'persian');
  const list = new ArchiveList(page);
  await list.goto('?to=2024-03-20');
  // 20 March 2024 is 1 Farvardin 1403.
  await expect(page.getByLabel('تا', { exact: true })).toHaveValue('2024-03-20');
  await expect(page.locator('.folio-search__calendar')).toHaveText(/^۱ فروردین ۱۴۰۳/);
});

test('an Arabic feed gets an Arabic interface with Arabic plural forms', async ({ page, baseURL }) => {
  await useFeed(page, baseURL, 'arabic');
  const list = new ArchiveList(page);
  await list.goto();
  await expect(page.locator('.folio')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('searchbox', { name: 'بحث' })).toBeVisible();
  // Twelve takes Arabic's "many" form (eleven to ninety-nine).
  await expect(page.locator('.folio-list__count')).toHaveText('12 مقالة');
  await expect(page.getByRole('navigation', { name: 'الصفحات' }).getByRole('link', { name: 'الصفحة 2' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'التصفية حسب الوسوم' })).toBeVisible();
  // Reading time: the first post is 40 words (one minute); Arabic says it with its own word.
  await expect(list.cards.first().locator('.folio-meta__reading')).toHaveText('دقيقة قراءة');
  await page.getByRole('searchbox', { name: 'بحث' }).fill('ثعالب');
  await expect(page.locator('.folio-list__count')).toHaveText('مقالة واحدة');
});

for (const [feed, scheme] of [['arabic', 'light'], ['arabic', 'dark'], ['persian', 'light'], ['persian', 'dark']] as const) {
  test(`the ${feed === 'arabic' ? 'Arabic' : 'Persian'} interface has no axe violations (${scheme})`, async ({ page, baseURL }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await useFeed(page, baseURL, feed);
    const list = new ArchiveList(page);
    await list.goto();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  });
}

test('<meta name="folio-lang"> sets the interface language, even for an error before any feed', async ({ page, baseURL }) => {
  // The site owner's index.html, with the language named.
  await page.route(/\/(index\.html)?(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('<meta name="folio-feed"', '<meta name="folio-lang" content="fa" /><meta name="folio-feed"');
    await route.fulfill({ response, body: html });
  });
  await useFeed(page, baseURL, 'status-404');
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('فهرست نوشته‌ها پیدا نشد');
  await expect(page.getByRole('alert')).toContainText('سرور برای فهرست نوشته‌ها پاسخ ۴۰۴');
  await expect(page.getByRole('button', { name: 'تلاش دوباره' })).toBeVisible();
  await expect(page.locator('.folio')).toHaveAttribute('dir', 'rtl');
});

test('<meta name="folio-lang"> sets the interface language over a loaded feed\'s, and the posts keep theirs', async ({ page }) => {
  await page.route(/\/(index\.html)?(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('<meta name="folio-feed"', '<meta name="folio-lang" content="ar" /><meta name="folio-feed"');
    await route.fulfill({ response, body: html });
  });
  const list = new ArchiveList(page);
  await list.goto();
  await expect(page.locator('.folio')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('searchbox', { name: 'بحث' })).toBeVisible();
  // The sample feed is English: its titles say so, inside the Arabic interface.
  const title = list.cards.first().locator('.folio-card__title');
  await expect(title).toHaveAttribute('lang', 'en');
  expect(await title.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  expect(await list.cards.first().locator('.folio-meta').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await expect(page.getByText('Posted on')).toHaveCount(0);
});

// French, Spanish and German: the sample feed (English) with the page asking for each.
for (const [lang, search, posts, postedOn, readMore] of [
  ['fr', 'Rechercher', 'articles', 'Publié le', 'Lire la suite'],
  ['es', 'Buscar', 'entradas', 'Publicado el', 'Seguir leyendo'],
  ['de', 'Suchen', 'Beiträge', 'Veröffentlicht am', 'Weiterlesen'],
] as const) {
  test(`the interface in ${lang}: its words, plurals and dates`, async ({ page }) => {
    await page.route(/\/(index\.html)?(\?.*)?$/, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('<meta name="folio-feed"', `<meta name="folio-lang" content="${lang}" /><meta name="folio-feed"`);
      await route.fulfill({ response, body: html });
    });
    const list = new ArchiveList(page);
    await list.goto();
    await expect(page.locator('.folio')).toHaveAttribute('lang', lang);
    await expect(page.locator('.folio')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('searchbox', { name: search, exact: true })).toBeVisible();
    await expect(page.locator('.folio-list__count')).toHaveText(`${sampleFeed.items.length} ${posts}`);
    const card = list.cards.first();
    await expect(card.locator('.folio-card__read-more')).toHaveText(readMore);
    // The date in the interface's language, as the browser's Intl writes it there.
    const time = card.locator('.folio-meta__date time');
    const expected = await time.evaluate((el, tag) => {
      const [y, m, d] = (el.getAttribute('datetime') ?? '').slice(0, 10).split('-').map(Number);
      return new Date(y, m - 1, d).toLocaleDateString(tag, { year: 'numeric', month: 'long', day: 'numeric' });
    }, lang);
    await expect(card.locator('.folio-meta__date')).toHaveText(`${postedOn} ${expected}`);
    await expect(page.getByText('Posted on')).toHaveCount(0);
  });
}
