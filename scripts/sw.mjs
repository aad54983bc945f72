// Writes DIST/sw.js, Folio's service worker (scripts/service-worker.js), with this
// build's app shell and a version that changes whenever the shell does, so a deploy
// replaces the worker and its caches. Run by scripts/dist.sh after Trunk.
//
//   node scripts/sw.mjs dist
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
// Trunk's hashed output beside index.html: the loader, the wasm and the styles (the
// hash is written without leading zeros, so it may be shorter than 16 digits).
const hashed = readdirSync(dist)
  .filter((name) => /-[0-9a-f]{6,16}(_bg)?\.(js|wasm|css)$/.test(name))
  .sort();
// 404.html is the app's own page (scripts/dist.sh copies it from index.html before
// `folio build --pages` may replace index.html with a static page).
const shell = ['./', '404.html', ...hashed];
const version = createHash('sha256')
  .update(shell.join('\n'))
  .update(readFileSync(join(dist, 'index.html')))
  .update(template)
  .digest('hex')
  .slice(0, 16);
const worker = template.replace('__FOLIO_VERSION__', version).replace('__FOLIO_SHELL__', JSON.stringify(shell));
writeFileSync(join(dist, 'sw.js'), worker);
console.error(`sw: wrote ${dist}/sw.js (version ${version}, ${shell.length} shell files)`);
