#!/usr/bin/env bash
# Peers for the speed comparison (benches/speed.sh): installs the Rust ADR tool `adrs` 0.13.0
# from crates.io into target/bench-tools/ (once; a second run finds it and does nothing), then
# prints the path of its binary on the last line of standard output.
# Run: bash benches/peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.13.0
root="$PWD/target/bench-tools"
bin="$root/bin/adrs"
if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "$version"; then
  echo "adrs $version already installed" >&2
else
  echo "installing adrs $version into $root (once)…" >&2
  export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
  if ! cargo install adrs --version "$version" --locked --root "$root"; then
    echo "cargo install --locked failed; trying again without --locked" >&2
    cargo install adrs --version "$version" --root "$root"
  fi
fi
"$bin" --version >&2
echo "$bin"
