// Builds the embedding example into DIST/examples/embed/ from examples/embed/.
//
// A site owner embeds Folio in one of two ways, and the example pages show both:
// - `<!-- folio:loader -->`: one <script type="module" src=".../folio.js">, the stable
//   loader (scripts/loader.mjs). The Content-Security-Policy needs no hash:
//   `script-src 'self' 'wasm-unsafe-eval'`.
// - `<!-- folio:assets -->`: the script and style tags Trunk wrote into DIST/index.html,
//   copied as they are. Trunk's loader is an inline module script, so the policy allows
//   it by its SHA-256 hash (which changes with every build), next to
//   'wasm-unsafe-eval' for WebAssembly; the tags carry integrity hashes.
//
//   node scripts/embed-example.mjs DIST
import { loaderOf, policyFor } from './csp.mjs';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const source = 'examples/embed';
const target = join(dist, 'examples', 'embed');
const built = readFileSync(join(dist, 'index.html'), 'utf8');

function fail(message) {
  console.error(`embed-example: ${message}`);
  process.exit(1);
}

const loader = loaderOf(built);
if (!loader) fail(`no loader script in ${dist}/index.html`);
const style = built.match(/<link rel="stylesheet"[^>]*data-folio-style[^>]*>/);
if (!style) fail(`no <link data-folio-style> in ${dist}/index.html`);
const preloads = built.match(/<link rel="(?:modulepreload|preload)"[^>]*>/g) ?? [];
if (preloads.length === 0) fail(`no preload links in ${dist}/index.html`);

export const policy = policyFor(loader.text);
export const stablePolicy = policyFor(null);

const assets = [style[0], ...preloads, loader.tag.trim()].map((tag) => `    ${tag}`).join('\n');
const csp = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;

// From DIST/examples/embed/ to DIST/folio.js.
const STABLE_LOADER = '<script type="module" src="../../folio.js"></script>';

mkdirSync(target, { recursive: true });
for (const file of readdirSync(source)) {
  if (!file.endsWith('.html')) {
    copyFileSync(join(source, file), join(target, file));
    continue;
  }
  let page = readFileSync(join(source, file), 'utf8');
  const replaced = { csp: false, assets: false };
  const stable = /<!-- folio:loader/.test(page);
  const pageCsp = stable ? `<meta http-equiv="Content-Security-Policy" content="${stablePolicy}" />` : csp;
  page = page.replace(/ *<!-- folio:csp[\s\S]*?-->/, () => ((replaced.csp = true), `    ${pageCsp}`));
  page = stable
    ? page.replace(/ *<!-- folio:loader[\s\S]*?-->/, () => ((replaced.assets = true), `    ${STABLE_LOADER}`))
    : page.replace(/ *<!-- folio:assets[\s\S]*?-->/, () => ((replaced.assets = true), assets));
  if (!replaced.csp || !replaced.assets) fail(`${source}/${file} lacks a folio:csp, or a folio:assets or folio:loader marker`);
  writeFileSync(join(target, file), page);
}
console.error(
  `embed-example: wrote ${target}/\n  Content-Security-Policy (inline loader): ${policy}\n  Content-Security-Policy (folio.js): ${stablePolicy}`,
);
