#!/usr/bin/env node
// `make bench`, part 6: static pages (`folio build --pages`). For the synthetic archives
// (target/bench/feed-N.json) it times the release `folio build` with and without
// --pages, and counts the pages' files and bytes: the whole site's file count is what a
// host's file limit applies to.
//
//   node scripts/bench-pages.mjs        FOLIO_BENCH_PAGES_SIZES=10000,100000 (default)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countFiles } from './bench-common.mjs';

const sizes = (process.env.FOLIO_BENCH_PAGES_SIZES ?? '10000,100000').split(',').map(Number);
const folio = join(process.env.CARGO_TARGET_DIR ?? 'target', 'release', 'folio');
if (!existsSync(folio)) throw new Error(`${folio} is missing: make bench builds it first`);


function timed(args) {
  const started = process.hrtime.bigint();
  execFileSync(folio, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

console.log('\nStatic pages (folio build --pages), release build:');
for (const n of sizes) {
  const feed = join('target/bench', `feed-${n}.json`);
  if (!existsSync(feed)) execFileSync('node', ['scripts/gen-feed.mjs', String(n), feed], { stdio: 'inherit' });
  const plain = mkdtempSync(join(tmpdir(), 'folio-pages-'));
  const withPages = mkdtempSync(join(tmpdir(), 'folio-pages-'));
  try {
    const base = timed(['build', feed, '--quiet', '-o', plain]);
    const full = timed(['build', feed, '--pages', '--public-url', 'https://example.org/', '--quiet', '-o', withPages]);
    const again = timed(['build', feed, '--pages', '--public-url', 'https://example.org/', '--quiet', '-o', withPages]);
    const site = countFiles(withPages);
    const feedOnly = countFiles(plain);
    const pages = { files: site.files - feedOnly.files, bytes: site.bytes - feedOnly.bytes };
    console.log(`\n${n} posts`);
    console.log(`  pages: ${(full - base).toFixed(1)} s on top of the ${base.toFixed(1)} s build (${full.toFixed(1)} s in all); a rebuild with no change: ${again.toFixed(1)} s`);
    console.log(`  ${pages.files} page files, ${(pages.bytes / 1048576).toFixed(0)} MB; the whole site (posts.json included, not the app): ${site.files} files`);
  } finally {
    rmSync(plain, { recursive: true, force: true });
    rmSync(withPages, { recursive: true, force: true });
  }
}
