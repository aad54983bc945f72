#!/usr/bin/env bash
# `make test`: every check, in order from cheapest to dearest. Keeps going after a
# failure so one run reports everything, then prints a summary and fails if anything did.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
logdir="$root/target/test-logs"
mkdir -p "$logdir"

results=()
total_passed=0
total_failed=0
failed_steps=0

# Sums "N passed" / "N failed" from cargo's and Playwright's closing lines.
count() {
  local log=$1 passed failed
  passed=$(grep -Eo '(test result: (ok|FAILED)\. )?[0-9]+ passed' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
  echo "$passed $failed"
}

step() {
  local name=$1; shift
  local log="$logdir/$name.log"
  echo "==> $name: $*"
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  read -r passed failed < <(count "$log")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  local status=ok
  if [ "$rc" -ne 0 ]; then status=FAILED; failed_steps=$((failed_steps + 1)); fi
  results+=("$(printf '%-10s %-6s %4ss  %s passed, %s failed' "$name" "$status" $((SECONDS - start)) "$passed" "$failed")")
}

bash scripts/setup.sh || { echo "setup failed"; exit 1; }

step fmt cargo fmt --all --check
step clippy cargo clippy --workspace --all-targets --locked -- -D warnings
step native cargo test -p folio-core -p folio-cli --locked
step wasm scripts/wasm-test.sh
step dist-root env PUBLIC_URL=/ DIST_DIR=dist scripts/dist.sh
step dist-blog env PUBLIC_URL=/blog/ DIST_DIR=dist-blog scripts/dist.sh
step sites bash scripts/e2e-sites.sh
step e2e npx playwright test

echo
echo "Summary"
printf '  %s\n' "${results[@]}"
if [ "$failed_steps" -ne 0 ] && [ "$total_failed" -eq 0 ]; then
  # A step failed without a failing test (a build or lint error): count it as one.
  total_failed=$failed_steps
fi
echo "summary: $total_passed passed, $total_failed failed"
[ "$failed_steps" -eq 0 ]
