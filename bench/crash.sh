#!/bin/bash
# Crash benchmark: `standpoint-cli import` killed with SIGKILL thousands of
# times at random moments.
#
#   bench/crash.sh [KILLS [SEED]]
#
# Runs the /crash/sigkill test of tests/test-crash.c with KILLS kills
# (default 2000) and the random moments of SEED (default: a new one each
# run).  After every kill the library must pass PRAGMA integrity_check and
# the full-text index checks, and hold either all of the import or none of
# it; the first kill after which it does not stops the run, with the test's
# assertion on stderr.
#
# Progress goes to stderr; stdout gets only the result line:
#   crash kills=... none=... all=... finished=... import_s=... seconds=... seed=...
# none: the library was as before the import; all: it held the whole
# import; finished: of these, the runs that had exited before the kill.
#
# Environment: BUILD_DIR (default _build in the source tree),
# BENCH_NO_BUILD=1 (use the programs as built).

set -euo pipefail

die () {
  echo "crash.sh: $*" >&2
  exit 1
}

kills=${1:-2000}
seed=${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
[[ $kills =~ ^[1-9][0-9]*$ ]] && [[ $seed =~ ^[0-9]+$ ]] ||
  { echo "Usage: $0 [KILLS [SEED]]" >&2; exit 2; }

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(dirname "$bench_dir")
build_dir=${BUILD_DIR:-$source_dir/_build}

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  echo "Building in $build_dir" >&2
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$source_dir" >&2
  fi
  meson compile -C "$build_dir" standpoint-cli test-crash >&2
fi

test_crash=$build_dir/tests/test-crash
[ -x "$test_crash" ] || die "$test_crash was not built"

work=$(mktemp -d "${TMPDIR:-/tmp}/standpoint-crash.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "Killing standpoint-cli $kills times (seed $seed)" >&2
start=$(date +%s.%N)
if ! env STANDPOINT_CRASH_KILLS="$kills" STANDPOINT_CRASH_SEED="$seed" \
       STANDPOINT_CLI="$build_dir/src/standpoint-cli" \
       STANDPOINT_BUNDLED_DATASET="$source_dir/data/datasets/ukraine-contact-group-2025-02.json" \
       G_DEBUG=fatal-criticals TMPDIR="$work" \
       "$test_crash" --tap -p /crash/sigkill > "$work/out" 2> "$work/err"; then
  grep -v 'DEBUG' "$work/out" "$work/err" >&2 || true
  die "FAILED (seed $seed)"
fi
end=$(date +%s.%N)

import_s=$(sed -n 's/^# a whole import takes \([0-9.]*\) s$/\1/p' "$work/out")
read -r none all finished < <(sed -n \
  's/^# [0-9]* kills: \([0-9]*\) left none of the import, \([0-9]*\) all of it (\([0-9]*\) of these had finished)$/\1 \2 \3/p' \
  "$work/out")
[ -n "$none" ] || die "the test printed no figures"

awk -v k="$kills" -v n="$none" -v a="$all" -v f="$finished" -v i="$import_s" \
    -v s="$start" -v e="$end" -v seed="$seed" 'BEGIN {
  printf "crash kills=%d none=%d all=%d finished=%d import_s=%s seconds=%.0f seed=%s\n",
         k, n, a, f, i, e - s, seed
}'
