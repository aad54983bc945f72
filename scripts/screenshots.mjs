// Takes the README's screenshots from the release build: the list and a post, in light
// and dark, a phone, Persian and Arabic, the embedding examples, and a static page with
// JavaScript off. Run after `make dist` and scripts/e2e-sites.sh:
//   node scripts/screenshots.mjs
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const port = 4185;
const server = spawn('node', ['tests/server.mjs', '--dir', 'dist', '--port', String(port), '--sites', 'target/e2e-sites', '--fixtures', 'tests/fixtures'], {
  stdio: 'ignore',
});
const browser = await chromium.launch({
  executablePath: process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  await new Promise((r) => setTimeout(r, 500));
  for (const colorScheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1100 }, colorScheme });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('main article').first().waitFor();
    await page.screenshot({ path: `docs/screenshots/list-${colorScheme}.png` });
    await page.locator('main article h2 a').first().click();
    await page.locator('.folio-post__body p').first().waitFor();
    await page.screenshot({ path: `docs/screenshots/post-${colorScheme}.png` });
    await page.close();
  }
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  await phone.goto(`http://127.0.0.1:${port}/`);
  await phone.locator('main article').first().waitFor();
  await phone.screenshot({ path: 'docs/screenshots/list-phone.png' });
  await phone.close();
  // Right-to-left interfaces (tests/fixtures/persian.json, arabic.json, served by the test
  // server when the folio-feed cookie names them): the Persian one with its English post,
  // left to right inside the right-to-left page.
  for (const [feed, file] of [['persian', 'rtl-persian'], ['arabic', 'rtl-arabic']]) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.addCookies([{ name: 'folio-feed', value: feed, url: `http://127.0.0.1:${port}/` }]);
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('main article').first().waitFor();
    await page.screenshot({ path: `docs/screenshots/${file}.png` });
    await context.close();
  }
  // The embedding example: the host's header and intro, then the archive in its column.
  const host = await browser.newPage({ viewport: { width: 1000, height: 1500 } });
  await host.goto(`http://127.0.0.1:${port}/examples/embed/`);
  await host.locator('#news-archive article.folio-card').first().waitFor();
  await host.screenshot({ path: 'docs/screenshots/embed.png' });
  // Two archives from two feeds on one page, each in its own slot of the hash.
  await host.goto(`http://127.0.0.1:${port}/examples/embed/two.html#news=/?q=otter`);
  await host.locator('#reports article.folio-card').first().waitFor();
  await host.locator('#news article.folio-card').first().waitFor();
  await host.setViewportSize({ width: 1100, height: 1000 });
  await host.screenshot({ path: 'docs/screenshots/embed-two.png' });
  await host.close();
  // A static post page (folio build --pages, scripts/e2e-sites.sh) with JavaScript off.
  const noScript = await browser.newContext({ viewport: { width: 1000, height: 1100 }, javaScriptEnabled: false });
  await noScript.addCookies([{ name: 'folio-site', value: 'pages', url: `http://127.0.0.1:${port}/` }]);
  // The pages name the e2e server's address; their images come from this server here.
  await noScript.route(/^http:\/\/127\.0\.0\.1:4173\//, (route) =>
    route.continue({ url: route.request().url().replace(':4173/', `:${port}/`) }),
  );
  const staticPage = await noScript.newPage();
  await staticPage.goto(`http://127.0.0.1:${port}/posts/otters-return-to-tolliver-brook/`);
  await staticPage.screenshot({ path: 'docs/screenshots/post-no-javascript.png' });
  await noScript.close();
} finally {
  await browser.close();
  server.kill();
}
