#!/usr/bin/env bash
# Component tests: wasm-bindgen-test in headless Chromium through chromedriver.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
exec scripts/with-wasm-env cargo test --target wasm32-unknown-unknown --locked -p folio --test web
