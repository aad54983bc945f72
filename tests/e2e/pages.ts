// Page objects: the tests speak of what a reader sees (roles and labels), not selectors.
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

/** The bundled sample feed as `make dist` built it from sample/, so tests compare against the real data. */
export const sampleFeed = JSON.parse(readFileSync(new URL('../../dist/posts.json', import.meta.url), 'utf8'));

export class ArchiveList {
  readonly cards: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.cards = page.locator('main article');
    this.heading = page.getByRole('heading', { level: 1 });
  }

  /** Opens the list (a path relative to the app's base, such as `?page=2`). */
  async goto(path = '') {
    await this.page.goto(path);
    await expect(this.cards.first()).toBeVisible();
  }

  titles(): Promise<string[]> {
    return this.cards.getByRole('heading', { level: 2 }).allInnerTexts();
  }

  async datetimes(): Promise<string[]> {
    return this.cards.locator('time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
  }

  titleLink(title: string): Locator {
    return this.cards.getByRole('heading', { level: 2 }).getByRole('link', { name: title, exact: true });
  }
}

export class PostView {
  readonly heading: Locator;
  readonly backLink: Locator;
  readonly body: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.backLink = page.getByRole('link', { name: /Back to archive/ });
    this.body = page.locator('main article .folio-post__body');
  }
}

/** Makes the test server answer posts.json with a fixture or an error. */
export async function useFeed(page: Page, baseURL: string | undefined, feed: string) {
  await page.context().addCookies([{ name: 'folio-feed', value: feed, url: baseURL ?? 'http://127.0.0.1/' }]);
}

/** Makes the test server serve a site built by `folio build` (scripts/e2e-sites.sh) beside the app. */
export async function useSite(page: Page, baseURL: string | undefined, site: string) {
  await page.context().addCookies([{ name: 'folio-site', value: site, url: baseURL ?? 'http://127.0.0.1/' }]);
}

export class Filters {
  readonly search: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly sort: Locator;
  readonly clear: Locator;
  readonly count: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.from = page.getByLabel('From', { exact: true });
    this.to = page.getByLabel('To', { exact: true });
    this.sort = page.getByLabel('Sort', { exact: true });
    this.clear = page.getByRole('button', { name: 'Clear filters' });
    this.count = page.locator('.folio-list__count');
    this.problem = page.getByRole('alert');
  }

  facet(name: string): Locator {
    return this.page.getByRole('region', { name: `Filter by ${name}`, exact: true });
  }

  /** Types like a person: one key at a time. */
  async type(text: string) {
    await this.search.click();
    await this.search.pressSequentially(text, { delay: 30 });
  }
}

/**
 * Makes the test server's pages name a sharded index (`folio build --sharded`) instead
 * of posts.json: the sample's, or with `name`, the one scripts/e2e-sites.sh built into
 * target/e2e-sites/sharded/NAME/.
 */
export async function useSharded(page: Page, baseURL: string | undefined, name?: string) {
  const url = baseURL ?? 'http://127.0.0.1/';
  const cookies = [{ name: 'folio-form', value: 'sharded', url }];
  if (name) cookies.push({ name: 'folio-feed', value: name, url });
  await page.context().addCookies(cookies);
}

/**
 * Resolves once every image on the page has loaded or failed (lazy ones are made to
 * load) and two more frames have been drawn. A handler a hostile body carried, had one
 * survived, would have run by then: this waits for the events that would trigger it.
 */
export async function loadsSettled(page: Page) {
  await page.evaluate(async () => {
    const images = [...document.querySelectorAll('img')];
    for (const img of images) img.loading = 'eager';
    await Promise.all(
      images
        .filter((img) => !img.complete)
        .map((img) => new Promise((done) => {
          img.addEventListener('load', done, { once: true });
          img.addEventListener('error', done, { once: true });
        })),
    );
  });
  await framesDrawn(page, 2);
}

/**
 * Resolves after `count` animation frames. The app defers its focus moves and its
 * takeover of static pages to the next frame, so once two frames have passed nothing
 * from the previous page can still act.
 */
export async function framesDrawn(page: Page, count: number) {
  await page.evaluate(
    (n) => new Promise<void>((done) => {
      const step = (left: number) => (left === 0 ? done() : requestAnimationFrame(() => step(left - 1)));
      step(n);
    }),
    count,
  );
}

/** Records Content-Security-Policy violation reports from the page's first script on. */
export async function watchCspViolations(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

/** The violation reports recorded so far (see watchCspViolations). */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

/** Shows that the policy is in force: an inline script without the hash does not run, and is reported. */
export async function expectInlineScriptBlocked(page: Page) {
  const before = (await cspViolations(page)).length;
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.body.append(script);
  });
  expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  await expect.poll(async () => (await cspViolations(page)).length).toBe(before + 1);
}
