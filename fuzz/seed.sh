#!/usr/bin/env bash
# Seeds the fuzz corpora from the nine vendored bundles in tests/fixtures/corpora (or the
# directory given as $1): every version, in any commit, of every Markdown file for parse and
# edit; the relation and status lines of each for resolve; every version of every config
# file (`.log4brains.yml`, `adrgov.toml`, `.adr-dir`) for config. Identical texts are kept
# once (files are named after the git blob).
set -euo pipefail
cd "$(dirname "$0")"
bundles=${1:-../tests/fixtures/corpora}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p corpus/parse corpus/edit corpus/resolve corpus/config
for b in "$bundles"/*.bundle; do
  name=$(basename "$b" .bundle)
  git clone -q --bare "$b" "$tmp/$name.git"
  # Every blob reachable from any ref, with the path it was first seen at.
  git -C "$tmp/$name.git" rev-list --all --objects | while read -r blob path; do
    [ -n "${path:-}" ] || continue
    base=$(basename "$path")
    case "$base" in
      *.md | *.markdown)
        out="corpus/parse/$name-${blob:0:16}"
        [ -e "$out" ] && continue
        git -C "$tmp/$name.git" cat-file blob "$blob" > "$out" 2>/dev/null || { rm -f "$out"; continue; }
        cp "$out" "corpus/edit/$name-${blob:0:16}"
        grep -iE '^(\* |- |\| *)?(supersed|supercede|amend|status|.*\]\()' "$out" \
          > "corpus/resolve/$name-${blob:0:16}" || true
        ;;
      .log4brains.yml | adrgov.toml | .adr-dir)
        git -C "$tmp/$name.git" cat-file blob "$blob" > "corpus/config/$name-$base-${blob:0:8}" 2>/dev/null || true
        ;;
    esac
  done
done
cp ../adrgov.toml corpus/config/own-adrgov.toml 2>/dev/null || true
printf '[adr]\ndir = "docs/adr"\nformat = "madr"\nstatuses = ["proposed", "accepted"]\nrelations = [["clarifies", "clarified by"]]\n\n[check]\nfile-name = "off"\nstale-proposal = { level = "warn", days = 30 }\n\n[site]\ntitle = "T"\nout = "public"\n' > corpus/config/full.toml
# The regression inputs of every target are seeds too.
for t in parse edit resolve config; do
  [ -d "../tests/fixtures/fuzz/$t" ] && cp ../tests/fixtures/fuzz/"$t"/* "corpus/$t/" 2>/dev/null || true
done
find corpus -type f -empty -delete
echo "seeded: $(ls corpus/parse | wc -l) parse, $(ls corpus/edit | wc -l) edit, $(ls corpus/resolve | wc -l) resolve, $(ls corpus/config | wc -l) config"
