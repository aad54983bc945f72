// Builds the embedding example into DIST/examples/embed/ from examples/embed/.
//
// A site owner embeds Folio by copying the script and style tags Trunk wrote into
// DIST/index.html. This does the same for the example page, and fills in the
// Content-Security-Policy it runs under: Trunk's loader is an inline module script, so
// the policy allows it by its SHA-256 hash, next to 'wasm-unsafe-eval' for WebAssembly.
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

const assets = [style[0], ...preloads, loader.tag.trim()].map((tag) => `    ${tag}`).join('\n');
const csp = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;

mkdirSync(target, { recursive: true });
for (const file of readdirSync(source)) {
  if (!file.endsWith('.html')) {
    copyFileSync(join(source, file), join(target, file));
    continue;
  }
  let page = readFileSync(join(source, file), 'utf8');
  const replaced = { csp: false, assets: false };
  page = page.replace(/ *<!-- folio:csp[\s\S]*?-->/, () => ((replaced.csp = true), `    ${csp}`));
  page = page.replace(/ *<!-- folio:assets[\s\S]*?-->/, () => ((replaced.assets = true), assets));
  if (!replaced.csp || !replaced.assets) fail(`${source}/${file} lacks a folio:csp or folio:assets marker`);
  writeFileSync(join(target, file), page);
}
console.error(`embed-example: wrote ${target}/\n  Content-Security-Policy: ${policy}`);
