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
