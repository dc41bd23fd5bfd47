#!/usr/bin/env bash
# milepost's benchmarks (docs/performance.md): wall time (hyperfine) and peak RSS of
#   - load + validate + schedule + JSON status at 1k, 10k, 100k items, and the bare YAML
#     parse of the same files beside it, for reference;
#   - milepost vs TaskJuggler (tj3) on the same 1k/5k/20k-item programs, dates checked
#     equal first;
#   - diff of two revisions of a 10k program; history over 1,000 commits;
#   - milepost risk: 10,000 iterations of 2k- and 10k-item programs (ranges on a quarter
#     of the tasks, 50 open risks), wall time, peak RSS and ns per relaxation.
#
#   bash bench/run.sh            # the full run (about 10 minutes; tj3 dominates)
#   bash bench/run.sh --smoke    # tiny sizes, one run each: checks the harness works (CI)
#
# Uses hyperfine and tj3 (apt-get install hyperfine tj3) and python3; without hyperfine
# it times single runs, without tj3 that part is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
work=${BENCH_DIR:-${TMPDIR:-/tmp}/milepost-bench}
mkdir -p "$work"
results="$work/results.md"

cargo build --release --quiet --bin milepost --example generate --example parse_floor
target=${CARGO_TARGET_DIR:-$PWD/target}
bin=$target/release/milepost
gen=$target/release/examples/generate
floor=$target/release/examples/parse_floor
export MILEPOST_BIN=$bin

if [ $smoke = 1 ]; then
  sizes="1000"; tj3_sizes="200"; commits=20; items_git=500; runs=1; warmup=0
else
  sizes="1000 10000 100000"; tj3_sizes="1000 5000 20000"; commits=1000; items_git=10000; runs=10; warmup=2
fi

have() { command -v "$1" >/dev/null 2>&1; }
# hyperfine's mean wall time in seconds for a command.
mean() {
  if have hyperfine; then
    hyperfine -N --warmup "$warmup" --runs "$runs" --export-json "$work/h.json" "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$work/h.json"
  else
    python3 -c 'import subprocess,sys,time; t=time.time(); subprocess.run(sys.argv[1], shell=True, capture_output=True); print("%.3f" % (time.time()-t))' "$1"
  fi
}
# Peak resident set size in MB.
rss() {
  python3 -c 'import resource,subprocess,sys; subprocess.run(sys.argv[1], shell=True, capture_output=True); print("%.0f" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024))' "$1"
}

{
  echo "# milepost benchmarks"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), $(rustc --version)"
  echo
  echo "## Load + validate + schedule + JSON status"
  echo
  echo "status: status --format json (writes every item); check: the same load, validation,"
  echo "schedule and health with a one-line output. YAML parse: saphyr-parser's bare events"
  echo "for the same files on all cores (1 core: on one), for reference."
  echo
  echo "| items | YAML | files | status (s) | peak RSS (MB) | check (s) | YAML parse (s) | YAML parse, 1 core (s) |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$results"
for n in $sizes; do
  dir="$work/p$n"
  [ -d "$dir" ] || "$gen" "$n" "$dir"
  cmd="$bin -C $dir --today 2026-03-10 status --format json"
  t=$(mean "$cmd"); m=$(rss "$cmd"); f=$(mean "$floor $dir"); f1=$(mean "$floor $dir 1")
  c=$(mean "$bin -C $dir --today 2026-03-10 check")
  size=$(du -sh "$dir" | cut -f1); nfiles=$(find "$dir" -name '*.yaml' | wc -l)
  echo "| $n | $size | $nfiles | $t | $m | $c | $f | $f1 |" >> "$results"
done

{
  echo
  echo "## milepost vs TaskJuggler"
  echo
  echo "| items | tj3 (s) | milepost (s) | milepost is faster by |"
  echo "| ---: | ---: | ---: | ---: |"
} >> "$results"
if have tj3; then
  for n in $tj3_sizes; do
    dir="$work/tj$n"
    rm -rf "$dir"
    "$gen" --tj3 "$n" "$dir"   # fails unless both tools give every item the same dates
    t_ms=$(mean "$bin -C $dir --today 2026-10-05 status --format json")
    t_tj=$(cd "$dir" && runs=1 warmup=0 mean "tj3 --silent --no-color program.tjp")
    echo "| $n | $t_tj | $t_ms | $(python3 -c "print('%.0f×' % ($t_tj / $t_ms))") |" >> "$results"
  done
else
  echo "tj3 not installed: skipped" >> "$results"
fi

{
  echo
  echo "## Git: diff and history"
  echo
  echo "| what | items | commits | wall (s) |"
  echo "| --- | ---: | ---: | ---: |"
} >> "$results"
repo="$work/git$items_git-$commits"
[ -d "$repo/.git" ] || { rm -rf "$repo"; "$gen" --git "$commits" "$items_git" "$repo"; }
echo "| diff HEAD~1 HEAD | $items_git | 2 | $(mean "$bin -C $repo --today 2026-05-01 diff HEAD~1 HEAD --format json") |" >> "$results"
echo "| history m100 | $items_git | $commits | $(runs=$([ $smoke = 1 ] && echo 1 || echo 3) mean "$bin -C $repo history m100 --format json") |" >> "$results"

{
  echo
  echo "## Schedule risk (Monte Carlo)"
  echo
  echo "risk --format json: ranges on a quarter of the tasks, 50 open risks. The floor is"
  echo "iterations × (items + relations) relaxations (forward pass; the backward pass for"
  echo "criticality doubles it); ns/relaxation = wall × cores / that count."
  echo
  echo "| items | relations | iterations | wall (s) | peak RSS (MB) | RSS at 1/10 the iterations (MB) | ns/relaxation (all cores) |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >> "$results"
if [ $smoke = 1 ]; then risk_sizes="200"; risk_iter=500; else risk_sizes="2000 10000"; risk_iter=10000; fi
for n in $risk_sizes; do
  dir="$work/risk$n"
  [ -d "$dir" ] || "$gen" --risk "$n" "$dir"
  cmd="$bin -C $dir --today 2026-03-10 risk --format json --iterations $risk_iter"
  t=$(mean "$cmd"); m=$(rss "$cmd")
  m10=$(rss "$bin -C $dir --today 2026-03-10 risk --format json --iterations $((risk_iter / 10))")
  rel=$(cat "$dir"/milestones/*.yaml | grep -c '^      - ' || true)
  ns=$(python3 -c "import os; print('%.1f' % ($t * os.cpu_count() * 1e9 / ($risk_iter * ($n + $rel))))")
  echo "| $n | $rel | $risk_iter | $t | $m | $m10 | $ns |" >> "$results"
done

cat "$results"
