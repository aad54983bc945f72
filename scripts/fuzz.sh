#!/usr/bin/env bash
# make fuzz: runs every fuzz target in fuzz/ for FUZZ_SECONDS each (default 60), keeps
# what the fuzzer learns in fuzz/corpus/<target>/ (minimized), keeps any crash input in
# fuzz/artifacts/<target>/, and prints executions and findings per target. It fails
# when a target finds a new crash or cannot be built or run. Once a crash is fixed, its
# input moves to fuzz/regressions/<target>/, which make test replays with the corpus.
#
# It needs a nightly Rust and cargo-fuzz, and installs them for itself only: rustup's
# nightly when it can be had, else stable with RUSTC_BOOTSTRAP=1 (libFuzzer's coverage
# flags need nightly features, not a nightly compiler). `make test` needs neither: it
# replays the corpus on stable (crates/folio-cli/tests/fuzz_corpus.rs).
#
#   FUZZ_SECONDS=600 make fuzz          longer runs
#   FUZZ_TARGETS="feed text" make fuzz  some targets only
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=${FOLIO_TOOLS:-$HOME/.cache/folio/tools}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"feed text search address wxr markdown rss sanitize"}
export PATH="$TOOLS/bin:$HOME/.cargo/bin:$PATH"

if rustup toolchain list 2>/dev/null | grep -q '^nightly' \
  || timeout 300 rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
  CARGO=(cargo +nightly)
else
  echo "fuzz: no nightly toolchain (rustup could not fetch one); using stable with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
  CARGO=(cargo)
fi
if ! cargo-fuzz --version 2>/dev/null | grep -q '0\.13'; then
  echo "fuzz: installing cargo-fuzz into $TOOLS (a few minutes, once)"
  cargo install cargo-fuzz --version '^0.13' --locked --root "$TOOLS"
fi

# Seeds: the project's own fixtures, added to each corpus under their content hash (as
# libFuzzer names its files), so a seed is never stored twice.
seed() {
  local target=$1
  shift
  mkdir -p "fuzz/corpus/$target"
  for file in "$@"; do
    [ -f "$file" ] || continue
    cp "$file" "fuzz/corpus/$target/$(sha1sum "$file" | cut -c1-40)"
  done
}
seed_text() {
  local target=$1 text=$2
  mkdir -p "fuzz/corpus/$target"
  printf '%s' "$text" >"fuzz/corpus/$target/$(printf '%s' "$text" | sha1sum | cut -c1-40)"
}
SEEDS=$(mktemp -d)
trap 'rm -rf "$SEEDS"' EXIT
node -e '
  const fs = require("fs");
  const cases = JSON.parse(fs.readFileSync("tests/fixtures/sanitize/corpus.json", "utf8"));
  cases.forEach((c, i) => fs.writeFileSync(`${process.argv[1]}/html-${i}.html`, c.html));
' "$SEEDS"
seed feed tests/fixtures/*.json
seed text "$SEEDS"/*.html
seed sanitize "$SEEDS"/*.html
for q in 'harbour' '"golden harbour"' 'gold' 'رود باران' 'café crème' 'harb fo' '“ferries gulls”  harbour'; do
  seed_text search "$q"
done
for a in '/?q=harbour&tag=Food&page=2' '/posts/the-golden-harbour' '/page/3' \
  '/?from=2023-01-01&to=2022-01-01&sort=oldest' '/?q=%ZZ%E0%A4&author=Ann+Lee&tag=a&tag=a'; do
  seed_text address "$a"
done
seed wxr crates/folio-cli/tests/fixtures/wordpress.xml
seed rss crates/folio-cli/tests/fixtures/rss.xml crates/folio-cli/tests/fixtures/atom.xml tests/fixtures/persian.json
seed markdown sample/content/posts/*.md crates/folio-cli/tests/fixtures/jekyll/_posts/*

# No sanitizer: Folio forbids unsafe code, so what the fuzzer hunts is panics, hangs and
# wrong answers; debug assertions add overflow checks. FUZZ_SANITIZER=address turns on ASan.
fuzz() {
  local command=$1 target=$2
  shift 2
  "${CARGO[@]}" fuzz "$command" "$target" --fuzz-dir fuzz --target-dir "$ROOT/target/fuzz" \
    --sanitizer "${FUZZ_SANITIZER:-none}" --debug-assertions "$@"
}
summary=()
failed=0
for target in $TARGETS; do
  log=$(mktemp)
  echo "fuzz: $target for ${SECONDS_EACH}s"
  before=$(find "fuzz/artifacts/$target" -type f 2>/dev/null | wc -l || true)
  status=0
  fuzz run "$target" -- -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  after=$(find "fuzz/artifacts/$target" -type f 2>/dev/null | wc -l || true)
  found=$((after - before))
  if [ "$status" -ne 0 ]; then
    tail -40 "$log"
    failed=1
    if [ "$found" -eq 0 ]; then
      echo "fuzz: $target did not run to the end (exit $status) and left no crash input"
    fi
  fi
  fuzz cmin "$target" >/dev/null 2>&1 || true
  corpus=$(find "fuzz/corpus/$target" -type f 2>/dev/null | wc -l || true)
  summary+=("$(printf '%-10s %12s executions  %5s corpus inputs  %3s new crash inputs' "$target" "${runs:-0}" "$corpus" "$found")")
  rm -f "$log"
done
echo
echo "fuzz: ${SECONDS_EACH}s per target"
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "fuzz: failed; crash inputs are in fuzz/artifacts/ (fix, then move each to fuzz/regressions/)"
  exit 1
fi
