// The embedding example (examples/embed/, built by `make dist`): a host site with its
// own header, navigation, footer, script and deliberately hostile CSS, with the archive
// mounted in it by data attributes, hash routing and a strict Content-Security-Policy.
// The example loads Folio with folio.js and sets data-heading-level="2" under its own
// h1; custom-element.html copies Trunk's tags instead (the hash-in-the-CSP route).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cspViolations, expectInlineScriptBlocked, watchCspViolations } from './pages';

const EXAMPLE = 'examples/embed/';
const PAGE_TITLE = 'News archive · Sorrel Valley Water Collective';

class EmbeddedArchive {
  readonly root: Locator;
  readonly cards: Locator;
  readonly search: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly count: Locator;
  readonly heading: Locator;

  constructor(
    readonly page: Page,
    selector = '#news-archive',
    readonly url = EXAMPLE,
    level = 2,
  ) {
    this.root = page.locator(selector);
    this.cards = this.root.locator('article.folio-card');
    this.search = this.root.getByRole('searchbox', { name: 'Search' });
    this.from = this.root.getByLabel('From', { exact: true });
    this.to = this.root.getByLabel('To', { exact: true });
    this.count = this.root.locator('.folio-list__count');
    this.heading = this.root.getByRole('heading', { level });
    this.cardLevel = level + 1;
  }

  readonly cardLevel: number;

  /** Opens the host page, optionally with a hash such as `#/?page=2`. */
  async open(hash = '') {
    await this.page.goto(this.url + hash);
    await expect(this.root.locator('.folio')).toBeVisible();
  }

  cardLink(title: string): Locator {
    return this.cards.getByRole('heading', { level: this.cardLevel }).getByRole('link', { name: title, exact: true });
  }
}

/** What the host page shows of its own: header links, headings and footer text. */
async function hostSnapshot(page: Page) {
  return page.evaluate(() => ({
    nav: [...document.querySelectorAll('.site-header a')].map((a) => [a.textContent, a.getAttribute('href')]),
    headings: [...document.querySelectorAll('h1, h2')].map((h) => h.textContent),
    footer: document.querySelector('.site-footer')?.textContent,
    path: location.pathname,
    title: document.title,
  }));
}

/** Folio's own console messages of one type (`warning`, `error`), as they arrive. */
function folioConsole(page: Page, type: 'warning' | 'error' | 'info'): string[] {
  const messages: string[] = [];
  page.on('console', (m) => {
    if (m.type() === type && m.text().startsWith('Folio:')) messages.push(m.text());
  });
  return messages;
}

/**
 * Edits the example's mount point and Folio's stylesheet link as soon as both are parsed,
 * before Folio starts, as a host's own script could. `edit` runs in the page, so it may
 * use only its arguments.
 */
async function beforeFolioStarts(
  page: Page,
  edit: (point: HTMLElement, link: HTMLLinkElement | null) => void,
  pointSelector = '#news-archive',
) {
  await page.addInitScript({
    content: `new MutationObserver((_, observer) => {
      const link = document.querySelector('link[data-folio-style]');
      const loader = document.querySelector('script[src$="folio.js"]');
      const point = document.querySelector(${JSON.stringify(pointSelector)});
      if (!point || (!link && !loader)) return;
      observer.disconnect();
      (${edit.toString()})(point, link);
    }).observe(document, { childList: true, subtree: true });`,
  });
}

function pathOf(page: Page) {
  return new URL(page.url()).pathname;
}

test('the archive renders inside its mount point, with the page size the host asked for', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  await expect(archive.cards).toHaveCount(5);
  await expect(archive.cards.first().getByRole('heading')).toHaveText('Heatwave Advice for River Users');
  // In a shadow root on the mount point; the host's fallback text is no longer shown.
  expect(await archive.root.evaluate((el) => !!el.shadowRoot?.querySelector('.folio'))).toBe(true);
  await expect(archive.root.getByText('The news archive needs JavaScript')).toBeHidden();
  // The host page keeps its own title and path, and Folio added no h1 to its light DOM.
  await expect(page).toHaveTitle(PAGE_TITLE);
  expect(pathOf(page)).toMatch(/\/examples\/embed\/$/);
  expect(await page.evaluate(() => document.querySelectorAll('h1').length)).toBe(1);
});

test('search and the date filter work, and the hash keeps them', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  const path = pathOf(page);
  await archive.search.pressSequentially('otter', { delay: 30 });
  await expect(archive.cards.first().getByRole('heading')).toHaveText('Otters Return to Tolliver Brook');
  await expect(page).toHaveURL(/#\/\?q=otter$/);
  expect(pathOf(page)).toBe(path);

  await archive.search.fill('');
  await archive.from.fill('2025-01-01');
  await expect(archive.count).toHaveText('5 posts');
  await expect(page).toHaveURL(/#\/\?from=2025-01-01$/);
  await archive.to.fill('2025-03-31');
  await expect(archive.count).toHaveText('2 posts');
  await expect(page).toHaveURL(/#\/\?from=2025-01-01&to=2025-03-31$/);
  expect(pathOf(page)).toBe(path);

  // Back steps through the filters as it does at a whole-page install.
  await page.goBack();
  await expect(archive.count).toHaveText('5 posts');
  await expect(archive.to).toHaveValue('');
});

test('opening a post and going Back and Forward leave the host page as it was', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  const before = await hostSnapshot(page);
  await archive.search.fill('otter');
  await expect(page).toHaveURL(/#\/\?q=otter$/);

  const entries = await page.evaluate(() => history.length);
  await archive.cardLink('Otters Return to Tolliver Brook').click();
  await expect(archive.heading).toHaveText('Otters Return to Tolliver Brook');
  await expect(page).toHaveURL(/#\/posts\/[^?]+\?q=otter$/);
  await expect(archive.root.locator('.folio-post__body mark').first()).toBeVisible();
  // One click, one history entry, as at a whole-page install; made by the archive (the
  // entry carries its address), not by the browser following a fragment.
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  expect(await page.evaluate(() => history.state?.folioAddress)).toMatch(/^\/posts\/[^?]+\?q=otter$/);
  // Focus moved to the post's heading, inside the archive.
  await expect(archive.heading).toBeFocused();
  expect(await hostSnapshot(page)).toEqual(before);

  await page.goBack();
  await expect(archive.search).toHaveValue('otter');
  await expect(archive.cards.first().getByRole('heading')).toHaveText('Otters Return to Tolliver Brook');
  await page.goForward();
  await expect(archive.heading).toHaveText('Otters Return to Tolliver Brook');

  await archive.root.getByRole('link', { name: /Back to archive/ }).click();
  await expect(archive.search).toHaveValue('otter');
  expect(await hostSnapshot(page)).toEqual(before);
});

test('a shared hash link opens the post, and so does a reload', async ({ page, context }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  await archive.cardLink('Heatwave Advice for River Users').click();
  await expect(archive.heading).toHaveText('Heatwave Advice for River Users');
  const link = page.url();
  expect(new URL(link).hash).toMatch(/^#\/posts\/./);

  await page.reload();
  await expect(archive.heading).toHaveText('Heatwave Advice for River Users');
  await expect(page).toHaveTitle(PAGE_TITLE);

  const other = await context.newPage();
  await other.goto(link);
  await expect(new EmbeddedArchive(other).heading).toHaveText('Heatwave Advice for River Users');

  // A list state travels the same way.
  await archive.open('#/?page=2');
  await expect(archive.root.locator('[aria-current="page"]')).toHaveText('2');
  await page.reload();
  await expect(archive.root.locator('[aria-current="page"]')).toHaveText('2');
});

test('an author page works under hash routing, and its links keep to the hash', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  const byline = archive.cards.first().locator('.folio-meta__authors').getByRole('link').first();
  const name = (await byline.innerText()).trim();
  await byline.click();
  await expect(archive.heading).toHaveText(`Author: ${name}`);
  expect(new URL(page.url()).hash).toMatch(/^#\/authors\/[^/?]+$/);
  expect(pathOf(page)).toMatch(/examples\/embed\/$/);
  await page.reload();
  await expect(archive.heading).toHaveText(`Author: ${name}`);
  await expect(page).toHaveTitle(PAGE_TITLE);
  await page.goBack();
  await expect(archive.heading).not.toHaveText(`Author: ${name}`);
});

test('/ focuses the archive\'s search only while focus is inside the archive', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  await expect(archive.root.locator('#folio-q-hint')).toHaveText('Press Esc to clear the search.');
  // On the host page, the key is the host's.
  await page.locator('.site-header a').first().focus();
  await page.keyboard.press('/');
  await expect(archive.search).not.toBeFocused();
  // Inside the archive, it searches.
  await archive.cards.first().getByRole('link').first().focus();
  await page.keyboard.press('/');
  await expect(archive.search).toBeFocused();
  await page.keyboard.type('flood');
  await page.keyboard.press('Escape');
  await expect(archive.search).toHaveValue('');
});

test('data-lang sets the interface language over the feed\'s', async ({ page }) => {
  await beforeFolioStarts(page, (point) => point.setAttribute('data-lang', 'ar'));
  const archive = new EmbeddedArchive(page);
  await page.goto(EXAMPLE);
  await expect(archive.root.getByRole('searchbox', { name: 'بحث' })).toBeVisible();
  await expect(archive.root.locator('.folio')).toHaveAttribute('dir', 'rtl');
  // The posts' titles stay in their own language; the interface's words, the count and
  // the meta line, are Arabic, even though the feed says English.
  await expect(archive.cards.first().locator('.folio-card__title')).toHaveAttribute('lang', 'en');
  for (const part of [archive.root.locator('.folio-list__count'), archive.cards.first().locator('.folio-meta')]) {
    expect(await part.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('ar');
  }
});

test('an unknown hash address shows the archive\'s not-found page with a way back', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open('#/no/such/place');
  await expect(archive.heading).toHaveText('Page not found');
  await archive.root.getByRole('link', { name: 'Go to the archive' }).click();
  await expect(archive.cards).toHaveCount(5);
  await expect(page).toHaveTitle(PAGE_TITLE);
});

test('the host page keeps its scroll, its anchors and its own script', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  await expect(archive.cards).toHaveCount(5);
  // Loading neither scrolls the page nor takes focus from it.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

  // A page link at the foot of the archive brings the archive's top into view, as a
  // whole-page install scrolls to the top; the page above it is not scrolled past.
  const pageTwo = archive.root.getByRole('link', { name: 'Page 2' });
  await pageTwo.scrollIntoViewIfNeeded();
  expect(await archive.root.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(0);
  await pageTwo.click();
  await expect(archive.root.locator('[aria-current="page"]')).toHaveText('2');
  await expect
    .poll(() => archive.root.evaluate((el) => Math.round(el.getBoundingClientRect().top)))
    .toBeGreaterThanOrEqual(0);
  const top = await archive.root.evaluate((el) => el.getBoundingClientRect().top);
  expect(top).toBeLessThan(await page.evaluate(() => window.innerHeight));

  // The host's own anchors still work, and the archive stays where it was: on a post,
  // through `#contact`, through `#` ("Back to top") and back again.
  const title = (await archive.cards.first().getByRole('heading').innerText()).trim();
  await archive.cardLink(title).click();
  await expect(archive.heading).toHaveText(title);
  await page.getByRole('link', { name: 'Contact', exact: true }).click();
  await expect(page).toHaveURL(/#contact$/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect(archive.heading).toHaveText(title);
  await page.getByRole('link', { name: 'Back to top' }).click();
  await expect(page).toHaveURL(/#$/);
  await expect(archive.heading).toHaveText(title);
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/#\/posts\//);
  await expect(archive.heading).toHaveText(title);
  // Back once more reaches the page as it was loaded, without a hash: the list again.
  await page.goBack();
  await expect(page).toHaveURL(/#\/\?page=2$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/examples\/embed\/$/);
  await expect(archive.root.locator('[aria-current="page"]')).toHaveText('1');

  // The site's script runs alongside: its counter and its menu button still work.
  await expect(page.locator('html')).toHaveAttribute('data-host-script', 'ran');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.locator('#signups')).toHaveText('2');
});

test('the host page\'s hostile CSS does not reach the archive, and Folio\'s does not leak out', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  await expect(archive.cards).toHaveCount(5);
  const inside = await archive.root.evaluate((host) => {
    const root = host.shadowRoot!;
    const style = (selector: string) => getComputedStyle(root.querySelector(selector)!);
    return {
      cardDisplay: style('article.folio-card').display,
      titleSize: parseFloat(style('.folio-card__title').fontSize),
      textSize: parseFloat(style('.folio-card__excerpt').fontSize),
      linkColor: style('.folio-card__link').color,
      boxSizing: style('.folio-main').boxSizing,
      lineHeight: parseFloat(style('.folio').lineHeight) / parseFloat(style('.folio').fontSize),
      letterSpacing: style('.folio').letterSpacing,
      inputBorder: style('.folio-search input').borderTopWidth,
      current: style('.folio-pagination__current').backgroundColor,
      mainWidth: root.querySelector('.folio-main')!.getBoundingClientRect().width,
      hostWidth: host.getBoundingClientRect().width,
    };
  });
  // `article { display: flex }`, `h2 { font-size: 40px }`, `a { color: red }`,
  // `* { box-sizing: content-box }`, `div { line-height: 2.4; letter-spacing }` and
  // `input { border: 4px }` all stop at the shadow root, and `html { font-size: 10px }`
  // does not shrink the archive's text below the reader's default size.
  expect(inside.cardDisplay).toBe('block');
  expect(inside.titleSize).toBeGreaterThan(20);
  expect(inside.titleSize).toBeLessThan(30);
  expect(inside.textSize).toBeGreaterThanOrEqual(16);
  expect(inside.linkColor).toBe('rgb(29, 92, 70)'); // the host's --folio-link theme
  expect(inside.boxSizing).toBe('border-box');
  expect(inside.lineHeight).toBeCloseTo(1.6, 1);
  expect(inside.letterSpacing).toBe('normal');
  expect(inside.inputBorder).not.toBe('4px');
  expect(inside.current).toBe('rgb(32, 74, 59)'); // the host's --folio-accent theme
  // The archive's layout fits the column it is given.
  expect(inside.mainWidth).toBeLessThanOrEqual(inside.hostWidth);

  // Meanwhile the host's own rules still apply to the host's own elements.
  const outside = await page.evaluate(() => ({
    h2: getComputedStyle(document.querySelector('.site-counter h2')!).fontSize,
    intro: getComputedStyle(document.querySelector('article.intro')!).display,
    bodyFont: getComputedStyle(document.body).fontFamily,
  }));
  expect(outside.h2).toBe('40px');
  expect(outside.intro).toBe('flex');
  expect(outside.bodyFont).toContain('Georgia');
});

test('the example runs under its Content-Security-Policy, which is enforced', async ({ page }) => {
  await watchCspViolations(page);
  const archive = new EmbeddedArchive(page);
  await archive.open();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  // folio.js, the stable loader: no hash or nonce to update on each release.
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(policy).not.toContain('unsafe-inline');

  await expect(archive.cards).toHaveCount(5);
  // Every kind of view: a search with marks, a date range, a facet, a month, a post.
  await archive.search.fill('otter');
  await expect(archive.root.locator('mark').first()).toBeVisible();
  await archive.search.fill('');
  await archive.from.fill('2024-01-01');
  await archive.root.getByRole('region', { name: 'Filter by Tags' }).getByRole('link', { name: /^wildlife/ }).click();
  await expect(page).toHaveURL(/tag=wildlife/);
  await archive.root.getByText(/^2024 \(\d+\)$/).click();
  await archive.root.getByRole('link', { name: /^\w+ 2024\s*\d+$/ }).first().click();
  await expect(page).toHaveURL(/from=2024-\d\d-01&to=2024-\d\d-\d\d/);
  await archive.root.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/#\/$/);
  await archive.cardLink('Heatwave Advice for River Users').click();
  await expect(archive.heading).toHaveText('Heatwave Advice for River Users');
  await expect(archive.root.locator('.folio-post__body p').first()).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);
  await page.goto(`${EXAMPLE}#/posts/no-such-post`);
  await expect(archive.heading).toHaveText('Page not found');
  expect(await cspViolations(page)).toEqual([]);

  // The policy is really in force: an inline script without the hash does not run.
  await expectInlineScriptBlocked(page);
});

test('a <folio-archive> element works as a mount point too, with the defaults', async ({ page }) => {
  await page.goto(`${EXAMPLE}custom-element.html`);
  const root = page.locator('folio-archive');
  await expect(root.locator('article.folio-card')).toHaveCount(10);
  await expect(page).toHaveTitle('Archive (custom element)');
  await root.locator('article.folio-card').first().getByRole('heading').getByRole('link').click();
  await expect(page).toHaveURL(/custom-element\.html#\/posts\//);
  await expect(root.getByRole('heading', { level: 1 })).toHaveText('Heatwave Advice for River Users');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the host page with its archive has no axe violations (${scheme} system scheme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const archive = new EmbeddedArchive(page);
    await archive.open();
    await expect(archive.cards).toHaveCount(5);
    const check = async () => {
      const results = await new AxeBuilder({ page }).analyze();
      return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    expect(await check()).toEqual([]);
    await archive.cardLink('Heatwave Advice for River Users').click();
    await expect(archive.heading).toHaveText('Heatwave Advice for River Users');
    expect(await check()).toEqual([]);
  });
}

test('data-theme pins the scheme; without it the archive follows the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = (selector: string) =>
    page.locator(selector).evaluate((host) => getComputedStyle(host.shadowRoot!.querySelector('.folio')!).backgroundColor);
  // The example's light-only site pins data-theme="light".
  await new EmbeddedArchive(page).open();
  expect(await background('#news-archive')).toBe('rgb(255, 255, 255)');
  // The custom element page leaves it at auto.
  await page.goto(`${EXAMPLE}custom-element.html`);
  await expect(page.locator('folio-archive article.folio-card').first()).toBeVisible();
  expect(await background('folio-archive')).toBe('rgb(20, 22, 26)');
});

test('attribute values that make no sense fall back to defaults with a console warning', async ({ page }) => {
  const warnings = folioConsole(page, 'warning');
  await beforeFolioStarts(page, (point) => {
    point.setAttribute('data-page-size', 'lots');
    point.setAttribute('data-routing', 'history');
  });
  const archive = new EmbeddedArchive(page);
  await archive.open();
  await expect(archive.cards).toHaveCount(10);
  await archive.cardLink('Heatwave Advice for River Users').click();
  await expect(page).toHaveURL(/#\/posts\//);
  expect(warnings.some((w) => w.includes('data-page-size="lots"'))).toBe(true);
  expect(warnings.some((w) => w.includes('data-routing="history"'))).toBe(true);
});

test('path routing embedded: addresses go under the page, and host links stay the host\'s', async ({ page }) => {
  await page.goto(`${EXAMPLE}path.html`);
  const root = page.locator('[data-folio]');
  const cards = root.locator('article.folio-card');
  await expect(cards).toHaveCount(3);
  await cards.first().getByRole('heading').getByRole('link').click();
  await expect(root.getByRole('heading', { level: 1 })).toHaveText('Heatwave Advice for River Users');
  await expect(page).toHaveURL(/\/examples\/embed\/path\.html\/posts\/[^/]+$/);
  await expect(page).toHaveTitle('Archive (path routing)');
  await page.goBack();
  await expect(cards).toHaveCount(3);
  await expect(page).toHaveURL(/\/examples\/embed\/path\.html$/);
  // A host link outside the base is a real navigation, not an archive route.
  await page.getByRole('link', { name: 'Back to the example site' }).click();
  await expect(page).toHaveTitle(PAGE_TITLE);
});

test('a host page without a mount point gets a console note, not an archive over its body', async ({ page }) => {
  const errors = folioConsole(page, 'info');
  // As if the host's template forgot the mount point (a script removes it as it parses).
  await page.addInitScript(() => {
    new MutationObserver(() => document.getElementById('news-archive')?.remove()).observe(document, {
      childList: true,
      subtree: true,
    });
  });
  await page.goto(EXAMPLE);
  await expect.poll(() => errors.length).toBe(1);
  expect(errors[0]).toContain('no mount point found yet');
  expect(await page.locator('.folio').count()).toBe(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('News archive');
  // The host's links are untouched: no router took them over.
  await page.getByRole('link', { name: 'Contact', exact: true }).click();
  await expect(page).toHaveURL(/#contact$/);
});

test('with data-set-title, the archive sets the document title as a whole-page install does', async ({ page }) => {
  await beforeFolioStarts(page, (point) => point.setAttribute('data-set-title', ''));
  const archive = new EmbeddedArchive(page);
  await archive.open();
  await expect(page).toHaveTitle('Sorrel Valley Water Collective');
  await archive.cardLink('Heatwave Advice for River Users').click();
  await expect(page).toHaveTitle('Heatwave Advice for River Users');
  // The description stays the host's: only a whole-page install writes one.
  expect(await page.locator('meta[name="description"]').count()).toBe(0);
});

test('Back across the host\'s own anchors lands where path routing would', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  await expect(archive.cards).toHaveCount(5);
  // A host "#" link, then a post: Back shows the list again, as it was at "#".
  await page.getByRole('link', { name: 'Back to top' }).click();
  await expect(page).toHaveURL(/#$/);
  await archive.cardLink('Heatwave Advice for River Users').click();
  await expect(archive.heading).toHaveText('Heatwave Advice for River Users');
  await page.goBack();
  await expect(page).toHaveURL(/#$/);
  await expect(archive.cards).toHaveCount(5);
  await page.goForward();
  await expect(archive.heading).toHaveText('Heatwave Advice for River Users');

  // On post A, the host's #contact, then post B: Back shows A, and so does a reload.
  await page.getByRole('link', { name: 'Contact', exact: true }).click();
  await expect(page).toHaveURL(/#contact$/);
  await archive.root.getByRole('link', { name: /Older post/ }).click();
  await expect(archive.heading).not.toHaveText('Heatwave Advice for River Users');
  await page.goBack();
  await expect(page).toHaveURL(/#contact$/);
  await expect(archive.heading).toHaveText('Heatwave Advice for River Users');
  await page.reload();
  await expect(archive.heading).toHaveText('Heatwave Advice for River Users');
});

test('a link to the address already shown adds no history entry', async ({ page }) => {
  const archive = new EmbeddedArchive(page);
  await archive.open();
  const chip = archive.cards.first().locator('.folio-tag').first();
  const tag = (await chip.innerText()).trim();
  await chip.click();
  await expect(page).toHaveURL(new RegExp(`tag=${encodeURIComponent(tag)}$`));
  const entries = await page.evaluate(() => history.length);
  await archive.cards.first().locator('.folio-tag', { hasText: tag }).first().click();
  await expect(page).toHaveURL(new RegExp(`tag=${encodeURIComponent(tag)}$`));
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await page.goBack();
  await expect(page).not.toHaveURL(/tag=/);
});

test('the host\'s own history state survives the archive', async ({ page, context }) => {
  // A plain object keeps its keys and gains the archive's address.
  await page.addInitScript(() => history.replaceState({ k: 1 }, ''));
  const archive = new EmbeddedArchive(page);
  await archive.open();
  await expect(archive.cards).toHaveCount(5);
  expect(await page.evaluate(() => history.state)).toEqual({ k: 1, folioAddress: '/' });

  // Any other kind of state is left exactly as it is.
  const other = await context.newPage();
  await other.addInitScript(() => history.replaceState(['x', 2], ''));
  const second = new EmbeddedArchive(other);
  await second.open();
  await expect(second.cards).toHaveCount(5);
  expect(await other.evaluate(() => history.state)).toEqual(['x', 2]);
});

test('the hash route: Trunk\'s tags copied as they are, with integrity, under a CSP naming the loader\'s hash', async ({ page }) => {
  await watchCspViolations(page);
  const archive = new EmbeddedArchive(page, 'folio-archive', `${EXAMPLE}custom-element.html`, 1);
  await archive.open();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(policy).not.toContain('unsafe-inline');
  await expect(page.locator('link[data-folio-style]')).toHaveAttribute('integrity', /^sha384-/);
  await expect(page.locator('link[rel="modulepreload"]')).toHaveAttribute('integrity', /^sha384-/);
  await archive.cardLink('Heatwave Advice for River Users').click();
  await expect(archive.heading).toHaveText('Heatwave Advice for River Users');
  expect(await cspViolations(page)).toEqual([]);
  await expectInlineScriptBlocked(page);
});

/** The custom-element example, which copies Trunk's tags, <link data-folio-style> among them. */
function customElementArchive(page: Page) {
  return new EmbeddedArchive(page, 'folio-archive', `${EXAMPLE}custom-element.html`, 1);
}

test('the stylesheet comes from data-stylesheet when the head link is not marked', async ({ page }) => {
  const warnings = folioConsole(page, 'warning');
  // The host kept Folio's stylesheet link but dropped its marker, and names it instead.
  await beforeFolioStarts(
    page,
    (point, link) => {
      link!.removeAttribute('data-folio-style');
      point.setAttribute('data-stylesheet', link!.getAttribute('href') ?? '');
    },
    'folio-archive',
  );
  const archive = customElementArchive(page);
  await archive.open();
  await expect(archive.cards.first()).toBeVisible();
  const styled = () =>
    archive.root.evaluate((host) => getComputedStyle(host.shadowRoot!.querySelector('.folio-main')!).boxSizing);
  await expect.poll(styled).toBe('border-box');
  expect(warnings).toEqual([]);
});

test('without any stylesheet to copy, the archive still works and says why it is plain', async ({ page }) => {
  const warnings = folioConsole(page, 'warning');
  await beforeFolioStarts(page, (_point, link) => link!.removeAttribute('data-folio-style'), 'folio-archive');
  const archive = customElementArchive(page);
  await archive.open();
  await expect(archive.cards.first()).toBeVisible();
  expect(warnings.some((w) => w.includes('no stylesheet found'))).toBe(true);
  await archive.cardLink('Heatwave Advice for River Users').click();
  await expect(archive.heading).toHaveText('Heatwave Advice for River Users');
});
