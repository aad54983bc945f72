// Embedding for real host sites (examples/embed/, built by `make dist`): heading levels
// under the host's own h1, two archives on one page, an archive mounted late by a host
// script and taken away again, and the stable loader under a CSP with no hash.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cspViolations, expectInlineScriptBlocked, watchCspViolations } from './pages';

const EXAMPLES = 'examples/embed/';

/** Every heading on the page in reading order, shadow roots included, as [level, text]. */
function outline(page: Page): Promise<[number, string][]> {
  return page.evaluate(() => {
    const found: [number, string][] = [];
    const walk = (root: Document | ShadowRoot | Element) => {
      for (const el of root.querySelectorAll('*')) {
        const match = /^H([1-6])$/.exec(el.tagName);
        if (match) found.push([Number(match[1]), (el.textContent ?? '').trim()]);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
}

/** The outline's faults: it must start at h1 and never go down more than one level at a time. */
function outlineFaults(headings: [number, string][]): string[] {
  const faults: string[] = [];
  if (headings[0]?.[0] !== 1) faults.push(`starts at h${headings[0]?.[0]}`);
  headings.forEach(([level, text], i) => {
    const before = i === 0 ? 0 : headings[i - 1][0];
    if (level > before + 1) faults.push(`h${level} "${text}" after h${before}`);
  });
  return faults;
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Counts the listeners Folio's scripts (folio-*.js, by the caller's stack) keep on
 * `window` and `document`, by type and capture, from before any script runs.
 */
async function trackListeners(page: Page) {
  await page.addInitScript(() => {
    const live = new Map<EventListenerOrEventListenerObject, Set<string>>();
    const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
    const key = (type: string, options?: boolean | EventListenerOptions) =>
      `${type}|${typeof options === 'boolean' ? options : !!options?.capture}`;
    EventTarget.prototype.addEventListener = function (type, listener, options) {
      const fromFolio = /\/folio-[0-9a-f]+\.js/.test(new Error().stack ?? '');
      if ((this === window || this === document) && listener && fromFolio) {
        if (!live.has(listener)) live.set(listener, new Set());
        live.get(listener)!.add(key(type, options));
      }
      return add.call(this, type, listener, options);
    };
    EventTarget.prototype.removeEventListener = function (type, listener, options) {
      if ((this === window || this === document) && listener) live.get(listener)?.delete(key(type, options));
      return remove.call(this, type, listener, options);
    };
    (window as unknown as { liveListeners: () => Record<string, number> }).liveListeners = () => {
      const counts: Record<string, number> = {};
      for (const keys of live.values()) for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
      return counts;
    };
  });
}

function windowListeners(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => (window as unknown as { liveListeners: () => Record<string, number> }).liveListeners());
}

function archiveIn(page: Page, selector: string) {
  const root = page.locator(selector);
  return {
    root,
    cards: root.locator('article.folio-card'),
    search: root.getByRole('searchbox', { name: 'Search' }),
    title: root.locator('.folio-title'),
  };
}

test.describe('under the host page\'s own h1', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`data-heading-level="2" keeps the outline in order on every page, with no axe violations (${scheme})`, async ({ page }) => {
      test.slow(); // three pages, each checked by axe
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(EXAMPLES);
      const archive = archiveIn(page, '#news-archive');
      await expect(archive.cards).toHaveCount(5);
      // The list: the host's h1, then the archive's title as h2, its sections below.
      await expect(archive.title).toHaveJSProperty('tagName', 'H2');
      await expect(archive.cards.first().getByRole('heading', { level: 3 })).toBeVisible();
      expect(outlineFaults(await outline(page))).toEqual([]);
      expect((await outline(page)).filter(([level]) => level === 1)).toEqual([[1, 'News archive']]);
      expect(await axeViolations(page)).toEqual([]);

      // A post: its title is h2, and its body's headings go below it.
      await archive.cards.first().getByRole('link').first().click();
      await expect(archive.root.getByRole('heading', { level: 2 })).toBeFocused();
      expect(outlineFaults(await outline(page))).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);

      // An author's page.
      await page.goBack();
      await archive.cards.first().locator('.folio-meta__authors a').first().click();
      await expect(archive.root.getByRole('heading', { level: 2 })).toHaveText(/^Author: /);
      expect(outlineFaults(await outline(page))).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  test('data-header="compact" shows the title line alone', async ({ page }) => {
    await page.goto(EXAMPLES);
    const archive = archiveIn(page, '#news-archive');
    await expect(archive.title).toBeVisible();
    await expect(archive.root.locator('.folio-header--compact')).toHaveCount(1);
    await expect(archive.root.locator('.folio-header__description, .folio-header__authors, .folio-header__icon')).toHaveCount(0);
  });

  test('data-header="none" leaves the search and the list, the title kept for screen readers', async ({ page }) => {
    await page.goto(`${EXAMPLES}two.html`);
    const news = archiveIn(page, '#news');
    await expect(news.cards).toHaveCount(3);
    await expect(news.search).toBeVisible();
    // In the outline (h3 under the host's h2 "News"), but not on screen.
    await expect(news.title).toHaveJSProperty('tagName', 'H3');
    await expect(news.title).toHaveText('Sorrel Valley Water Collective');
    const box = await news.title.boundingBox();
    expect(box === null || box.width <= 1).toBe(true);
    await expect(news.root.locator('.folio-header__description')).toHaveCount(0);
    expect(outlineFaults(await outline(page))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('with data-header="none", the hidden title shows while it has keyboard focus', async ({ page }) => {
  await page.goto(`${EXAMPLES}two.html`);
  const news = archiveIn(page, '#news');
  await expect(news.cards).toHaveCount(3);
  await news.cards.first().getByRole('link').first().focus();
  await page.keyboard.press('Enter');
  await expect(news.root.locator('.folio-post__title')).toBeFocused();
  await news.root.getByRole('link', { name: /Back to archive/ }).focus();
  await page.keyboard.press('Enter');
  await expect(news.title).toBeFocused();
  const box = await news.title.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(20);
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await news.title.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
});

test.describe('two archives on one page', () => {
  test('searching in one changes nothing in the other, and each keeps its own slot in the hash', async ({ page }) => {
    await page.goto(`${EXAMPLES}two.html`);
    const news = archiveIn(page, '#news');
    const reports = archiveIn(page, '#reports');
    await expect(news.cards).toHaveCount(3);
    await expect(reports.cards).toHaveCount(3);
    const reportTitles = await reports.cards.getByRole('heading').allInnerTexts();

    await news.search.fill('otter');
    await expect(page).toHaveURL(/#news=\/\?q=otter$/);
    await expect(news.cards.first()).toContainText(/otter/i);
    expect(await reports.cards.getByRole('heading').allInnerTexts()).toEqual(reportTitles);
    await expect(reports.search).toHaveValue('');

    // A post in the other: both slots are in the address.
    await reports.cards.getByRole('link', { name: 'Eel Pass Survey Summary', exact: true }).click();
    await expect(reports.root.getByRole('heading', { level: 3 })).toHaveText('Eel Pass Survey Summary');
    await expect(page).toHaveURL(/#news=\/\?q=otter;reports=\/posts\/[^;]+$/);
    await expect(news.search).toHaveValue('otter');

    // Reload keeps both where they were.
    await page.reload();
    await expect(reports.root.getByRole('heading', { level: 3 })).toHaveText('Eel Pass Survey Summary');
    await expect(news.search).toHaveValue('otter');
    await expect(news.cards.first()).toContainText(/otter/i);

    // Back undoes the last step, in the archive where it was taken.
    await page.goBack();
    await expect(reports.cards).toHaveCount(3);
    await expect(news.search).toHaveValue('otter');
    await page.goBack();
    await expect(news.search).toHaveValue('');
    await expect(news.cards).toHaveCount(3);
    await page.goForward();
    await expect(news.search).toHaveValue('otter');
    await expect(reports.cards).toHaveCount(3);
  });

  test('a shared link opens each archive where the sender had it', async ({ page, context }) => {
    await page.goto(`${EXAMPLES}two.html`);
    const reports = archiveIn(page, '#reports');
    await reports.cards.getByRole('link', { name: 'Eel Pass Survey Summary', exact: true }).click();
    const news = archiveIn(page, '#news');
    await news.root.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Page 2', exact: true }).click();
    await expect(page).toHaveURL(/reports=\/posts\/.+;news=\/\?page=2$/);

    const other = await context.newPage();
    await other.goto(page.url());
    await expect(archiveIn(other, '#reports').root.getByRole('heading', { level: 3 })).toHaveText('Eel Pass Survey Summary');
    await expect(archiveIn(other, '#news').root.locator('.folio-pagination [aria-current="page"]')).toHaveText('2');
  });

  test('an archive without data-id keeps the plain #/… beside the named ones', async ({ page }) => {
    await page.goto(`${EXAMPLES}two.html#news=/?q=otter`);
    await expect(archiveIn(page, '#news').search).toHaveValue('otter');
    await page.evaluate(() => {
      const point = document.createElement('div');
      point.id = 'third';
      document.querySelector('main')!.append(point);
      (window as unknown as { folio: { mount(el: Element, o: object): unknown } }).folio.mount(point, {
        index: 'reports.json',
        pageSize: 2,
        headingLevel: 2,
      });
    });
    const third = archiveIn(page, '#third');
    await third.cards.getByRole('link', { name: 'Water Quality Report, Third Quarter 2024', exact: true }).click();
    await expect(page).toHaveURL(/#\/posts\/[^;]+;news=\/\?q=otter$/);
    await expect(archiveIn(page, '#news').search).toHaveValue('otter');
    await page.goBack();
    await expect(third.cards).toHaveCount(2);
    await expect(page).toHaveURL(/#news=\/\?q=otter$/);
  });

  test('mounting again with new options keeps the archive where it was', async ({ page }) => {
    await page.goto(`${EXAMPLES}two.html#reports=/?page=2`);
    const reports = archiveIn(page, '#reports');
    await expect(reports.root.locator('.folio-pagination [aria-current="page"]')).toHaveText('2');
    await page.evaluate(() =>
      (window as unknown as { folio: { mount(el: string, o: object): unknown } }).folio.mount('#reports', { pageSize: 2 }),
    );
    await expect(reports.cards).toHaveCount(2);
    await expect(reports.root.locator('.folio-pagination [aria-current="page"]')).toHaveText('2');
    await expect(page).toHaveURL(/#reports=\/\?page=2$/);
  });

  test('no archive can join a path-routed one, which takes every link under its base', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && m.text().startsWith('Folio:') && errors.push(m.text()));
    await page.goto(`${EXAMPLES}path.html`);
    await expect(page.locator('[data-folio] >> article.folio-card').first()).toBeVisible();
    const handle = await page.evaluate(() => {
      const point = document.createElement('div');
      document.querySelector('main')!.append(point);
      return (window as unknown as { folio: { mount(el: Element, o: object): unknown } }).folio.mount(point, { index: '../../posts.json' });
    });
    expect(handle).toBeNull();
    expect(errors.some((e) => e.includes('path-routed archive'))).toBe(true);
  });

  test('a post body\'s headings go below the post\'s title', async ({ page }) => {
    await page.goto(`${EXAMPLES}two.html#reports=/`);
    const reports = archiveIn(page, '#reports');
    await reports.cards.getByRole('link', { name: 'Water Quality Report, Third Quarter 2024', exact: true }).click();
    await expect(reports.root.locator('.folio-post__title')).toHaveJSProperty('tagName', 'H3');
    await expect(reports.root.locator('.folio-post__body h4')).toHaveText('Sampling points');
    expect(outlineFaults(await outline(page))).toEqual([]);
  });
});

test.describe('mounting on demand', () => {
  test('a mount point added by a host script two seconds after load is mounted by folio.mount, and unmount() leaves nothing behind', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await trackListeners(page);
    await page.goto(`${EXAMPLES}late.html`);
    // Folio itself keeps no listener on the window until an archive is mounted.
    await expect.poll(() => page.evaluate(() => typeof (window as { folio?: unknown }).folio)).toBe('object');
    const late = archiveIn(page, '#late-archive');
    await expect(late.cards).toHaveCount(4, { timeout: 15_000 });
    await expect(late.title).toHaveJSProperty('tagName', 'H2');
    const mounted = await windowListeners(page);
    expect(mounted['click|false'] ?? 0).toBeGreaterThan(0);
    expect(mounted['hashchange|false'] ?? 0).toBeGreaterThan(0);

    // It routes in its own slot.
    await late.cards.first().getByRole('link').first().click();
    await expect(page).toHaveURL(/#late=\/posts\//);
    await expect(late.root.getByRole('heading', { level: 2 })).toBeFocused();

    await page.evaluate(() => {
      (window as unknown as { latePoint: Element }).latePoint = document.getElementById('late-archive')!;
    });
    await page.getByRole('button', { name: 'Remove the archive' }).click();
    await expect(late.root).toHaveCount(0);
    // Its slot is gone from the address, and every listener it added is removed.
    await expect(page).not.toHaveURL(/late=/);
    expect(await windowListeners(page)).toEqual({});
    // Hash changes and clicks reach nothing: the removed point stays empty.
    await page.evaluate(() => {
      location.hash = 'late=/posts/anything';
    });
    await page.getByRole('heading', { name: 'Archive on demand' }).click();
    await page.goBack();
    await page.waitForTimeout(300);
    const left = await page.evaluate(() => (window as unknown as { latePoint: Element }).latePoint.shadowRoot?.childElementCount);
    expect(left).toBe(0);
    expect(errors).toEqual([]);
  });

  test('unmount() on a point that stays in the page empties it, and mounting again works', async ({ page }) => {
    await page.goto(`${EXAMPLES}late.html`);
    const late = archiveIn(page, '#late-archive');
    await expect(late.cards).toHaveCount(4, { timeout: 15_000 });
    await page.evaluate(() => (window as unknown as { lateArchive: { unmount(): void } }).lateArchive.unmount());
    await expect(late.cards).toHaveCount(0);
    // A second unmount does nothing.
    await page.evaluate(() => (window as unknown as { lateArchive: { unmount(): void } }).lateArchive.unmount());
    await page.evaluate(() => {
      const folio = (window as unknown as { folio: { mount(el: string, o: object): unknown } }).folio;
      folio.mount('#late-archive', { index: '../../posts.json', pageSize: 2 });
    });
    await expect(late.cards).toHaveCount(2);
  });

  test('a remount adds its options to the ones given before, and stays where it was', async ({ page }) => {
    await page.goto(`${EXAMPLES}late.html`);
    const late = archiveIn(page, '#late-archive');
    await expect(late.cards).toHaveCount(4, { timeout: 15_000 });
    await late.cards.first().getByRole('link').first().click();
    await expect(page).toHaveURL(/#late=\/posts\/[^;]+$/);
    const url = page.url();
    await page.evaluate(() =>
      (window as unknown as { folio: { mount(el: string, o: object): unknown } }).folio.mount('#late-archive', { theme: 'dark' }),
    );
    // Still the same feed, slot, heading level and post.
    await expect(late.root.locator('.folio')).toHaveClass(/folio--dark/);
    await expect(late.root.locator('.folio-post__title')).toHaveJSProperty('tagName', 'H2');
    expect(page.url()).toBe(url);
    await late.root.getByRole('link', { name: /Back to archive/ }).click();
    await expect(late.cards).toHaveCount(4);
    await expect(page).toHaveURL(/#late=\/$/);
  });

  test('with the MutationObserver, a data-folio point added later mounts itself and unmounts when removed', async ({ page }) => {
    await trackListeners(page);
    await page.goto(`${EXAMPLES}late.html`);
    await expect(archiveIn(page, '#late-archive').cards.first()).toBeVisible({ timeout: 15_000 });
    const before = await windowListeners(page);
    await page.evaluate(() => {
      const point = document.createElement('div');
      point.id = 'observed';
      point.dataset.folio = '';
      point.dataset.id = 'observed';
      point.dataset.index = '../../posts.json';
      point.dataset.pageSize = '2';
      document.querySelector('main')!.append(point);
    });
    const observed = archiveIn(page, '#observed');
    await expect(observed.cards).toHaveCount(2);
    await page.evaluate(() => document.getElementById('observed')!.remove());
    await expect.poll(() => windowListeners(page)).toEqual(before);
  });

  test('folio.mount refuses what is not an element with a TypeError', async ({ page }) => {
    await page.goto(`${EXAMPLES}late.html`);
    await expect.poll(() => page.evaluate(() => typeof (window as { folio?: unknown }).folio)).toBe('object');
    const thrown = await page.evaluate(() => {
      try {
        (window as unknown as { folio: { mount(el: unknown): unknown } }).folio.mount('#nothing-here');
        return 'no error';
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    expect(thrown).toMatch(/^TypeError: folio: expected an element/);
  });
});

test.describe('the stable loader', () => {
  for (const file of ['', 'two.html', 'late.html']) {
    test(`${file || 'index.html'} runs on folio.js under a CSP with no hash or nonce, with no violation reports`, async ({ page }) => {
      await watchCspViolations(page);
      await page.goto(EXAMPLES + file);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
      expect(policy).not.toMatch(/sha256-|nonce-|unsafe-inline/);
      await expect(page.locator('script[src$="folio.js"]')).toHaveCount(1);
      expect(await page.locator('script:not([src])').count()).toBe(0);
      const cards = page.locator('.site-archive, #news-archive').first().locator('article.folio-card');
      await expect(cards.first()).toBeVisible({ timeout: 15_000 });
      // Styled from the stylesheet folio.js names: the host has no <link> for it.
      const styled = await page
        .locator('.site-archive, #news-archive')
        .first()
        .evaluate((host) => getComputedStyle(host.shadowRoot!.querySelector('.folio-card')!).display);
      expect(styled).toBe('block');
      // The size unit is registered (folio.js does it, as the host has no <link> to
      // Folio's stylesheet), so it is inherited as a length, not as a relative `1em`.
      const unit = await page
        .locator('.site-archive, #news-archive')
        .first()
        .evaluate((host) => getComputedStyle(host.shadowRoot!.querySelector('.folio-main')!).getPropertyValue('--_folio-u').trim());
      expect(unit).toMatch(/^\d+(\.\d+)?px$/);
      await cards.first().getByRole('link').first().click();
      await expect(page.locator('.site-archive, #news-archive').first().locator('.folio-post__body')).toBeVisible();
      expect(await cspViolations(page)).toEqual([]);
      await expectInlineScriptBlocked(page);
    });
  }

  test('folio.js names no hashed file by an absolute path, so it works under any base path', async ({ page, baseURL }) => {
    const response = await page.request.get(`${baseURL}folio.js`);
    expect(response.ok()).toBe(true);
    const source = await response.text();
    expect(source).toMatch(/import\.meta\.url/);
    expect(source).not.toMatch(/['"]\//);
  });
});


