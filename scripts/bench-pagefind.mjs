#!/usr/bin/env node
// `make bench`, part 5: Pagefind, side by side with Folio's sharded index. For the same
// synthetic archives (target/bench/feed-N.json) it indexes every post with Pagefind's
// Node API (`addCustomRecord`: title, text, date), then in headless Chromium replays the
// typing script of scripts/bench.mjs through Pagefind's own search API, loading the
// first ten results' fragments for each query as a results page would.
//
// Pagefind is installed on first use into target/bench/pagefind-npm (npm's `pagefind`
// package carries its binary), so `make test` never needs it.
//
//   node scripts/bench-pagefind.mjs      FOLIO_BENCH_PAGEFIND_SIZES=10000,100000 (default)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { countFiles, kb, pct, typingScript, waitForServer } from './bench-common.mjs';

const PAGEFIND_VERSION = '1.4.0';
const sizes = (process.env.FOLIO_BENCH_PAGEFIND_SIZES ?? '10000,100000').split(',').map(Number);
const port = Number(process.env.FOLIO_BENCH_PORT ?? 4182);
const work = resolve('target/bench');
const npmDir = join(work, 'pagefind-npm');

if (!existsSync(join(npmDir, 'node_modules', 'pagefind'))) {
  mkdirSync(npmDir, { recursive: true });
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', npmDir, `pagefind@${PAGEFIND_VERSION}`], {
    stdio: 'inherit',
  });
}
const pagefind = await import(pathToFileURL(join(npmDir, 'node_modules', 'pagefind', 'lib', 'index.js')).href);

const script = typingScript;

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ').trim();


async function build(n) {
  const feedPath = join(work, `feed-${n}.json`);
  if (!existsSync(feedPath)) execFileSync('node', ['scripts/gen-feed.mjs', String(n), feedPath], { stdio: 'inherit' });
  const site = join(work, `pagefind-site-${n}`);
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Pagefind bench</title>');
  const feed = JSON.parse(readFileSync(feedPath, 'utf8'));
  const started = Date.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (const item of feed.items) {
    const { errors: e } = await index.addCustomRecord({
      url: `/posts/${item.id}/`,
      content: `${item.title ?? ''} ${text(item.content_html ?? '')}`,
      language: item.language ?? 'en',
      meta: { title: item.title ?? '', date: item.date_published ?? '' },
    });
    if (e.length) throw new Error(`pagefind: ${e.join('; ')}`);
  }
  const out = join(site, 'pagefind');
  await index.writeFiles({ outputPath: out });
  const seconds = (Date.now() - started) / 1000;
  return { site, seconds, ...countFiles(out) };
}


const { chromium } = await import('playwright-core');
const rows = [];
for (const n of sizes) {
  console.error(`bench-pagefind: indexing ${n} posts…`);
  const built = await build(n);
  const server = spawn('node', ['tests/server.mjs', '--dir', built.site, '--port', String(port), '--gzip'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  try {
    await waitForServer(base);
    const page = await browser.newPage();
    await page.goto(base);
    console.error(`bench-pagefind: replaying the typing script on ${n} posts…`);
    const measured = await page.evaluate(async (script) => {
      performance.setResourceTimingBufferSize(100000);
      const fetched = () =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/pagefind/'))
          .reduce((sum, e) => sum + e.encodedBodySize, 0);
      const t0 = performance.now();
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      const ready = { ms: performance.now() - t0, bytes: fetched() };
      const steps = [];
      for (const q of script) {
        const before = fetched();
        const s0 = performance.now();
        const search = await pf.search(q === '' ? null : q);
        const results = search?.results ?? [];
        await Promise.all(results.slice(0, 10).map((r) => r.data()));
        steps.push({ query: q, ms: performance.now() - s0, bytes: fetched() - before, count: results.length });
      }
      return { ready, steps };
    }, script);
    rows.push({ n, built, ...measured });
  } finally {
    await browser.close();
    server.kill();
    await new Promise((r) => server.once('exit', r));
  }
}
await pagefind.close();

console.log(`\nPagefind ${PAGEFIND_VERSION} on the same archives (addCustomRecord; gzip over loopback HTTP):`);
for (const r of rows) {
  const per = r.steps.map((s) => s.bytes);
  const heaviest = r.steps.reduce((w, s) => (s.bytes > w.bytes ? s : w), r.steps[0]);
  console.log(`\n${r.n} posts`);
  console.log(`  build: ${r.built.seconds.toFixed(1)} s; ${r.built.files} files, ${(r.built.bytes / 1048576).toFixed(0)} MB on disk`);
  console.log(`  ready to search (library + entry + wasm): ${kb(r.ready.bytes)}, ${r.ready.ms.toFixed(0)} ms`);
  console.log(`  typing script (${r.steps.length} queries, first 10 results' fragments each): median ${kb(pct(per, 50))} a query, p95 ${kb(pct(per, 95))}, all ${kb(per.reduce((a, b) => a + b, 0))}; heaviest "${heaviest.query}" ${kb(heaviest.bytes)}`);
  console.log(`  time per query: median ${pct(r.steps.map((s) => s.ms), 50).toFixed(0)} ms, p95 ${pct(r.steps.map((s) => s.ms), 95).toFixed(0)} ms`);
  const phrase = r.steps.find((s) => s.query === '"golden harbour"');
  if (phrase) console.log(`  "golden harbour": ${phrase.count} results`);
}
