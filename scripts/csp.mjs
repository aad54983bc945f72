// The Content-Security-Policy a built page runs under, shared by the whole-page install
// (dist/index.html, written by `node scripts/csp.mjs DIST` from scripts/dist.sh) and
// the embedding example (scripts/embed-example.mjs).
//
// Trunk's loader is an inline module script that names the hashed files, so the policy
// allows it by its SHA-256 hash, computed here from the built page after every build;
// 'wasm-unsafe-eval' lets the page compile WebAssembly and nothing else. No
// 'unsafe-inline', no 'unsafe-eval'.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The inline loader script of a page Trunk built: its whole tag and its text. */
export function loaderOf(html) {
  const loader = html.match(/<script type="module"[^>]*>([\s\S]*?)<\/script>/);
  return loader ? { tag: loader[0], text: loader[1] } : null;
}

/**
 * The policy for a page whose loader has text `loaderText`, or, when it is `null`, for a
 * page that loads Folio with the external folio.js and needs no hash. `images` lists where
 * images may come from: the whole-page install allows any https image (feeds name
 * images on other hosts, and an image cannot run script); the example allows its own.
 */
export function policyFor(loaderText, images = "'self' data:", connect = "'self'") {
  const hash =
    loaderText === null ? '' : ` 'sha256-${createHash('sha256').update(loaderText, 'utf8').digest('base64')}'`;
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${hash}`,
    "style-src 'self'",
    `img-src ${images}`,
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * What the whole-page install allows images from: any web image, as the sanitizer does
 * (`is_safe_image` accepts http and https); an image cannot run script.
 */
export const PAGE_IMAGES = "'self' https: http: data:";

/**
 * Where the whole page may fetch from: its own origin, and the feed's when
 * `<meta name="folio-feed">` names one on another origin (which must send CORS headers).
 */
export function connectFor(html) {
  const feed = html.match(/<meta name="folio-feed" content="([^"]*)"/)?.[1] ?? '';
  try {
    const url = new URL(feed);
    if (url.protocol === 'https:' || url.protocol === 'http:') return `'self' ${url.origin}`;
  } catch {
    // A relative feed address: the page's own origin.
  }
  return "'self'";
}

// As a command: put the policy into DIST/index.html, first in <head>, replacing one a
// previous run wrote, so it always matches the loader that is there now.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = process.argv[2] ?? 'dist';
  const file = join(dist, 'index.html');
  let html = readFileSync(file, 'utf8');
  const loader = loaderOf(html);
  if (!loader) {
    console.error(`csp: no loader script in ${file}`);
    process.exit(1);
  }
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(loader.text, PAGE_IMAGES, connectFor(html))}" />`;
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  if (!/<meta charset="utf-8" ?\/?>/i.test(html)) {
    console.error(`csp: no <meta charset> in ${file} to put the policy after`);
    process.exit(1);
  }
  html = html.replace(/(<meta charset="utf-8" ?\/?>)/i, `$1\n    ${meta}`);
  writeFileSync(file, html);
  console.error(`csp: ${file} runs under its own Content-Security-Policy`);
}
