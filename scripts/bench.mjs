// `make bench`: the release bundle's sizes (raw, gzip, brotli), then a browser benchmark
// on synthetic feeds, side by side with a MiniSearch baseline page.
//
//   node scripts/bench.mjs [dist]
//   FOLIO_BENCH_SIZES=1000,10000,100000  FOLIO_BENCH_RUNS=3  (defaults)
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const kinds = { '.wasm': 'wasm', '.js': 'js', '.css': 'css' };
const totals = {};

for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  const kind = kinds[extname(name)];
  if (!kind || !statSync(path).isFile()) continue;
  // The service worker is fetched by the browser after the page has loaded, and then
  // only for a whole-page install: not part of what a reader waits for.
  if (name === 'sw.js') continue;
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

// The budget: make bench fails when the bundle grows past it. Raise it in bench/budget.json
// in the same change that adds the weight, so the growth is seen in review.
const budget = JSON.parse(readFileSync('bench/budget.json', 'utf8'));
const overBudget = sum.brotli / 1024 > budget.bundle_brotli_kb;
console.log(`budget: ${(sum.brotli / 1024).toFixed(1)} KB brotli of ${budget.bundle_brotli_kb} KB allowed (bench/budget.json)`);
if (overBudget && !process.env.FOLIO_BENCH_IGNORE_BUDGET) {
  console.error('bench: the bundle is over its budget; shrink it, or raise bench/budget.json in this change');
  process.exit(1);
}


// ---------------------------------------------------------------------------------------
// Browser benchmark. Real Chromium, real HTTP on loopback, generated feeds. For each feed
// size and each page (Folio, MiniSearch baseline) it measures:
//   - load: from navigation start to the first result in the DOM (fetch + parse + render;
//     the baseline also builds its index first); "search ready": until the search index
//     is built (Folio marks `folio-search-ready` in the Performance timeline); "longest
//     task": the longest main-thread task until then (PerformanceObserver long-task
//     entries). These three come from a tab driven over a bare DevTools pipe
//     (scripts/cdp-pipe.mjs), because Playwright's Network domain adds a task of its own
//     (it decodes each response for the inspector: about 90 ms for a 17 MB feed);
//   - keystrokes: a fixed typing script; each step sets the box's value and fires `input`.
//     "work" is the time until the page's own work is done and the DOM updated (the next
//     task after the event's microtasks); "to paint" adds the wait for the next frame to be
//     painted (requestAnimationFrame, then a task), so it can never be below one frame
//     (16.7 ms at 60 Hz) however fast the work is;
//   - a date-range change (Folio only; the baseline page has no date filter);
//   - memory: JS heap, and wasm linear memory for Folio.
import { spawn, execFileSync } from 'node:child_process';
import { launchPipe, measureLoad } from './cdp-pipe.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const { chromium } = await import('playwright-core');
const { pct, typingScript, waitForServer } = await import('./bench-common.mjs');
const sizes = (process.env.FOLIO_BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const runs = Number(process.env.FOLIO_BENCH_RUNS ?? 3);
const port = Number(process.env.FOLIO_BENCH_PORT ?? 4180);
const work = mkdtempSync(join(tmpdir(), 'folio-bench-'));

// Typing script: words from the generator's vocabulary, typed a letter at a time,
// including one-letter prefixes, a folded accent, Persian, and a phrase.
const script = typingScript;

// The MiniSearch page, with the library copied beside it.
const baselineDir = join(work, 'minisearch');
mkdirSync(baselineDir);
for (const f of ['index.html', 'main.js']) copyFileSync(join('bench/minisearch', f), join(baselineDir, f));
copyFileSync('node_modules/minisearch/dist/es/index.js', join(baselineDir, 'minisearch.js'));

const browser = await chromium.launch({
  executablePath: process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

const pipe = launchPipe(process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium', [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
]);

const ms = (v) => `${v.toFixed(1)} ms`;

async function measurePage(url, { inputSelector, resultSelector, dateInput, readyMark }) {
  const loads = [];
  const readies = [];
  const longest = [];
  const keys = [];
  const dates = [];
  let memory = {};
  for (let run = 0; run < runs; run++) {
    // Load figures from a tab with no DevTools Network domain (scripts/cdp-pipe.mjs):
    // from navigation start to the first result, to search ready, and the longest
    // main-thread task meanwhile.
    const load = await measureLoad(pipe, url, { resultSelector, readyMark });
    loads.push(load.first);
    readies.push(load.ready);
    longest.push(load.longest);
    // Typing in Playwright, once search is ready (Folio builds its index after the
    // first list, in slices), as the baseline's does.
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator(resultSelector).first().waitFor({ timeout: 300_000 });
    if (readyMark) {
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, readyMark, { timeout: 300_000 });
    }
    const timings = await page.evaluate(async ({ inputSelector, script, dateInput }) => {
      const input = document.querySelector(inputSelector);
      const channel = new MessageChannel();
      const nextTask = () => new Promise((r) => { channel.port1.onmessage = r; channel.port2.postMessage(0); });
      const painted = () => new Promise((r) => requestAnimationFrame(() => nextTask().then(r)));
      const step = async (el, value, type) => {
        const t0 = performance.now();
        el.value = value;
        el.dispatchEvent(new Event(type, { bubbles: true }));
        await nextTask();
        const work = performance.now() - t0;
        await painted();
        return { work, paint: performance.now() - t0 };
      };
      await painted();
      const keys = [];
      for (const value of script) keys.push(await step(input, value, 'input'));
      const dates = [];
      if (dateInput) {
        const from = document.querySelector(dateInput);
        for (const value of ['2015-01-01', '2019-06-01', '']) dates.push(await step(from, value, 'change'));
      }
      return { keys, dates };
    }, { inputSelector, script, dateInput });
    keys.push(...timings.keys);
    dates.push(...timings.dates.map((d) => d.work));
    if (run === runs - 1) {
      memory = await page.evaluate(() => {
        globalThis.gc?.();
        const heap = performance.memory?.usedJSHeapSize ?? 0;
        const wasm = window.folioBindings?.folio_wasm_memory_bytes?.() ?? 0;
        return { heap, wasm };
      });
    }
    await page.close();
  }
  const work = keys.map((k) => k.work);
  const paint = keys.map((k) => k.paint);
  // Per step of the script, the median over runs, to compare query by query.
  const perStep = script.map((_, i) => pct(keys.filter((_, j) => j % script.length === i).map((k) => k.work), 50));
  return {
    load: pct(loads, 50),
    ready: pct(readies, 50),
    longest: Math.max(...longest),
    longestRuns: longest,
    p50: pct(work, 50),
    p95: pct(work, 95),
    max: Math.max(...work),
    paint50: pct(paint, 50),
    paint95: pct(paint, 95),
    perStep,
    dates,
    memory,
  };
}

async function withServer(dir, feed, fn) {
  const server = spawn('node', ['tests/server.mjs', '--dir', dir, '--port', String(port), '--feed', feed], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForServer(`http://127.0.0.1:${port}/`);
    return await fn(`http://127.0.0.1:${port}/`);
  } finally {
    server.kill();
    await new Promise((r) => server.once('exit', r));
  }
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log(`\nBrowser benchmark: headless Chromium, loopback HTTP, ${runs} runs, ${script.length} keystrokes a run`);
try {
  for (const n of sizes) {
    const feed = join(work, `feed-${n}.json`);
    execFileSync('node', ['scripts/gen-feed.mjs', String(n), feed]);
    const folio = await withServer(dir, feed, (url) =>
      measurePage(url, { inputSelector: '#folio-q', resultSelector: 'main article', dateInput: '#folio-from', readyMark: 'folio-search-ready' }));
    const mini = await withServer(baselineDir, feed, (url) =>
      measurePage(url, { inputSelector: '#q', resultSelector: '#results li', dateInput: null }));
    console.log(`\n${n} posts (${mb(statSync(feed).size)} feed)`);
    console.log(`${''.padEnd(22)}${'Folio'.padStart(12)}${'MiniSearch'.padStart(12)}${'ratio'.padStart(8)}`);
    const row = (label, a, b, fmt = ms) =>
      console.log(`${label.padEnd(24)}${fmt(a).padStart(12)}${fmt(b).padStart(12)}${(b / a).toFixed(2).padStart(7)}×`);
    row('load to first result', folio.load, mini.load);
    row('search ready', folio.ready, mini.ready);
    row('longest task in load', folio.longest, mini.longest);
    // The row above is the worst run; one busy moment on the machine sets it alone.
    console.log(`${'  Folio, run by run'.padEnd(24)}${folio.longestRuns.map((v) => v.toFixed(0)).join(' / ')} ms`);
    row('keystroke work p50', folio.p50, mini.p50);
    row('keystroke work p95', folio.p95, mini.p95);
    row('keystroke work max', folio.max, mini.max);
    row('keystroke to paint p50', folio.paint50, mini.paint50);
    row('keystroke to paint p95', folio.paint95, mini.paint95);
    const wins = folio.perStep.filter((f, i) => f < mini.perStep[i]).length;
    const losses = script.map((q, i) => [q, folio.perStep[i], mini.perStep[i]]).filter(([, f, m]) => f >= m);
    console.log(`${'Folio faster on'.padEnd(22)}${`${wins} of ${script.length} steps`.padStart(24)}`);
    for (const [q, f, m] of losses) console.log(`  slower on ${JSON.stringify(q)}: ${ms(f)} vs ${ms(m)}`);
    console.log(`${'date range change'.padEnd(22)}${ms(pct(folio.dates, 50)).padStart(12)}${'n/a'.padStart(12)}`);
    console.log(`${'JS heap'.padEnd(22)}${mb(folio.memory.heap).padStart(12)}${mb(mini.memory.heap).padStart(12)}`);
    console.log(`${'wasm memory'.padEnd(22)}${mb(folio.memory.wasm).padStart(12)}${'n/a'.padStart(12)}`);
  }
} finally {
  await browser.close();
  await pipe.close();
}
console.log('\n(ratio = MiniSearch ÷ Folio: above 1 means Folio is faster)');

