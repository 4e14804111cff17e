#!/usr/bin/env bash
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
status=0

found=$( { grep -rlE '\b(N?_|C_|g_dngettext)[[:space:]]*\(' src --include='*.c' || true
           grep -rl 'translatable="yes"' ui --include='*.ui' || true; } | sort -u)

for file in $found; do
  if ! grep -qxF "$file" <<<"$listed"; then
    echo "po/POTFILES.in: missing $file, which has translatable strings"
    status=1
  fi
done

for file in $listed; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in: $file does not exist"
    status=1
  fi
done

[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(wc -l <<<"$listed") files with translatable strings"
exit $status
