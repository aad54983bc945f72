// Optimizes a Trunk build's wasm, and shortens the names it imports its JS functions by.
//
// wasm-bindgen names each import after the JS it calls plus a 16-digit hash
// (`__wbg_appendChild_dbf7ad2f48413560`), and every name is written twice: in the wasm's
// import section and as a key of the JS glue's import object. The hashes are random, so
// brotli cannot shrink them: about 6 KB of the download for 265 names. This renames each
// hashed import to a short one (`__w0`, `__w1`, …) in both files, which changes nothing
// else: the wasm's code refers to imports by index, not by name.
//
// It also drops what only a developer reads from the files every reader downloads: the
// comments and indentation of the JS glue (wasm-bindgen's notes on each binding), then the
// glue's long local names and spare syntax (terser), and the comments and runs of white
// space of the style sheets (Trunk's own minifier would also rewrite the JS and the HTML,
// which the inline loader's CSP hash depends on).
//
// Before all that it optimizes the wasm, in place of Trunk (index.html turns Trunk's
// wasm-opt off and gives the passes in `data-folio-wasm-opt`), so that it can first drop
// the exports of the stream classes that Leptos's server functions pull in through
// wasm-streams (`IntoUnderlyingSink` and its kin): a client-side app never makes one, and
// an export keeps its code alive through every pass. Their classes leave the JS glue too.
//
// Then it names each file it changed after its new bytes, as Trunk names files after
// its own inputs (a file whose bytes changed must not keep a name that hosts may have
// cached for good), and updates the names and the `integrity` attributes (SHA-384
// digests) in the build's HTML. If anything is not as expected (a name found other than
// once in the JS, a short name already in use), it keeps the import names and says why;
// the wasm is optimized either way.
//
//   node scripts/shrink.mjs DIST_DIR          (make dist runs it right after Trunk)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  encodeUleb,
  isStreamExport,
  readSections,
  readUleb,
  wasmOptPasses,
  withoutExports,
  writeSections,
} from './wasm-parts.mjs';

const dir = process.argv[2] ?? 'dist';
const wasmName = readdirSync(dir).find((f) => /^folio-[0-9a-f]+_bg\.wasm$/.test(f));
if (!wasmName) {
  console.error(`shrink: no folio-…_bg.wasm in ${dir}`);
  process.exit(1);
}
const jsName = wasmName.replace('_bg.wasm', '.js');
const wasmPath = join(dir, wasmName);
const jsPath = join(dir, jsName);
const trunkWasm = readFileSync(wasmPath);
const trunkJs = readFileSync(jsPath, 'utf8');

const digest = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;

/** `stem-` and 16 hex digits of `bytes`' SHA-256, the shape of Trunk's names. */
const hashedName = (stem, bytes) => `${stem}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;

/**
 * Writes each changed file, `[path, before, after]`, then renames files as `renames`
 * says (`[from, to]` parts of names), and writes the new digests and names into the
 * build's HTML.
 */
function rewrite(changes, renames) {
  const swaps = [...changes.map(([, before, after]) => [digest(before), digest(after)]), ...renames];
  for (const [path, , after] of changes) writeFileSync(path, after);
  for (const [path] of changes) {
    const name = basename(path);
    const renamed = renames.reduce((n, [from, to]) => n.split(from).join(to), name);
    if (renamed !== name) renameSync(path, join(dir, renamed));
  }
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const path = join(dir, file);
    let html = readFileSync(path, 'utf8');
    const before = html;
    for (const [from, to] of swaps) html = html.split(from).join(to);
    if (html !== before) writeFileSync(path, html);
  }
}

/**
 * Writes the pair in place of Trunk's, with one new name in Trunk's shape
 * (`folio-<hash>.js`, `folio-<hash>_bg.wasm`). Only the HTML names them: the glue's own
 * fallback is `folio_bg.wasm`, which the loader never uses.
 */
function ship(newWasm, newJs) {
  const oldBase = jsName.replace(/\.js$/, '');
  const newBase = hashedName('folio', Buffer.concat([newWasm, Buffer.from(newJs, 'utf8')]));
  rewrite(
    [
      [wasmPath, trunkWasm, newWasm],
      [jsPath, Buffer.from(trunkJs, 'utf8'), Buffer.from(newJs, 'utf8')],
    ],
    [[oldBase, newBase]],
  );
}

// --- The style sheets: comments out, each run of white space one space. Strings in
// them hold no comment marks or runs of spaces, and no other byte is touched. ---
const sheets = readdirSync(dir).filter((f) => /^[a-z]+-[0-9a-f]+\.css$/.test(f));
const sheetChanges = sheets.map((name) => {
  const path = join(dir, name);
  const css = readFileSync(path);
  const small = css.toString('utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').trim();
  return [path, css, Buffer.from(small, 'utf8')];
});
const changedSheets = sheetChanges.filter(([, before, after]) => !before.equals(after));
rewrite(
  changedSheets,
  changedSheets.map(([path, , after]) => {
    const name = basename(path);
    return [name, `${hashedName(name.replace(/-[0-9a-f]+\.css$/, ''), after)}.css`];
  }),
);
const sheetBytes = sheetChanges.reduce((n, [, before, after]) => n + before.length - after.length, 0);
console.error(`shrink: ${sheets.length} style sheets, ${sheetBytes} bytes of comments and spaces dropped`);

// --- Optimizing the wasm (Trunk's wasm-opt is off), after dropping unused exports. ---

// The stream classes, in the glue: each class with its `Symbol.dispose` line, and its
// FinalizationRegistry. They go only when nothing else in the glue names them.
const streamClasses = /^export class (IntoUnderlying\w+) \{\n[\s\S]*?\n\}\nif \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm;
const streamRegistries = /^const IntoUnderlying\w+Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n\s*\? \{[^\n]*\}\n\s*: new FinalizationRegistry\([^\n]*\);\n/gm;
let js = trunkJs;
let unexport = () => false;
{
  const cut = trunkJs.replace(streamClasses, '').replace(streamRegistries, '');
  if (cut !== trunkJs && !/intounderlying/i.test(cut)) {
    js = cut;
    unexport = isStreamExport;
  } else if (/IntoUnderlying/.test(trunkJs)) {
    console.error('shrink: kept the stream classes: the glue does not hold them in the expected shape, or names them elsewhere');
  }
}

const passes = wasmOptPasses();
const [lean, unexported] = withoutExports(trunkWasm, unexport);
const work = mkdtempSync(join(tmpdir(), 'folio-shrink-'));
let wasm;
try {
  writeFileSync(join(work, 'in.wasm'), lean);
  const tools = process.env.FOLIO_TOOLS ?? join(homedir(), '.cache/folio/tools');
  execFileSync(join(tools, 'bin/wasm-opt'), [...passes, join(work, 'in.wasm'), '-o', join(work, 'out.wasm')], { stdio: 'inherit' });
  wasm = readFileSync(join(work, 'out.wasm'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.error(
  `shrink: wasm-opt ${passes.join(' ')}, ${unexported.length} unused exports dropped first: wasm ${trunkWasm.length} -> ${wasm.length} bytes`,
);

/** Leaves the import names as they are, with the reason; ships the optimized wasm. */
function keep(reason) {
  console.error(`shrink: kept wasm-bindgen's import names: ${reason}`);
  ship(wasm, js);
  process.exit(0);
}

// --- Reading the wasm: its sections, and the import section's entries. ---
let sections;
try {
  sections = readSections(wasm);
} catch (error) {
  keep(String(error.message ?? error));
}
const importSection = sections.find((s) => s.id === 2);
if (!importSection) keep('the wasm imports nothing');

/** The import section's entries: module, name, and the description's raw bytes. */
function readImports(body) {
  let at = 0;
  const uleb = () => {
    let value;
    [value, at] = readUleb(body, at);
    return value;
  };
  const text = () => {
    const len = uleb();
    at += len;
    return body.subarray(at - len, at).toString('utf8');
  };
  const limits = () => {
    const flags = body[at++];
    uleb();
    if (flags & 1) uleb();
  };
  const count = uleb();
  const entries = [];
  for (let k = 0; k < count; k++) {
    const module = text();
    const name = text();
    const descStart = at;
    const kind = body[at++];
    if (kind === 0) uleb();
    else if (kind === 1) {
      at++; // reference type
      limits();
    } else if (kind === 2) limits();
    else if (kind === 3) at += 2; // value type, mutability
    else if (kind === 4) {
      at++; // tag attribute
      uleb();
    } else throw new Error(`unknown import kind ${kind}`);
    entries.push({ module, name, desc: body.subarray(descStart, at) });
  }
  if (at !== body.length) throw new Error('the import section has bytes after its entries');
  return entries;
}

let imports;
try {
  imports = readImports(importSection.body);
} catch (error) {
  keep(String(error.message ?? error));
}

// --- The new names. ---
const hashed = /^__wbg_[A-Za-z0-9_$]*_[0-9a-f]{16}$/;
const renames = new Map();
for (const entry of imports) {
  if (!hashed.test(entry.name) || renames.has(entry.name)) continue;
  renames.set(entry.name, `__w${renames.size.toString(36)}`);
}
if (renames.size === 0) keep('no hashed import names (a newer wasm-bindgen?)');
let newJs = js;
for (const [from, to] of renames) {
  if (new RegExp(`\\b${to.replace('$', '\\$')}\\b`).test(js)) keep(`${to} is already a name in ${jsName}`);
  const key = `${from}:`;
  const found = newJs.split(key).length - 1;
  if (found !== 1) keep(`${from} is a key of ${jsName} ${found} times, not once`);
  if (newJs.split(from).length - 1 !== 1) keep(`${from} appears in ${jsName} other than as its key`);
  newJs = newJs.replace(key, `${to}:`);
}

// wasm-bindgen's comments (whole lines of `//`, and `/** … */` blocks) and indentation.
// Its template literals each fit on one line, so no line break is inside a string.
newJs = newJs
  .replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '')
  .replace(/^[ \t]*\/\/.*\n/gm, '')
  .replace(/^[ \t]+/gm, '');

// Then terser: shorter local names and tighter code. Object keys and the module's exports
// keep their names, which is all the wasm and the loader see; if a short import key did
// not come through, the glue stays as it is above.
{
  const { minify } = await import('terser');
  const small = await minify(newJs, {
    module: true,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  const code = small.code ?? '';
  const lost = [...renames.values()].filter((to) => !new RegExp(`\\b${to}:`).test(code));
  if (lost.length > 0) console.error(`shrink: kept the glue unminified (${lost.length} import keys missing after terser)`);
  else if (code.length >= newJs.length) console.error('shrink: kept the glue unminified (terser made it no smaller)');
  else newJs = code;
}

// --- Writing the wasm again, with the import section re-encoded. ---
function encodeName(text) {
  const raw = Buffer.from(text, 'utf8');
  return Buffer.concat([encodeUleb(raw.length), raw]);
}
const newImports = Buffer.concat([
  encodeUleb(imports.length),
  ...imports.map((e) => Buffer.concat([encodeName(e.module), encodeName(renames.get(e.name) ?? e.name), e.desc])),
]);
const newWasm = writeSections(
  wasm,
  sections.map((s) => (s === importSection ? { id: s.id, body: newImports } : s)),
);

ship(newWasm, newJs);
console.error(
  `shrink: ${renames.size} import names shortened: wasm ${wasm.length} -> ${newWasm.length} bytes, ${jsName} ${js.length} -> ${newJs.length}`,
);
