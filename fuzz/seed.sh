#!/usr/bin/env bash
# Seeds the fuzz corpora from ../shared/corpora: every ADR file of the four bundles for
# parse, edit and resolve (their relation lines), and every config file for config.
set -euo pipefail
cd "$(dirname "$0")"
shared=${1:-../../shared/corpora}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p corpus/parse corpus/edit corpus/resolve corpus/config
for b in "$shared"/*.bundle; do
  name=$(basename "$b" .bundle)
  git clone -q "$b" "$tmp/$name"
  find "$tmp/$name" -name '*.md' -not -path '*/.git/*' | while read -r f; do
    h=$(sha1sum "$f" | cut -c1-16)
    cp "$f" "corpus/parse/$name-$h"
    cp "$f" "corpus/edit/$name-$h"
    grep -iE '^(\* )?(supersed|supercede|amend|status|.*\]\()' "$f" > "corpus/resolve/$name-$h" || true
  done
  find "$tmp/$name" \( -name '.log4brains.yml' -o -name 'adrgov.toml' -o -name '.adr-dir' \) -not -path '*/.git/*' \
    -exec sh -c 'cp "$1" "corpus/config/$(basename "$1")-$(sha1sum "$1" | cut -c1-8)"' _ {} \;
done
cp ../adrgov.toml corpus/config/own-adrgov.toml
printf '[adr]\ndir = "docs/adr"\nformat = "madr"\nstatuses = ["proposed", "accepted"]\nrelations = [["clarifies", "clarified by"]]\n\n[check]\nfile-name = "off"\nstale-proposal = { level = "warn", days = 30 }\n\n[site]\ntitle = "T"\nout = "public"\n' > corpus/config/full.toml
find corpus -type f -empty -delete
echo "seeded: $(ls corpus/parse | wc -l) parse, $(ls corpus/resolve | wc -l) resolve, $(ls corpus/config | wc -l) config"
