import { defineConfig } from '@playwright/test';

// Debian's Chromium; Playwright never downloads a browser here. The flags keep it from
// reaching for services on a closed network.
const chromium = {
  executablePath: process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const rootPort = Number(process.env.FOLIO_E2E_PORT ?? 4173);
const subPort = rootPort + 1;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./tests/e2e-errors.mjs']],
  // Service workers stay out of every test but the offline ones (offline.spec.ts), which
  // allow them: a worker would otherwise see, and cache, what the other tests fake.
  use: { launchOptions: chromium, browserName: 'chromium', serviceWorkers: 'block' },
  projects: [
    { name: 'root', grepInvert: /@heavy/, use: { baseURL: `http://127.0.0.1:${rootPort}/` } },
    { name: 'subpath', grepInvert: /@heavy/, use: { baseURL: `http://127.0.0.1:${subPort}/blog/` } },
    // The same archive published as a sharded index (dist/index/, from `folio build
    // --sharded`): the server makes the pages name index/manifest.json instead of
    // posts.json. The specs that cover what a sharded reader does differently run here.
    {
      name: 'sharded',
      grepInvert: /@heavy/,
      testMatch: /(search|facets|url-state|dates|reader|embed|back-state|focus|rtl|xss|authors|reading|offline)\.spec\.ts/,
      use: {
        baseURL: `http://127.0.0.1:${rootPort}/`,
        storageState: {
          cookies: [
            {
              name: 'folio-form',
              value: 'sharded',
              domain: '127.0.0.1',
              path: '/',
              expires: -1,
              httpOnly: false,
              secure: false,
              sameSite: 'Lax',
            },
          ],
          origins: [],
        },
      },
    },
    // Tests that load the machine (a 50 MB feed parsed in the browser) run alone, after
    // the others: beside them they would starve timing-sensitive tests such as typing
    // with a pause-based URL update.
    {
      name: 'heavy',
      grep: /@heavy/,
      dependencies: ['root', 'subpath', 'sharded'],
      use: { baseURL: `http://127.0.0.1:${rootPort}/` },
    },
  ],
  // The release builds, served over real HTTP: dist/ at the root, dist-blog/ under /blog/.
  webServer: [
    {
      command: `node tests/server.mjs --dir dist --port ${rootPort} --fixtures tests/fixtures --sites target/e2e-sites --gzip`,
      url: `http://127.0.0.1:${rootPort}/`,
      reuseExistingServer: false,
    },
    {
      command: `node tests/server.mjs --dir dist-blog --base /blog/ --port ${subPort} --fixtures tests/fixtures --sites target/e2e-sites --gzip`,
      url: `http://127.0.0.1:${subPort}/blog/`,
      reuseExistingServer: false,
    },
  ],
});
