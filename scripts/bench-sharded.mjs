#!/usr/bin/env node
// `make bench`, part 4: the sharded index in a real browser. For synthetic archives of
// each size it builds the sharded form with the release `folio` (build time, peak
// memory, files, bytes on disk), serves it gzip-compressed beside dist/ as a static host
// would, and measures in headless Chromium:
//   - index bytes on the wire before the first list, and the time to that list;
//   - the typing script of scripts/bench.mjs, cold: bytes fetched and time until the
//     results settle, per query;
//   - the same script again with every chunk it needs in memory: keystroke work
//     (input event to DOM updated, as bench.mjs measures it);
//   - wasm memory at the end.
//
//   node scripts/bench-sharded.mjs [dist]
//   FOLIO_BENCH_SHARD_SIZES=10000,100000 (default; add 1000000 for the 1M figures)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { countFiles, kb, pct, typingScript, waitForServer } from './bench-common.mjs';

const dist = process.argv[2] ?? 'dist';
const sizes = (process.env.FOLIO_BENCH_SHARD_SIZES ?? '10000,100000').split(',').map(Number);
const port = Number(process.env.FOLIO_BENCH_PORT ?? 4181);
const work = 'target/bench';
const sites = join(work, 'sites');
const folio = join(process.env.CARGO_TARGET_DIR ?? 'target', 'release', 'folio');
if (!existsSync(folio)) throw new Error(`${folio} is missing: make bench builds it first`);

const script = typingScript;


function build(n) {
  const feed = join(work, `feed-${n}.json`);
  if (!existsSync(feed)) execFileSync('node', ['scripts/gen-feed.mjs', String(n), feed], { stdio: 'inherit' });
  const out = join(sites, 'sharded', `s${n}`);
  rmSync(out, { recursive: true, force: true });
  const started = Date.now();
  const log = join(work, `sharded-build-${n}.log`);
  execFileSync('sh', ['-c', `/usr/bin/time -f 'peak-kb %M' "$0" build "$1" --sharded -o "$2" > "$3" 2>&1`, folio, feed, out, log]);
  const seconds = (Date.now() - started) / 1000;
  const text = execFileSync('cat', [log]).toString();
  const peakKb = Number(/peak-kb (\d+)/.exec(text)?.[1] ?? 0);
  const index = join(out, 'index');
  const names = readdirSync(index);
  const bytes = names.reduce((sum, name) => sum + statSync(join(index, name)).size, 0);
  // Files the whole output folder holds (posts.json, bodies and the index).
  return { seconds, peakMb: peakKb / 1024, indexFiles: names.length, allFiles: countFiles(out).files, bytes };
}


const { chromium } = await import('playwright-core');
mkdirSync(sites, { recursive: true });
const built = new Map();
for (const n of sizes) {
  console.error(`bench-sharded: building ${n} posts…`);
  built.set(n, build(n));
}

const server = spawn('node', ['tests/server.mjs', '--dir', dist, '--port', String(port), '--sites', sites, '--gzip'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}/`;
const browser = await chromium.launch({
  executablePath: process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'],
});

async function measure(n) {
  const context = await browser.newContext();
  await context.addCookies([
    { name: 'folio-form', value: 'sharded', url: base },
    { name: 'folio-feed', value: `s${n}`, url: base },
  ]);
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(base);
  await page.locator('main article').first().waitFor({ timeout: 120_000 });
  const firstList = Date.now() - started;
  const result = await page.evaluate(async (script) => {
    const indexBytes = () =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/index/'))
        .reduce((sum, e) => sum + e.encodedBodySize, 0);
    const indexFiles = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/index/')).length;
    performance.setResourceTimingBufferSize(100000);
    const first = { bytes: indexBytes(), files: indexFiles() };
    const input = document.querySelector('input[type=search]');
    const count = document.querySelector('.folio-list__count');
    const channel = new MessageChannel();
    const nextTask = () => new Promise((r) => { channel.port1.onmessage = r; channel.port2.postMessage(0); });
    const settled = () => !/Searching|Loading/.test(count.textContent ?? '');
    const waitSettled = async () => {
      const limit = performance.now() + 120_000;
      while (!settled() && performance.now() < limit) await new Promise((r) => setTimeout(r, 2));
    };
    // Cold: each query as typed, until its results are shown.
    const cold = [];
    for (const value of script) {
      const before = indexBytes();
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await nextTask();
      await waitSettled();
      // Let responses for the page's records land too.
      await new Promise((r) => setTimeout(r, 20));
      await waitSettled();
      cold.push({ query: value, ms: performance.now() - t0, bytes: indexBytes() - before });
    }
    // Warm: the same script, every chunk in memory.
    const warm = [];
    let fetchedWarm = 0;
    for (const value of script) {
      const before = indexBytes();
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await nextTask();
      warm.push(performance.now() - t0);
      await waitSettled();
      fetchedWarm += indexBytes() - before;
    }
    globalThis.gc?.();
    const wasm = window.folioBindings?.folio_wasm_memory_bytes?.() ?? 0;
    return { first, cold, warm, fetchedWarm, wasm };
  }, script);
  await context.close();
  return { firstList, ...result };
}

const rows = [];
try {
  await waitForServer(base);
  for (const n of sizes) {
    console.error(`bench-sharded: measuring ${n} posts in the browser…`);
    rows.push({ n, build: built.get(n), ...(await measure(n)) });
  }
} finally {
  await browser.close();
  server.kill();
}

console.log('\nSharded index (folio build --sharded) in headless Chromium, gzip over loopback HTTP:');
for (const r of rows) {
  const perQuery = r.cold.map((q) => q.bytes);
  const heaviest = r.cold.reduce((w, q) => (q.bytes > w.bytes ? q : w), r.cold[0]);
  const total = perQuery.reduce((a, b) => a + b, 0);
  console.log(`\n${r.n} posts`);
  console.log(`  build: ${r.build.seconds.toFixed(1)} s, peak ${r.build.peakMb.toFixed(0)} MB; ${r.build.indexFiles} index files (${r.build.allFiles} files in all), ${(r.build.bytes / 1048576).toFixed(0)} MB on disk`);
  console.log(`  first list: ${r.firstList} ms; index bytes before it ${kb(r.first.bytes)} in ${r.first.files} files`);
  console.log(`  typing script, cold (${script.length} queries): median ${kb(pct(perQuery, 50))} a query, p95 ${kb(pct(perQuery, 95))}, all ${kb(total)}; heaviest "${heaviest.query}" ${kb(heaviest.bytes)}`);
  console.log(`  time to settled results, cold: median ${pct(r.cold.map((q) => q.ms), 50).toFixed(0)} ms, p95 ${pct(r.cold.map((q) => q.ms), 95).toFixed(0)} ms`);
  console.log(`  keystroke work, chunks cached: p50 ${pct(r.warm, 50).toFixed(1)} ms, p95 ${pct(r.warm, 95).toFixed(1)} ms (fetched meanwhile: ${kb(r.fetchedWarm)})`);
  const slowest = script.map((q, i) => [q, r.warm[i]]).sort((a, b) => b[1] - a[1]).slice(0, 4);
  console.log(`  slowest cached keystrokes: ${slowest.map(([q, t]) => `"${q}" ${t.toFixed(1)} ms`).join(', ')}`);
  console.log(`  wasm memory: ${(r.wasm / 1048576).toFixed(0)} MB`);
}
