#!/usr/bin/env bash
# Fails when a translation in po/LINGUAS lacks a message of the sources,
# has a fuzzy or untranslated one, or does not compile.  The template is
# made afresh in a temporary directory with the keywords of meson's "glib"
# preset, as `meson compile standpoint-pot` makes po/standpoint.pot.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

xgettext --package-name=standpoint --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --files-from=po/POTFILES.in --output="$work/standpoint.pot" 2>"$work/xgettext.log"

status=0
for language in $(sed 's/#.*//' po/LINGUAS); do
  if ! msgfmt --check --output-file=/dev/null "po/$language.po"; then
    status=1
  elif ! msgcmp "po/$language.po" "$work/standpoint.pot" 2>"$work/msgcmp.log"; then
    echo "po/$language.po lacks translations (update it with msgmerge):"
    cat "$work/msgcmp.log"
    status=1
  else
    echo "po/$language.po: $(msgfmt --statistics --output-file=/dev/null "po/$language.po" 2>&1)"
  fi
done
exit $status
