#!/usr/bin/env bash
# Installs everything Folio's build and tests need, once. Safe to run every time: each
# step checks first and does nothing when its tool is already in place.
#
#   FOLIO_TOOLS=dir        where tools are installed (default ~/.cache/folio/tools)
#   FOLIO_WASM_STD=auto    rustup's wasm32 std, falling back to Debian's Rust (default)
#   FOLIO_WASM_STD=rustup  rustup only
#   FOLIO_WASM_STD=debian  force the Debian route (Debian's rustc + std source, build-std)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tools=${FOLIO_TOOLS:-$HOME/.cache/folio/tools}
mode=${FOLIO_WASM_STD:-auto}
mkdir -p "$tools/bin"
export PATH="$tools/bin:$PATH"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132

log() { printf 'setup: %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  # Installs the Debian packages given, skipping those already installed.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ $apt_updated -eq 0 ]; then
    log "apt-get update"
    $sudo apt-get update -qq >&2
    apt_updated=1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# 1. Browser and driver for wasm-bindgen-test and Playwright.
apt_install chromium chromium-driver

# 2. The wasm32 standard library.
# Per checkout, so two clones on one machine can use different routes.
mkdir -p "$root/target"
wasm_env="$root/target/folio-wasm-env.sh"
use_debian() {
  apt_install rustc-web cargo-web rust-web-src lld-19
  local tc="$tools/debian-toolchain"
  mkdir -p "$tc/bin"
  for bin in cargo rustc rustdoc; do ln -sfn "/usr/bin/$bin" "$tc/bin/$bin"; done
  cat > "$wasm_env" <<ENV
# Written by scripts/setup.sh: Debian's Rust builds std for wasm32 from source.
export FOLIO_WASM_STD_USED=debian
export RUSTUP_TOOLCHAIN="$tc"
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-19/bin/wasm-ld
# std's source is here, so make dist can rebuild std for size (scripts/dist.sh).
export FOLIO_STD_SOURCE=1
ENV
}
use_rustup() {
  printf '# Written by scripts/setup.sh: rustup provides the wasm32 std.\nexport FOLIO_WASM_STD_USED=rustup\n' > "$wasm_env"
  # std's source lets make dist rebuild std for size (scripts/dist.sh). Optional: without
  # it the release is about 10 % larger, nothing else changes.
  if rustup component list --installed 2>/dev/null | grep -qx 'rust-src' \
    || { [ ! -e "$tools/rustup-src-failed" ] && timeout 180 rustup component add rust-src >&2; }; then
    printf 'export FOLIO_STD_SOURCE=1\n' >> "$wasm_env"
  else
    touch "$tools/rustup-src-failed"
    log "rustup could not provide std's source; make dist builds without rebuilding std for size"
  fi
}
rustup_has_wasm() { rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; }
case "$mode" in
  debian) use_debian ;;
  rustup)
    rustup_has_wasm || timeout 180 rustup target add wasm32-unknown-unknown >&2
    use_rustup ;;
  auto)
    if rustup_has_wasm; then
      use_rustup
    elif [ ! -e "$tools/rustup-wasm-failed" ] && timeout 180 rustup target add wasm32-unknown-unknown >&2; then
      use_rustup
    else
      # Remember the failure so later runs go straight to the fallback.
      touch "$tools/rustup-wasm-failed"
      log "rustup could not provide the wasm32 std; using Debian's Rust"
      use_debian
    fi ;;
  *) log "FOLIO_WASM_STD must be auto, rustup or debian (got '$mode')"; exit 2 ;;
esac

# 3. Trunk, built with the host's stable toolchain (never the Debian wasm one).
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 10-25 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --root "$tools" >&2
fi

# 4. wasm-bindgen-cli at exactly the version Cargo.lock resolves.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
trunk_wb=$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' "$root/Trunk.toml")
if [ "$wb_version" != "$trunk_wb" ]; then
  log "Cargo.lock has wasm-bindgen $wb_version but Trunk.toml asks for $trunk_wb; make them equal"
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_version"; then
  log "installing wasm-bindgen-cli $wb_version"
  # Not --locked: its lockfile pins a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$wb_version" --root "$tools" >&2
fi

# 5. wasm-opt from npm's binaryen (Debian's 108 breaks externref tables).
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  log "installing binaryen $BINARYEN_VERSION from npm"
  npm install --silent --no-audit --no-fund --prefix "$tools/npm" "binaryen@$BINARYEN_VERSION" >&2
  ln -sfn "$tools/npm/node_modules/.bin/wasm-opt" "$tools/bin/wasm-opt"
fi

# 6. Playwright, axe, MiniSearch and terser from the committed lockfile; never download a browser.
stamp="$root/node_modules/.folio-lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$root/package-lock.json" "$stamp"; then
  log "npm ci"
  (cd "$root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund >&2)
  cp "$root/package-lock.json" "$stamp"
fi

log "ready (wasm std: $(sed -n 's/^export FOLIO_WASM_STD_USED=//p' "$wasm_env"))"
