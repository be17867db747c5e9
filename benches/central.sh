#!/usr/bin/env bash
# Central site (issue 13): N generated repositories of ADRS ADRs / COMMITS commits each
# (examples/gen_corpus.rs, generated once into target/bench-corpora/central-*), each exported
# with `adrgov export`, then one central `site build` from the N export files and one from the
# N working trees (cold: no history cache; then warm), with wall time and peak memory.
# Targets (2 cores): from 200 exports of 50 ADRs under 5 s and 1 GB; from the 200 working trees
# under 20 s cold and 6 s warm. Run: bash benches/central.sh [N] [ADRS] [COMMITS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
adrs=${2:-50}
commits=${3:-1000}
dir="$PWD/target/bench-corpora/central-$n-$adrs-$commits"
cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
bin="$PWD/target/release/adrgov"
mkdir -p "$dir/exports" "$dir/local"
{ echo '[site]'; echo 'title = "Exports"'; } > "$dir/exports/adrgov.toml"
{ echo '[site]'; echo 'title = "Working trees"'; } > "$dir/local/adrgov.toml"
for i in $(seq -w 1 "$n"); do
  repo="$dir/local/r$i"
  if [ ! -d "$repo/.git" ]; then
    target/release/examples/gen_corpus "$repo" --adrs "$adrs" --commits "$commits" \
      --format nygard --seed "$((10#$i))" --force >/dev/null
  fi
  rm -rf "$repo/.git/adrgov"
  printf '\n[[site.repositories]]\npath = "r%s"\n' "$i" >> "$dir/local/adrgov.toml"
  printf '\n[[site.repositories]]\npath = "r%s.json"\n' "$i" >> "$dir/exports/adrgov.toml"
done
echo "# $n repositories of $adrs ADRs / $commits commits, $(nproc) cores"
(cd "$dir/local" && /usr/bin/time -f "site build, working trees, cold: %e s, peak %M KB" \
  "$bin" site build --out "$dir/site-local" 2>&1 | tail -1)
(cd "$dir/local" && /usr/bin/time -f "site build, working trees, warm: %e s, peak %M KB" \
  "$bin" site build --out "$dir/site-local" 2>&1 | tail -1)
first="$dir/local/r$(printf "%0${#n}d" 1)"
(cd "$first" && /usr/bin/time -f "export of one repository, warm: %e s, peak %M KB" \
  "$bin" export --out "$dir/exports/r$(printf "%0${#n}d" 1).json" 2>&1 | tail -1)
for i in $(seq -w 1 "$n"); do
  (cd "$dir/local/r$i" && "$bin" export --out "$dir/exports/r$i.json" 2>/dev/null)
done
(cd "$dir/exports" && /usr/bin/time -f "site build, $n export files: %e s, peak %M KB" \
  "$bin" site build --out "$dir/site-exports" 2>&1 | tail -1)
