#!/usr/bin/env node
// What the sharded index (format 1) would cost a reader: for synthetic feeds of each
// size, writes the sharded form with core's writer and replays `make bench`'s typing
// script natively (crates/folio-core/examples/shard_budget.rs), then adds up the bytes
// of the files each step fetches, raw and gzip-compressed as a static host sends them.
//
//   node scripts/bench-shard.mjs            (sizes from FOLIO_BENCH_SHARD_SIZES, default 10000,100000)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const sizes = (process.env.FOLIO_BENCH_SHARD_SIZES ?? '10000,100000').split(',').map(Number);
const work = 'target/bench';
mkdirSync(work, { recursive: true });

execFileSync('cargo', ['build', '--quiet', '--release', '--locked', '-p', 'folio-core', '--example', 'shard_budget'], {
  stdio: 'inherit',
});
const example = join(process.env.CARGO_TARGET_DIR ?? 'target', 'release', 'examples', 'shard_budget');

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const percentile = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const rows = [];
for (const n of sizes) {
  const feed = join(work, `feed-${n}.json`);
  if (!existsSync(feed)) execFileSync('node', ['scripts/gen-feed.mjs', String(n), feed], { stdio: 'inherit' });
  const out = join(work, `shard-${n}`);
  rmSync(out, { recursive: true, force: true });
  const lines = execFileSync(example, [feed, out], { maxBuffer: 1 << 28 }).toString().trim().split('\n').map((l) => JSON.parse(l));
  const [head, ...steps] = lines;
  const size = new Map();
  const sizeOf = (name) => {
    if (!size.has(name)) {
      const bytes = readFileSync(join(out, name));
      size.set(name, { raw: bytes.length, gz: gzipSync(bytes).length });
    }
    return size.get(name);
  };
  const total = (names) =>
    names.reduce((acc, name) => {
      const s = sizeOf(name);
      return { raw: acc.raw + s.raw, gz: acc.gz + s.gz };
    }, { raw: 0, gz: 0 });
  const first = total(head.first);
  const perQuery = steps.map((s) => total(s.fetched));
  const script = perQuery.reduce((a, b) => ({ raw: a.raw + b.raw, gz: a.gz + b.gz }), { raw: 0, gz: 0 });
  const worst = steps.reduce((w, s, i) => (perQuery[i].gz > (w?.gz ?? -1) ? { query: s.query, ...perQuery[i] } : w), null);
  rows.push({
    posts: head.posts,
    files: head.files,
    bytes: head.bytes,
    writeMs: head.write_ms,
    first,
    medianGz: percentile(perQuery.map((q) => q.gz), 50),
    medianRaw: percentile(perQuery.map((q) => q.raw), 50),
    p95Gz: percentile(perQuery.map((q) => q.gz), 95),
    script,
    worst,
    steps: steps.length,
    p95Micros: percentile(steps.map((s) => s.micros), 95),
  });
}

console.log('\nSharded index (format 1), natively replaying the typing script of make bench:');
for (const r of rows) {
  console.log(`\n${r.posts} posts: ${r.files} files, ${(r.bytes / 1048576).toFixed(1)} MB on disk, written in ${r.writeMs} ms`);
  console.log(`  first list (manifest + newest records): ${kb(r.first.raw)} raw, ${kb(r.first.gz)} gzip`);
  console.log(`  per keystroke, fetched (${r.steps} steps): median ${kb(r.medianRaw)} raw / ${kb(r.medianGz)} gzip, p95 ${kb(r.p95Gz)} gzip`);
  console.log(`  whole script: ${kb(r.script.raw)} raw, ${kb(r.script.gz)} gzip; heaviest step "${r.worst?.query}": ${kb(r.worst?.gz ?? 0)} gzip`);
  console.log(`  search work once chunks are in (native, p95): ${(r.p95Micros / 1000).toFixed(2)} ms`);
}
console.log(JSON.stringify(rows));
