// The wasm bundle's size by crate, and for Folio's own crates by module (which is by
// feature: search, the sharded reader, sanitizing…), for the README's size table.
//
// It builds the app's wasm as `make dist` does (release with scripts/release-env's size
// settings, wasm-bindgen, the unused exports dropped and index.html's wasm-opt passes) but
// keeps the function names (`wasm-opt -g`), then asks twiggy what each function costs,
// and adds them up by the crate that owns the function. Raw bytes are exact per
// function; the brotli column shares the shipped file's brotli size in proportion, which
// is an estimate (compression does not split by function).
//
//   node scripts/size-by-crate.mjs            (installs twiggy into the tools folder once)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { isStreamExport, wasmOptPasses, withoutExports } from './wasm-parts.mjs';

const tools = process.env.FOLIO_TOOLS ?? join(homedir(), '.cache/folio/tools');
const env = { ...process.env, PATH: `${tools}/bin:${process.env.PATH}` };
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28, ...opts });

try {
  run('twiggy', ['--version']);
} catch {
  console.error('size-by-crate: installing twiggy 0.8 into the tools folder (a few minutes, once)');
  run('cargo', ['install', 'twiggy', '--version', '0.8.0', '--locked', '--root', tools], { stdio: 'inherit' });
}

const work = mkdtempSync(join(tmpdir(), 'folio-size-'));
run('scripts/release-env', ['cargo', 'build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '-p', 'folio'], { stdio: 'inherit' });
const target = process.env.CARGO_TARGET_DIR ?? 'target';
run('wasm-bindgen', ['--target', 'web', '--out-dir', work, join(target, 'wasm32-unknown-unknown/release/folio.wasm')]);
const named = join(work, 'folio_named.wasm');
// As scripts/shrink.mjs does for the release: the stream classes' exports out, then
// index.html's wasm-opt passes.
const [lean] = withoutExports(readFileSync(join(work, 'folio_bg.wasm')), isStreamExport);
writeFileSync(join(work, 'folio_lean.wasm'), lean);
run('wasm-opt', [...wasmOptPasses(), '-g', join(work, 'folio_lean.wasm'), '-o', named]);

// The file that ships (dist/), for the brotli total; without a dist, the named build's.
const shipped = existsSync('dist') ? readdirSync('dist').find((f) => f.endsWith('_bg.wasm')) : undefined;
const brotli = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const shippedBrotli = shipped ? brotli(join('dist', shipped)) : brotli(named);

const csv = run('twiggy', ['top', '-n', '1000000', '--format', 'csv', named]).toString();
const rows = csv.trim().split('\n').slice(1);

// The crate (and, for Folio's own, the module) a function belongs to, from its
// demangled name: `<serde_json::de::Deserializer<R> as …>::f` belongs to serde_json.
function owner(name) {
  if (/^data segment/.test(name) || /^data\[\d+\]$/.test(name)) return ['(data: strings, tables)'];
  if (/^(elem|table|import|export|global|type|memory)/.test(name) || /section/.test(name)) return ['(wasm structure)'];
  if (/^code\[\d+\]$/.test(name)) return ['(unnamed code)'];
  let path = name;
  for (let before = ''; before !== path; ) {
    before = path;
    path = path.replace(/^[<&*(\[\s]+/, '').replace(/^(dyn|impl|mut|const)\s+/, '');
  }
  // `<T as serde::Deserialize>::f`, with a bare type first: the trait's crate owns it.
  const as = path.match(/^([A-Za-z0-9_]+)(?:<[^>]*>)? as ([A-Za-z0-9_:]+)/);
  if (as) path = as[2];
  const parts = path.split('::');
  const crate = parts[0].replace(/[^A-Za-z0-9_].*$/, '');
  if (!crate) return ['(other)'];
  if (crate === 'folio' || crate === 'folio_core') {
    const module = parts[1]?.replace(/[^A-Za-z0-9_].*$/, '');
    return [crate, module && /^[a-z_]+$/.test(module) ? module : '(root)'];
  }
  return [crate];
}

// twiggy's CSV: Name,ShallowSize,ShallowSizePercent,… (names may hold commas, quoted).
function parse(line) {
  const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!m) return null;
  const name = m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1];
  return { name, size: Number(m[2]) };
}

const crates = new Map();
const modules = new Map();
let total = 0;
for (const line of rows) {
  const row = parse(line);
  // The names `-g` kept are for this count only; the shipped file has none.
  if (!row || /subsection|custom section/.test(row.name)) continue;
  total += row.size;
  const [crate, module] = owner(row.name);
  crates.set(crate, (crates.get(crate) ?? 0) + row.size);
  if (module) modules.set(`${crate}::${module}`, (modules.get(`${crate}::${module}`) ?? 0) + row.size);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const table = (title, map, limit) => {
  console.log(`\n| ${title} | raw | share | brotli (est.) |\n|---|---|---|---|`);
  const sorted = [...map].sort((a, b) => b[1] - a[1]);
  let rest = 0;
  sorted.forEach(([name, size], i) => {
    if (i < limit) {
      console.log(`| ${name} | ${kb(size)} | ${((100 * size) / total).toFixed(1)} % | ${kb((shippedBrotli * size) / total)} |`);
    } else rest += size;
  });
  if (rest) console.log(`| (${sorted.length - limit} more) | ${kb(rest)} | ${((100 * rest) / total).toFixed(1)} % | ${kb((shippedBrotli * rest) / total)} |`);
};
console.log(`wasm with names, after the release's wasm-opt passes: ${kb(total)} counted by twiggy; shipped: ${kb(shippedBrotli)} brotli`);
table('Crate', crates, 24);
table('Folio module', modules, 30);
if (!existsSync(named)) process.exit(1);
