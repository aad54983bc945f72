#!/usr/bin/env bash
# Release build into $DIST_DIR (default dist/), for serving under $PUBLIC_URL (default /).
# Adds the files static hosts need for client-side routes: 404.html for GitHub Pages
# and _redirects for Netlify.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
public_url=${PUBLIC_URL:-/}
case "$public_url" in /*/ | /) ;; /*) public_url="$public_url/" ;; *) echo "PUBLIC_URL must start with /" >&2; exit 2 ;; esac
out=${DIST_DIR:-dist}
# Trunk runs cargo offline, so first fetch every crate the build needs, std's own
# (dlmalloc, …) among them when std is rebuilt from source: a fresh machine has none.
scripts/release-env cargo fetch --locked --quiet --target wasm32-unknown-unknown
# With the size settings when std's source is there (scripts/release-env).
scripts/release-env trunk build --release --public-url "$public_url" --dist "$out"
# Short import names in the wasm and its JS glue (wasm-bindgen's are hashed; see the script).
node scripts/shrink.mjs "$out"
# A strict Content-Security-Policy, with the hash of the loader this build wrote.
node scripts/csp.mjs "$out"
# The sample archive is Markdown under sample/, built by the project's own command.
cargo build --quiet --locked -p folio-cli
"${CARGO_TARGET_DIR:-target}/debug/folio" build sample --authors sample/authors.toml -o "$out" --sharded --quiet
cp "$out/index.html" "$out/404.html"
# The service worker for offline reading, with this build's shell and version.
node scripts/sw.mjs "$out"
# folio.js: the loader with a fixed name, for host pages (no CSP hash to update).
node scripts/loader.mjs "$out"
printf '%s*  %sindex.html  200\n' "$public_url" "$public_url" > "$out/_redirects"

node scripts/embed-example.mjs "$out"
echo "dist: built $out for $public_url (embedding example: ${public_url}examples/embed/)" >&2
