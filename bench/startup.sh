#!/bin/bash
# Start-up benchmark: from launching `standpoint --db LIBRARY` to the first
# frame on screen in which the timeline has drawn its lanes and marks.
#
#   bench/startup.sh [N...]      (default: 1000000; the bundled dataset always)
#
# Measures the bundled dataset (imported into a fresh library) and, for each
# N, a library of N synthetic statements made with sp-gen-dataset and
# `standpoint-cli import`, cached in BENCH_CACHE per N, generator and
# schema, the same files as bench/timeline.sh makes.
#
# Each launch runs under one Xvfb display (BENCH_SCREEN, default 1920x1080)
# and one D-Bus session, with settings in memory (so the window has its
# default size, grouping and span) and no first-start import.  The app gets
# STANDPOINT_REPORT_FIRST_FRAME set to the launch time; its timeline view
# prints "first-frame-ms=N" after the first frame that shows its lanes and
# quits (see report_first_frame() in src/gui/sp-timeline-view.c).  One
# launch per library warms the page cache and is not counted; then the
# median of BENCH_RUNS launches (default 5).
#
# Progress goes to stderr; stdout gets one line per library:
#   startup N=... first_frame_ms=...
#
# Environment: BUILD_DIR (default _build in the source tree), BENCH_RUNS,
# BENCH_CACHE (default /tmp/standpoint-bench-$UID), BENCH_NO_BUILD=1 (use
# the programs as built), BENCH_SCREEN, GSK_RENDERER (default cairo, for
# a software display the same everywhere).

set -euo pipefail

die () {
  echo "startup.sh: $*" >&2
  exit 1
}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(dirname "$bench_dir")
build_dir=${BUILD_DIR:-$source_dir/_build}
cache_dir=${BENCH_CACHE:-/tmp/standpoint-bench-$(id -u)}
runs=${BENCH_RUNS:-5}
app=$build_dir/src/standpoint
cli=$build_dir/src/standpoint-cli
gen=$build_dir/bench/sp-gen-dataset

# Launches the app on library $2 of $1 statements, under the display and
# session the script re-runs itself in (below); the result line goes to
# file descriptor 3, as what the session starts writes to its stdout.
measure () {
  local n=$1 library=$2 output ms median
  local -a times=()

  for ((run = 0; run <= runs; run++)); do
    output=$(STANDPOINT_REPORT_FIRST_FRAME=${EPOCHREALTIME/./} \
             timeout 60 "$app" --db "$library" 2> /dev/null) || true
    ms=$(sed -n 's/^first-frame-ms=\([0-9.]*\)$/\1/p' <<< "$output")
    [ -n "$ms" ] || die "no first frame reported for $library"
    echo "N=$n run $run: $ms ms$([ $run -eq 0 ] && echo ' (warm-up, not counted)')" >&2
    [ $run -eq 0 ] || times+=("$ms")
  done

  median=$(printf '%s\n' "${times[@]}" | sort -n |
           awk '{ v[NR] = $1 } END { printf "%.0f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  printf 'startup N=%s first_frame_ms=%s\n' "$n" "$median" >&3
}

if [ -n "${STANDPOINT_STARTUP_INNER:-}" ]; then
  export GSETTINGS_BACKEND=memory
  export GSETTINGS_SCHEMA_DIR=$build_dir/data
  export GSK_RENDERER=${GSK_RENDERER:-cairo}
  export STANDPOINT_BUNDLED_DATASET=/nonexistent
  while [ $# -gt 0 ]; do
    measure "$1" "$2"
    shift 2
  done
  exit 0
fi

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000)
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "Usage: $0 [N...]   (N statements, e.g. 1000000)" >&2; exit 2; }
done
for program in xvfb-run dbus-run-session timeout; do
  command -v $program > /dev/null || die "$program is missing (Debian packages xvfb, dbus, coreutils)"
done

if [ -n "${BENCH_NO_BUILD:-}" ]; then
  echo "Using the programs already built in $build_dir" >&2
else
  echo "Building in $build_dir" >&2
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$source_dir" >&2
  fi
  meson compile -C "$build_dir" >&2
fi
for program in "$app" "$cli" "$gen"; do
  [ -x "$program" ] || die "$program was not built"
done

mkdir -p "$cache_dir"
work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT

bundled=$source_dir/data/datasets/ukraine-contact-group-2025-02.json
"$cli" --db "$work_dir/bundled.sqlite" import "$bundled" >&2 || die "cannot import $bundled"
libraries=("$(grep -c '"stance"' "$bundled")" "$work_dir/bundled.sqlite")

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
  libraries+=("$n" "$library")
done

STANDPOINT_STARTUP_INNER=1 BUILD_DIR=$build_dir BENCH_RUNS=$runs \
  dbus-run-session -- xvfb-run -a -s "-screen 0 ${BENCH_SCREEN:-1920x1080}x24" \
  "$0" "${libraries[@]}" 3>&1 1>&2
