// `make bench`: the release bundle's sizes, raw, gzip and brotli, per kind of file.
//
//   node scripts/bench.mjs [dist]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const kinds = { '.wasm': 'wasm', '.js': 'js', '.css': 'css' };
const totals = {};

for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  const kind = kinds[extname(name)];
  if (!kind || !statSync(path).isFile()) continue;
  const body = readFileSync(path);
  const t = (totals[kind] ??= { raw: 0, gzip: 0, brotli: 0 });
  t.raw += body.length;
  t.gzip += gzipSync(body, { level: 9 }).length;
  t.brotli += brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }).length;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
console.log(`Bundle sizes in ${dir}/`);
console.log(`${'file'.padEnd(6)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
const sum = { raw: 0, gzip: 0, brotli: 0 };
for (const kind of ['wasm', 'js', 'css']) {
  const t = totals[kind] ?? { raw: 0, gzip: 0, brotli: 0 };
  for (const k of Object.keys(sum)) sum[k] += t[k];
  console.log(`${kind.padEnd(6)}${kb(t.raw)}${kb(t.gzip)}${kb(t.brotli)}`);
}
console.log(`${'total'.padEnd(6)}${kb(sum.raw)}${kb(sum.gzip)}${kb(sum.brotli)}`);

// Time to first post: a real Chromium loads the release build from a real HTTP server,
// fetches a synthetic feed of N posts, parses it in wasm and renders the first page.
// Median of several runs, each in a fresh page.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const { chromium } = await import('playwright-core');
const sizes = (process.env.FOLIO_BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const runs = Number(process.env.FOLIO_BENCH_RUNS ?? 5);
const port = Number(process.env.FOLIO_BENCH_PORT ?? 4180);
const work = mkdtempSync(join(tmpdir(), 'folio-bench-'));
const browser = await chromium.launch({
  executablePath: process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

console.log(`\nTime to first post (median of ${runs}, headless Chromium, loopback HTTP)`);
console.log(`${'posts'.padEnd(8)}${'feed'.padStart(10)}${'first post'.padStart(13)}`);
try {
  for (const n of sizes) {
    const feed = join(work, `feed-${n}.json`);
    execFileSync('node', ['scripts/gen-feed.mjs', String(n), feed]);
    const server = spawn('node', ['tests/server.mjs', '--dir', dir, '--port', String(port), '--feed', feed], { stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      await waitForServer(`http://127.0.0.1:${port}/`);
      const times = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage();
        const start = Date.now();
        await page.goto(`http://127.0.0.1:${port}/`);
        await page.locator('main article').first().waitFor({ timeout: 120_000 });
        times.push(Date.now() - start);
        await page.close();
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const mb = (statSync(feed).size / 1024 / 1024).toFixed(1);
      console.log(`${String(n).padEnd(8)}${`${mb} MB`.padStart(10)}${`${median} ms`.padStart(13)}`);
    } finally {
      server.kill();
    }
  }
} finally {
  await browser.close();
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch (err) {
      if (i === 99) console.error(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}
