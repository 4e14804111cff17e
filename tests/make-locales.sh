#!/bin/sh
# Compiles the locales the translation tests run in (German, Ukrainian and
# Hebrew, a right-to-left one) into the directory $1, for LOCPATH, so that
# the tests need neither root nor locales generated system-wide; then
# touches the stamp file $2.
set -eu
dir=$1
stamp=$2

mkdir -p "$dir"
for locale in de_DE uk_UA he_IL; do
  # localedef warns about some of glibc's own definitions; only a missing
  # result is an error.
  localedef --no-archive -i "$locale" -f UTF-8 "$dir/$locale.UTF-8" >/dev/null 2>&1 || true
  if [ ! -f "$dir/$locale.UTF-8/LC_CTYPE" ]; then
    echo "make-locales.sh: could not compile $locale.UTF-8 (is Debian's locales package installed?)" >&2
    exit 1
  fi
done
touch "$stamp"
