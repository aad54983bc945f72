#!/usr/bin/env bash
# Builds bench/floor (the smallest Leptos app with Folio's shape) with the app's size
# settings and prints its wasm's size, raw and brotli: the floor under Folio's bundle.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export PATH="${FOLIO_TOOLS:-$HOME/.cache/folio/tools}/bin:$PATH"
target="$root/target/floor"
out=$(mktemp -d)
(cd "$root/bench/floor" && CARGO_TARGET_DIR="$target" "$root/scripts/release-env" \
  cargo build --release --target wasm32-unknown-unknown)
wasm-bindgen --target web --out-dir "$out" "$target/wasm32-unknown-unknown/release/folio-floor.wasm"
wasm-opt -Oz "$out/folio-floor_bg.wasm" -o "$out/floor.wasm"
node -e '
const z = require("zlib"), fs = require("fs");
const wasm = fs.readFileSync(process.argv[1]);
const js = fs.readFileSync(process.argv[2]);
const br = (b) => z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => (n / 1024).toFixed(1) + " KB";
console.log(`floor app: wasm ${kb(wasm.length)} raw, ${kb(br(wasm))} brotli; JS ${kb(br(js))} brotli`);
' "$out/floor.wasm" "$out/folio-floor.js"
rm -rf "$out"
