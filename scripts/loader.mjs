// Writes DIST/folio.js: Folio's loader under a name that never changes, for host pages
// that embed the archive.
//
// Trunk's own loader is an inline script naming this build's hashed files, so a host
// that pastes it must allow it in its Content-Security-Policy by a hash that changes
// with every release. folio.js is an ordinary same-origin module instead: a host page
// loads it with <script type="module" src=".../folio.js"></script> under
// `script-src 'self' 'wasm-unsafe-eval'`, with no hash or nonce, and a new release only
// replaces the file. It finds the hashed files beside itself (import.meta.url), so it
// works under any base path, fetches the wasm while the bindings load, and names the
// stylesheet for the archives' shadow roots (window.folioStylesheet), so the host needs
// no <link> either.
//
// Serve folio.js with a short cache lifetime (or `no-cache`); the hashed files it names
// can be cached for good.
//
//   node scripts/loader.mjs DIST
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
// index.html as Trunk wrote it: 404.html, since `folio build --pages` may have replaced
// index.html with a static page (the same <head> either way).
const page = readFileSync(join(dist, '404.html'), 'utf8');

function fail(message) {
  console.error(`loader: ${message}`);
  process.exit(1);
}

/** The file name (no directory) of the first match of `pattern` in the page. */
function fileOf(pattern, what) {
  const found = page.match(pattern)?.[1];
  if (!found) fail(`no ${what} in ${dist}/404.html`);
  return found.split('/').pop();
}

const js = fileOf(/import init, \* as bindings from '([^']+\.js)'/, 'bindings import');
const wasm = fileOf(/module_or_path: '([^']+_bg\.wasm)'/, 'wasm path');
const css = fileOf(/<link rel="stylesheet" href="([^"]+)"[^>]*data-folio-style/, 'folio stylesheet');
for (const file of [js, wasm, css]) {
  if (!/^[\w.-]+$/.test(file)) fail(`unexpected file name ${file}`);
}

// The stylesheet's registered custom properties. `@property` only registers from the
// document's own stylesheets, never from a shadow root's, and with folio.js the host
// has no <link> to Folio's stylesheet: the loader registers them instead, from the
// same rules.
const cssText = readFileSync(join(dist, css), 'utf8');
const properties = [...cssText.matchAll(/@property\s+(--[\w-]+)\s*\{([^}]*)\}/g)].map(([, name, body]) => {
  const field = (key) => body.match(new RegExp(`${key}\\s*:\\s*([^;]+)`))?.[1].trim();
  const syntax = field('syntax')?.replace(/^"|"$/g, '');
  const initialValue = field('initial-value');
  if (!syntax || !initialValue) fail(`@property ${name} in ${css} lacks a syntax or an initial value`);
  return { name, syntax, inherits: field('inherits') === 'true', initialValue };
});
if (properties.length === 0) fail(`no @property rule in ${css}`);

const source = `// Folio's loader (written by \`make dist\`; see scripts/loader.mjs). Load it with
// <script type="module" src="…/folio.js"></script>; it needs
// script-src 'self' 'wasm-unsafe-eval' and nothing inline.
const here = (file) => new URL(file, import.meta.url).href;
window.folioStylesheet ??= here('${css}');
for (const property of ${JSON.stringify(properties)}) {
  try {
    CSS.registerProperty(property);
  } catch (error) {
    // Registered already (by Folio's stylesheet in the page's head) is expected.
    if (error.name !== 'InvalidModificationError') console.warn('Folio:', error);
  }
}
const wasm = fetch(here('${wasm}'));
const bindings = await import(here('${js}'));
await bindings.default({ module_or_path: wasm });
window.folioBindings = bindings;
`;
writeFileSync(join(dist, 'folio.js'), source);
console.error(`loader: wrote ${dist}/folio.js (${js}, ${wasm}, ${css})`);
