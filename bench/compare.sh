#!/bin/bash
# Comparison benchmark: the comparison query and the PNG export of its board.
#
#   bench/compare.sh [N...]      (default: 1000000)
#
# For each N, generates a synthetic dataset of N statements with
# sp-gen-dataset and imports it with `standpoint-cli --db LIBRARY import`;
# both are cached in BENCH_CACHE per N, generator and schema, the same files
# as bench/timeline.sh makes.  Then sp-bench-compare times the comparison of
# 4 sides (the two countries and the organization with the most offices,
# the person with the most statements) on the 50 topics with the most
# statements, as of the last day anything was said with shifts looked for
# over the year before it, and the export of boards as PNG pictures at
# double size: that of the 50 topics, and that of the 8 topics with the
# most statements, a board one would publish, each to a new file (stderr
# also shows the time to replace a file).  Each figure is the median
# of BENCH_RUNS runs (default 20; the exports a quarter as many), in wall
# clock and in processor time.
#
# Progress goes to stderr; stdout gets two lines per N, the second one the
# result:
#   compare-published N=... export_ms=... export_cpu_ms=... export_topics=8 export_px=WxH
#   compare N=... query_ms=... query_cpu_ms=... export_ms=... export_cpu_ms=... export_topics=50 export_px=WxH
#
# Environment: BUILD_DIR (default _build in the source tree), BENCH_RUNS,
# BENCH_CACHE (default /tmp/standpoint-bench-$UID).

set -euo pipefail

die () {
  echo "compare.sh: $*" >&2
  exit 1
}

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000)
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "Usage: $0 [N...]   (N statements, e.g. 100000)" >&2; exit 2; }
done

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(dirname "$bench_dir")
build_dir=${BUILD_DIR:-$source_dir/_build}
cache_dir=${BENCH_CACHE:-/tmp/standpoint-bench-$(id -u)}
runs=${BENCH_RUNS:-20}

echo "Building in $build_dir" >&2
if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$source_dir" >&2
fi
meson compile -C "$build_dir" >&2

cli=$build_dir/src/standpoint-cli
gen=$build_dir/bench/sp-gen-dataset
bench=$build_dir/bench/sp-bench-compare
for program in "$cli" "$gen" "$bench"; do
  [ -x "$program" ] || die "$program was not built"
done

mkdir -p "$cache_dir"
# A dataset depends on N and the generator; a library also on the schema.
gen_key=$(sha256sum "$bench_dir/sp-gen-dataset.c" | cut -c1-16)
schema_key=$(cat "$source_dir"/src/core/migrations/*.sql | sha256sum | cut -c1-16)

for n in "${sizes[@]}"; do
  dataset=$cache_dir/dataset-$n-$gen_key.json
  library=$cache_dir/library-$n-$gen_key-$schema_key.sqlite

  if [ ! -s "$dataset" ]; then
    echo "Generating $n statements into $dataset" >&2
    rm -f "$cache_dir/dataset-$n-"*.json
    "$gen" "$n" "$dataset.part" >&2 || die "sp-gen-dataset failed"
    mv "$dataset.part" "$dataset"
  fi

  # The marker says the import finished.
  if [ ! -e "$library.done" ]; then
    echo "Importing $dataset into $library" >&2
    rm -f "$cache_dir/library-$n-"*
    "$cli" --db "$library" import "$dataset" >&2 || die "standpoint-cli import failed"
    touch "$library.done"
  else
    echo "Reusing $library" >&2
  fi

  GSK_RENDERER=cairo GSETTINGS_BACKEND=memory "$bench" "$library" "$runs"
done
