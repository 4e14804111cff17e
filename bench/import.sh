#!/bin/bash
# Import benchmark: Standpoint's importer against the sqlite3 shell.
#
#   bench/import.sh N
#
# Generates a synthetic dataset of N statements with sp-gen-dataset (cached
# in /tmp per N and generator version), imports it with
# `standpoint-cli --db NEW import FILE`, and loads the same file into the
# same schema with `sqlite3 NEW2 < load.sql` (bench/load-sqlite3.sql after the
# app's migrations), each into a fresh database.  Standpoint validates every
# record; the sqlite3 load checks nothing beyond the schema.  Best time of 3
# runs each for N <= 200000 (BENCH_RUNS overrides), the highest peak RSS of
# all runs.  Sizes are MiB: file bytes / 2^20, RSS KiB / 2^10.
#
# Progress goes to stderr; stdout gets only the result line:
#   import N=... file_mb=... standpoint_s=... sqlite3_s=... ratio=... standpoint_rss_mb=... sqlite3_rss_mb=...
#
# The sqlite3 side runs with the app's connection PRAGMAs, found in
# src/core/*.c (BENCH_SQLITE3_PRAGMAS, one "name = value" a line, overrides).
#
# Environment: BUILD_DIR (default _build in the source tree), BENCH_RUNS,
# BENCH_NO_BUILD=1 (use the programs as built), BENCH_CACHE (default
# /tmp/standpoint-bench-$UID), TMPDIR.

set -euo pipefail

die () {
  echo "import.sh: $*" >&2
  exit 1
}

if [ $# -ne 1 ] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
  echo "Usage: $0 N   (N statements, e.g. 200000)" >&2
  exit 2
fi
n=$1

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(dirname "$bench_dir")
build_dir=${BUILD_DIR:-$source_dir/_build}
cache_dir=${BENCH_CACHE:-/tmp/standpoint-bench-$(id -u)}

[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian package \"time\")"
command -v sqlite3 > /dev/null || die "sqlite3 is missing (Debian package \"sqlite3\")"

if [ -n "${BENCH_RUNS:-}" ]; then
  runs=$BENCH_RUNS
elif [ "$n" -le 200000 ]; then
  runs=3
else
  runs=1
fi

if [ -n "${BENCH_NO_BUILD:-}" ]; then
  echo "Using the programs already built in $build_dir" >&2
else
  echo "Building in $build_dir" >&2
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$source_dir" >&2
  fi
  # Only the two programs, so work in progress elsewhere does not stop a run.
  meson compile -C "$build_dir" standpoint-cli sp-gen-dataset >&2
fi

cli=$build_dir/src/standpoint-cli
gen=$build_dir/bench/sp-gen-dataset
[ -x "$cli" ] || die "$cli was not built"
[ -x "$gen" ] || die "$gen was not built"

work=$(mktemp -d "${TMPDIR:-/tmp}/standpoint-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The file depends only on N and the generator's source.
mkdir -p "$cache_dir"
key=$(sha256sum "$bench_dir/sp-gen-dataset.c" | cut -c1-16)
dataset=$cache_dir/dataset-$n-$key.json
if [ ! -s "$dataset" ]; then
  echo "Generating $n statements into $dataset" >&2
  rm -f "$cache_dir/dataset-$n-"*.json
  "$gen" "$n" "$dataset.part" || die "sp-gen-dataset failed"
  mv "$dataset.part" "$dataset"
else
  echo "Reusing $dataset" >&2
fi
file_bytes=$(stat -c %s "$dataset")

# The sqlite3 script: the migrations in order, the schema version, the load.
migrations=("$source_dir"/src/core/migrations/*.sql)
{
  cat "${migrations[@]}"
  echo "PRAGMA user_version = ${#migrations[@]};"
} > "$work/migrations.sql"

# The app's connection PRAGMAs (not the schema version), so that the
# comparison is about loading, not settings; BENCH_SQLITE3_PRAGMAS (lines
# such as "cache_size = -2000") replaces them.
if [ -n "${BENCH_SQLITE3_PRAGMAS:-}" ]; then
  pragmas=$BENCH_SQLITE3_PRAGMAS
else
  pragmas=$(grep -ho '"PRAGMA [a-z_]* = [^"%]*"' "$source_dir"/src/core/*.c |
            sed -e 's/^"PRAGMA //' -e 's/"$//' | grep -v '^user_version' | sort -u || true)
  for required in "journal_mode = WAL" "synchronous = NORMAL" "foreign_keys = ON"; do
    grep -q "^${required%% *} " <<< "$pragmas" || pragmas=$(printf '%s\n%s' "$pragmas" "$required")
  done
fi
printf '%s\n' "$pragmas" | sed -e '/^$/d' -e 's/^/PRAGMA /' -e 's/$/;/' > "$work/pragmas.sql"
echo "sqlite3 settings: $(tr '\n' ' ' < "$work/pragmas.sql")" >&2

escaped=$(printf '%s' "$dataset" | sed -e "s/'/''/g" -e 's/[|&\\]/\\&/g')
sed -e "/^-- @PRAGMAS@\$/{
r $work/pragmas.sql
d
}" -e "/^-- @MIGRATIONS@\$/{
r $work/migrations.sql
d
}" -e "s|@FILE@|$escaped|g" "$bench_dir/load-sqlite3.sql" > "$work/load.sql"

best_sp=
best_sq=
rss_sp=0
rss_sq=0

# Prints "SECONDS RSS_KB" from a /usr/bin/time -f '%e %M' output file.
read_time () {
  tail -n 1 "$1"
}

for run in $(seq 1 "$runs"); do
  rm -f "$work"/standpoint.sqlite* "$work"/sqlite3.sqlite*

  echo "Run $run/$runs: standpoint-cli import" >&2
  if ! /usr/bin/time -f '%e %M' -o "$work/time-sp" \
       "$cli" --db "$work/standpoint.sqlite" import "$dataset" > "$work/out-sp" 2> "$work/err-sp"; then
    cat "$work/out-sp" "$work/err-sp" >&2
    die "standpoint-cli import failed"
  fi
  cat "$work/out-sp" >&2
  read -r secs rss < <(read_time "$work/time-sp")
  echo "  ${secs} s, ${rss} KiB peak RSS" >&2
  best_sp=$(awk -v a="$secs" -v b="$best_sp" 'BEGIN { print (b == "" || a < b) ? a : b }')
  rss_sp=$(( rss > rss_sp ? rss : rss_sp ))

  echo "Run $run/$runs: sqlite3 < load.sql" >&2
  if ! /usr/bin/time -f '%e %M' -o "$work/time-sq" \
       sqlite3 -bail "$work/sqlite3.sqlite" < "$work/load.sql" > "$work/out-sq" 2> "$work/err-sq"; then
    cat "$work/out-sq" "$work/err-sq" >&2
    die "sqlite3 load failed"
  fi
  read -r secs rss < <(read_time "$work/time-sq")
  echo "  ${secs} s, ${rss} KiB peak RSS" >&2
  best_sq=$(awk -v a="$secs" -v b="$best_sq" 'BEGIN { print (b == "" || a < b) ? a : b }')
  rss_sq=$(( rss > rss_sq ? rss : rss_sq ))
done

# Both databases must hold the same records.
tables="datasets sources actors offices office_sources topics events event_participants event_sources
        statements provenance sources_fts_docsize events_fts_docsize statements_fts_docsize"
for table in $tables; do
  count_sp=$(sqlite3 "$work/standpoint.sqlite" "SELECT count(*) FROM $table")
  count_sq=$(sqlite3 "$work/sqlite3.sqlite" "SELECT count(*) FROM $table")
  if [ "$count_sp" != "$count_sq" ]; then
    die "FAILED: table $table has $count_sp rows after standpoint-cli but $count_sq after sqlite3"
  fi
done
count=$(sqlite3 "$work/standpoint.sqlite" "SELECT count(*) FROM statements")
[ "$count" = "$n" ] || die "FAILED: $count statements imported, expected $n"

awk -v n="$n" -v bytes="$file_bytes" -v sp="$best_sp" -v sq="$best_sq" \
    -v rsp="$rss_sp" -v rsq="$rss_sq" 'BEGIN {
  printf "import N=%d file_mb=%.1f standpoint_s=%.2f sqlite3_s=%.2f ratio=%.2f standpoint_rss_mb=%.1f sqlite3_rss_mb=%.1f\n",
         n, bytes / 1048576, sp, sq, (sq > 0 ? sp / sq : 0), rsp / 1024, rsq / 1024
}'
