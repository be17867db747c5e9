#!/usr/bin/env bash
# Scale: a generated repository of 10,000 ADRs and 100,000 commits (the project's generator, examples/gen_corpus.rs,
# generated once into target/bench-corpora/), then the release binary's `list`, `check` and
# `site build`, each three times, with wall time and peak memory from /usr/bin/time.
# Targets (issue 6): site build under 15 s, peak memory under 1 GB, on a 2-core machine.
# Run: bash benches/scale.sh [ADRS] [COMMITS]
set -euo pipefail
cd "$(dirname "$0")/.."
adrs=${1:-10000}
commits=${2:-100000}
repo="target/bench-corpora/nygard-$adrs-$commits"
if [ ! -d "$repo/.git" ]; then
  echo "generating $repo (once)…" >&2
  cargo build --release --quiet --example gen_corpus
  /usr/bin/time -f "generated in %e s" target/release/examples/gen_corpus "$repo" \
    --adrs "$adrs" --commits "$commits" --format nygard --seed 7 --force >&2
fi
cargo build --release --quiet
bin="$PWD/target/release/adrgov"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() {
  local label=$1; shift
  for i in 1 2 3; do
    rm -rf "$out/site"
    (cd "$repo" && /usr/bin/time -f "$label: %e s, peak %M KB" "$bin" "$@" >/dev/null 2>"$out/err") || true
    tail -1 "$out/err"
  done
}
echo "# $adrs ADRs, $(git -C "$repo" rev-list --count HEAD) commits, $(nproc) cores"
run "list --format json" list --format json
run "list --no-history" list --format json --no-history
run "check" check
run "check --no-history" check --no-history
run "site build" site build --out "$out/site"
run "site build --no-history" site build --no-history --out "$out/site"
