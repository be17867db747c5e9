#!/usr/bin/env bash
# Samples are kept as space-separated words and split on purpose; the labels hold backquotes.
# shellcheck disable=SC2086,SC2016
# Speed, end to end (issue 12): whole-process wall time of the release binary on generated
# repositories (the project's generator, examples/gen_corpus.rs, generated once into
# target/bench-corpora/ and reused), beside the Rust peer `adrs` (benches/peers.sh) and
# `git log` over the ADR directory (the C baseline of the history walk).
#
# Run: bash benches/speed.sh [SIZE…]     SIZE is ADRS or ADRS:COMMITS
#      (default: 100:2000 1000:20000 10000:100000; a bare ADRS gets 20×ADRS commits, and
#      10000 gets 100,000). RUNS=N sets the paired runs per size (default 7; 3 at ≥10,000 ADRs).
#      ADRGOV_BIN=PATH measures that binary instead of building target/release/adrgov (to put
#      two builds side by side).
#
# Each adrgov command is timed in four states, interleaved run by run with the peers (run i
# of every command and peer, then run i+1: load on the shared machine hits them alike):
#   cold           `rm -rf .git/adrgov` before the run (the run may write the cache);
#   no cache       ADRGOV_NO_CACHE=1, with the warm cache present (the cache is skipped);
#   warm           the cache as one earlier run of the same command left it (restored from a
#                  copy before each run, so every run starts from the same cache);
#   warm+1 commit  the warm cache, then one new commit that edits the text of the middle ADR
#                  (fixed author, dates and message: the same commit id every time), undone
#                  after the run with `git reset --hard BASE`.
# Every output is compared with the output of the same command run with ADRGOV_NO_CACHE=1 on
# the same commit (a cache never changes an answer); differences are listed under the table.
# Also: `site build` wall time and peak memory (cold, warm), and the size of .git/adrgov
# beside .git. Output: Markdown, printed and written to target/bench-results/speed-DATE.md
# (raw samples in speed-DATE.tsv beside it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
export LC_ALL=C
unset ADRGOV_NO_CACHE ADRS_CONFIG ADR_DIRECTORY
# No global configuration for the peer (adrs reads $XDG_CONFIG_HOME/adrs/config.toml).
work=$(mktemp -d)
export XDG_CONFIG_HOME="$work/xdg"
mkdir -p "$XDG_CONFIG_HOME"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100:2000 1000:20000 10000:100000)

if [ -n "${ADRGOV_BIN:-}" ]; then
  bin=$(realpath "$ADRGOV_BIN")
  cargo build --release --quiet --example gen_corpus
else
  echo "building the release binary and the generator…" >&2
  cargo build --release --quiet --bin adrgov --example gen_corpus
  bin="$root/target/release/adrgov"
fi
adrs=$(bash benches/peers.sh | tail -1)
gen="$root/target/release/examples/gen_corpus"

stamp=$(date +%Y-%m-%d-%H%M%S)
mkdir -p target/bench-results
report="target/bench-results/speed-$stamp.md"
raw="target/bench-results/speed-$stamp.tsv"
printf 'size\tcommand\tstate\trun\tmicroseconds\texit\n' >"$raw"

# The repository being measured, its first commit id, its cache and the copies of the cache.
repo='' base='' cache='' snaps='' bench_head=''
cleanup() {
  if [ -n "$repo" ] && [ -n "$base" ] && [ "$(git -C "$repo" rev-parse HEAD)" != "$base" ]; then
    git -C "$repo" reset -q --hard "$base"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# timed OUT DIR NOCACHE CMD… : runs CMD in DIR (stdout to OUT.out, stderr to OUT.err); sets
# T (wall time in µs, fork and exec included) and RC.
T=0 RC=0
timed() {
  local out=$1 dir=$2 nocache=$3 s e
  shift 3
  RC=0
  s=${EPOCHREALTIME//[!0-9]/}
  (
    cd "$dir" || exit 125
    if [ "$nocache" = 1 ]; then export ADRGOV_NO_CACHE=1; fi
    exec "$@"
  ) >"$out.out" 2>"$out.err" || RC=$?
  e=${EPOCHREALTIME//[!0-9]/}
  T=$((e - s))
}

snap_take() {
  rm -rf "${snaps:?}/$1"
  if [ -d "$cache" ]; then cp -a "$cache" "$snaps/$1"; fi
}
snap_restore() {
  rm -rf "$cache"
  if [ -d "$snaps/$1" ]; then cp -a "$snaps/$1" "$cache"; fi
}

# One new commit editing the middle ADR's text; the same commit id every time.
commit_one() {
  printf '\nBenchmark edit: one more sentence in the text.\n' >>"$repo/$edit_file"
  git -C "$repo" add -- "$edit_file"
  GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com GIT_AUTHOR_DATE="@$commit_date +0000" \
    GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com \
    GIT_COMMITTER_DATE="@$commit_date +0000" \
    git -C "$repo" -c core.hooksPath=/dev/null -c commit.gpgsign=false \
    commit -q --no-verify -m "Benchmark: edit ADR $mid"
  local head
  head=$(git -C "$repo" rev-parse HEAD)
  if [ -z "$bench_head" ]; then
    bench_head=$head
  elif [ "$head" != "$bench_head" ]; then
    echo "warning: the benchmark commit is $head, not $bench_head as before" >&2
  fi
}
undo_commit() { git -C "$repo" reset -q --hard "$base"; }

# stats µs… → "median min" in ms (1 decimal).
stats() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f %.1f\n", m / 1000, v[1] / 1000 }'
}
ms() { awk -v x="$1" 'BEGIN { if (x >= 100) printf "%.0f", x; else printf "%.1f", x }'; }
cell() { # cell KEY → "median (min)" or "—"
  local s=${samples[$1]:-}
  if [ -z "$s" ]; then echo "—"; return; fi
  local med mn
  read -r med mn < <(stats $s)
  echo "$(ms "$med") ($(ms "$mn"))"
}
median_of() {
  local s=${samples[$1]:-}
  if [ -n "$s" ]; then stats $s | cut -d' ' -f1; fi
}
ratio() { # ratio A B → A/B (2 decimals) or —
  if [ -z "$1" ] || [ -z "$2" ]; then echo "—"; return; fi
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}
kib() { du -sk "$1" 2>/dev/null | cut -f1; }

out() { printf '%s\n' "$*" | tee -a "$report"; }
describe_bin() {
  if [ -n "${ADRGOV_BIN:-}" ]; then
    echo "adrgov $bin"
  else
    echo "adrgov $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src || echo '+changes')"
  fi
}

bench_size() {
  local adrs_n commits_n
  case $1 in
    *:*) adrs_n=${1%%:*} commits_n=${1#*:} ;;
    10000) adrs_n=10000 commits_n=100000 ;;
    *) adrs_n=$1 commits_n=$(($1 * 20)) ;;
  esac
  local runs=${RUNS:-$([ "$adrs_n" -ge 10000 ] && echo 3 || echo 7)}
  local name="nygard-$adrs_n-$commits_n"
  repo="$root/target/bench-corpora/$name"
  local manifest="$repo.manifest.json"
  if [ ! -d "$repo/.git" ] || [ ! -f "$manifest" ]; then
    echo "generating $repo (once)…" >&2
    mkdir -p target/bench-corpora
    /usr/bin/time -f "generated in %e s" "$gen" "$repo" --adrs "$adrs_n" --commits "$commits_n" \
      --format nygard --seed 7 --force >&2
  fi
  # A run stopped in the middle may have left the benchmark commit or an edit behind.
  if [ "$(git -C "$repo" log -1 --format=%s)" = "Benchmark: edit ADR $((adrs_n / 2))" ]; then
    git -C "$repo" reset -q --hard HEAD~1
  fi
  git -C "$repo" reset -q --hard HEAD
  base=$(git -C "$repo" rev-parse HEAD)
  bench_head=''
  cache="$(git -C "$repo" rev-parse --absolute-git-dir)/adrgov"
  snaps="$work/snaps-$name"
  rm -rf "$snaps"
  mkdir -p "$snaps"
  commit_date=$(($(git -C "$repo" log -1 --format=%ct) + 86400))
  local dir
  dir=$(sed -n 's/^ *"adr_dir": "\(.*\)",$/\1/p' "$manifest" | head -1)
  mid=$((adrs_n / 2))
  edit_file=$(cd "$repo" && find "$dir" -maxdepth 1 -name "$(printf '%04d' "$mid")-*.md" | sort | head -1)

  # The peer reads a copy (a local clone) that has an `.adr-dir` naming the ADR directory
  # (adr-tools' file, which adrs reads); the measured repository is never written for it.
  local peer_repo="$repo.peer"
  if [ ! -d "$peer_repo/.git" ] || [ "$(git -C "$peer_repo" rev-parse HEAD)" != "$base" ]; then
    rm -rf "$peer_repo"
    git clone -q --local "$repo" "$peer_repo"
  fi
  printf '%s\n' "$dir" >"$peer_repo/.adr-dir"

  # adrgov commands: label → arguments. Peers: key → directory and command.
  local -a cmds=("list" "list --format json" "list --format json --no-history" "show $mid"
    "history $mid" "check" "graph --format json")
  declare -gA peer_dir=() peer_cmd=()
  peer_cmd[adrs-list]="$adrs list"
  peer_cmd[adrs-list-l]="$adrs list -l"
  peer_cmd[adrs-export]="$adrs export json"
  peer_cmd[adrs-export-one]="$adrs export json $mid"
  peer_cmd[adrs-doctor]="$adrs doctor"
  peer_cmd[adrs-graph]="$adrs generate graph"
  peer_cmd[git-log]="git log --full-history --name-status -- $dir"
  peer_cmd[git-log-one]="git log --full-history --name-status -- $edit_file"
  for k in "${!peer_cmd[@]}"; do peer_dir[$k]=$peer_repo; done
  peer_dir[git-log]=$repo
  peer_dir[git-log-one]=$repo
  local -a peer_order=(adrs-list adrs-list-l adrs-export adrs-export-one adrs-doctor adrs-graph
    git-log git-log-one)
  declare -gA peer_label=(
    [adrs-list]='`adrs list`' [adrs-list-l]='`adrs list -l`' [adrs-export]='`adrs export json`'
    [adrs-export-one]="\`adrs export json $mid\`" [adrs-doctor]='`adrs doctor`'
    [adrs-graph]='`adrs generate graph` (dot)'
    [git-log]="\`git log --full-history --name-status -- $dir\`"
    [git-log-one]="\`git log --full-history --name-status -- $edit_file\`")
  # Table rows: adrgov command index → peers beside it.
  local -a rows=("0 adrs-list" "0 adrs-list-l" "1 adrs-export" "1 git-log" "2 adrs-export"
    "3 adrs-export-one" "4 git-log-one" "4 git-log" "5 adrs-doctor" "6 adrs-graph")

  declare -gA samples=() rcs=() diffs=()
  local o="$work/o" i c args
  # References (untimed): each command without the cache, on the base commit and on the
  # benchmark commit; and the warm cache of each command (one run at the base commit).
  echo "[$name] references and warm caches…" >&2
  for i in "${!cmds[@]}"; do
    read -r -a args <<<"${cmds[$i]}"
    timed "$work/ref-base-$i" "$repo" 1 "$bin" "${args[@]}"
    commit_one
    timed "$work/ref-plus-$i" "$repo" 1 "$bin" "${args[@]}"
    undo_commit
    rm -rf "$cache"
    timed "$o" "$repo" 0 "$bin" "${args[@]}"
    snap_take "$i"
  done

  note() { # note KEY CMD-INDEX STATE REF : records time, exit code and output differences
    samples[$1]+="$T "
    rcs[$1]=$RC
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$2" "$3" "$r" "$T" "$RC" >>"$raw"
    if [ -n "${4:-}" ] && ! cmp -s "$o.out" "$4.out"; then
      diffs[$1]=$((${diffs[$1]:-0} + 1))
    fi
  }
  local load_before r k
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  for ((r = 1; r <= runs; r++)); do
    echo "[$name] run $r/$runs…" >&2
    for i in "${!cmds[@]}"; do
      read -r -a args <<<"${cmds[$i]}"
      rm -rf "$cache"
      timed "$o" "$repo" 0 "$bin" "${args[@]}"
      note "cold-$i" "${cmds[$i]}" cold "$work/ref-base-$i"
      snap_restore "$i"
      timed "$o" "$repo" 1 "$bin" "${args[@]}"
      note "nocache-$i" "${cmds[$i]}" nocache "$work/ref-base-$i"
      snap_restore "$i"
      timed "$o" "$repo" 0 "$bin" "${args[@]}"
      note "warm-$i" "${cmds[$i]}" warm "$work/ref-base-$i"
      snap_restore "$i"
      commit_one
      timed "$o" "$repo" 0 "$bin" "${args[@]}"
      note "plus-$i" "${cmds[$i]}" warm+1 "$work/ref-plus-$i"
      undo_commit
    done
    for k in "${peer_order[@]}"; do
      read -r -a args <<<"${peer_cmd[$k]}"
      timed "$o" "${peer_dir[$k]}" 0 "${args[@]}"
      note "peer-$k" "${peer_cmd[$k]}" peer ""
    done
  done
  local load_after
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)

  # Size of the cache (the largest any command left) beside .git without it.
  local cache_kib=0 git_kib
  for i in "${!cmds[@]}"; do
    if [ -d "$snaps/$i" ]; then
      k=$(kib "$snaps/$i")
      if [ "$k" -gt "$cache_kib" ]; then cache_kib=$k; fi
    fi
  done
  rm -rf "$cache"
  git_kib=$(kib "$repo/.git")

  # site build: wall time and peak memory, cold then warm (each into a new directory), then
  # warm again into the last one (a rebuild writes only what changed). No output is deleted
  # until all are timed: right after 10,000 files are deleted, ext4 spends seconds finding
  # inodes for new ones (it skips recently deleted inodes), which is not the build's time.
  local site_runs=3 site_rows=()
  for state in cold warm "warm, rebuilt in place"; do
    local walls=() peak=0 m src
    for ((r = 1; r <= site_runs; r++)); do
      if [ "$state" = cold ]; then rm -rf "$cache"; fi
      local site_out="$work/site-${state%%,*}-$r"
      if [ "$state" != warm ] && [ "$state" != cold ]; then site_out="$work/site-warm-$site_runs"; fi
      timed "$work/sitebuild" "$repo" 0 /usr/bin/time -f '%M' -o "$work/time" "$bin" site build \
        --out "$site_out"
      if [ "$RC" != 0 ]; then echo "site build failed: $(tail -1 "$work/sitebuild.err")" >&2; fi
      m=$(tail -1 "$work/time")
      walls+=("$T")
      if [ "$m" -gt "$peak" ]; then peak=$m; fi
    done
    read -r src _ < <(stats "${walls[@]}")
    site_rows+=("| \`site build\` $state | $(ms "$src") | $((peak / 1024)) |")
  done
  rm -rf "$work"/site-*
  local site_cache_kib
  site_cache_kib=$(kib "$cache" || true)
  rm -rf "$cache"

  # The report.
  out ""
  out "## $adrs_n ADRs, $(git -C "$repo" rev-list --count HEAD) commits"
  out ""
  out "$(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores, load $load_before → $load_after;" \
    "$(describe_bin),"  \
    "$("$adrs" --version), $(git --version); $runs paired runs; ms, median (min), whole process."
  out ""
  out "| command | adrgov cold | no cache | warm | warm+1 commit | peer command | peer | adrgov warm / peer |"
  out "| --- | --: | --: | --: | --: | --- | --: | --: |"
  local row pk prev=''
  for row in "${rows[@]}"; do
    read -r i pk <<<"$row"
    if [ "$i" = "$prev" ]; then
      c="| 〃 | | | | "
    else
      c="| \`${cmds[$i]}\` | $(cell "cold-$i") | $(cell "nocache-$i") | $(cell "warm-$i") | $(cell "plus-$i") "
    fi
    prev=$i
    out "$c| ${peer_label[$pk]} | $(cell "peer-$pk") | $(ratio "$(median_of "warm-$i")" "$(median_of "peer-$pk")") |"
  done
  out ""
  out "- Cold history pass (\`list --format json\`, cold) / \`git log\` over \`$dir\`:" \
    "$(ratio "$(median_of cold-1)" "$(median_of peer-git-log)") (target ≤ 0.5)."
  local warm_max=0 m
  for i in "${!cmds[@]}"; do
    m=$(median_of "warm-$i")
    warm_max=$(awk -v a="$m" -v b="$warm_max" 'BEGIN { print (a > b) ? a : b }')
  done
  out "- Slowest warm command: $(ms "$warm_max") ms (target < 50 ms at 1,000 ADRs)."
  if [ "$cache_kib" -gt 0 ] || [ -n "$site_cache_kib" ]; then
    if [ -n "$site_cache_kib" ] && [ "$site_cache_kib" -gt "$cache_kib" ]; then
      cache_kib=$site_cache_kib
    fi
    out "- \`.git/adrgov\`: $cache_kib KiB; \`.git\` without it: $git_kib KiB;" \
      "$(ratio "$((cache_kib * 100))" "$git_kib") % (target < 5 %)."
  else
    out "- \`.git/adrgov\`: none written (no command left a cache); \`.git\`: $git_kib KiB."
  fi
  key_label() { # cold-3 → `show 50` cold; peer-git-log → `git log …`
    local state=${1%%-*} rest=${1#*-}
    case $state in
      peer) echo "${peer_label[$rest]}" ;;
      plus) echo "\`${cmds[$rest]}\` warm+1 commit" ;;
      nocache) echo "\`${cmds[$rest]}\` no cache" ;;
      *) echo "\`${cmds[$rest]}\` $state" ;;
    esac
  }
  local bad=''
  for k in "${!rcs[@]}"; do
    if [ "${rcs[$k]}" != 0 ]; then bad+=" $(key_label "$k"): exit ${rcs[$k]};"; fi
  done
  bad=${bad%;}
  out "- Exit codes other than 0 (last run):${bad:- none}."
  bad=''
  for k in "${!diffs[@]}"; do bad+=" $(key_label "$k") (${diffs[$k]} of $runs runs);"; done
  bad=${bad%;}
  out "- Outputs that differ from the same command with ADRGOV_NO_CACHE=1 on the same commit:${bad:- none}."
  local seen=no
  if ! cmp -s "$work/ref-base-4.out" "$work/ref-plus-4.out"; then seen=yes; fi
  out "- The benchmark commit changes the output of \`${cmds[4]}\`: $seen."
  out "- Benchmark commit (warm+1): \`${bench_head:0:12}\` on \`${base:0:12}\`, editing \`$edit_file\`."
  out ""
  out "| site build | wall ms (median of $site_runs) | peak memory MB |"
  out "| --- | --: | --: |"
  for row in "${site_rows[@]}"; do out "$row"; done
  undo_commit
}

out "# adrgov speed, $stamp"
for size in "${sizes[@]}"; do bench_size "$size"; done
echo "written: $report (raw samples: $raw)" >&2
