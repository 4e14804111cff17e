#!/usr/bin/env bash
# Fails when a translation in po/LINGUAS lacks a message of the sources,
# has a fuzzy or untranslated one, or does not compile.  The template is
# made afresh in a temporary directory with the keywords of meson's "glib"
# preset, as `meson compile standpoint-pot` makes po/standpoint.pot.  The
# same holds for the user guide's translations in help/LINGUAS, whose
# template itstool makes from the pages, as meson's help-standpoint-pot
# does; their translated pages must be valid Mallard too.
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
itstool --output="$work/help.pot" help/C/*.page help/C/legal.xml
for language in $(sed 's/#.*//' help/LINGUAS); do
  po=help/$language/$language.po
  if ! msgfmt --check --output-file="$work/help-$language.mo" "$po"; then
    status=1
  elif ! msgcmp "$po" "$work/help.pot" 2>"$work/msgcmp.log"; then
    echo "$po lacks translations (update it with msgmerge):"
    cat "$work/msgcmp.log"
    status=1
  else
    echo "$po: $(msgfmt --statistics --output-file=/dev/null "$po" 2>&1)"
    mkdir "$work/help-$language"
    # itstool keeps the English text of a translation it cannot merge,
    # broken markup for one, and only warns.
    itstool --lang="$language" --output="$work/help-$language/" --merge="$work/help-$language.mo" \
      help/C/*.page help/C/legal.xml >"$work/itstool.log" 2>&1
    if grep -q . "$work/itstool.log"; then
      echo "$po has translations that do not fit the pages:"
      cat "$work/itstool.log"
      status=1
    elif command -v yelp-check >/dev/null && ! yelp-check validate "$work/help-$language" >"$work/validate.log"; then
      echo "$po makes pages that are not valid Mallard:"
      cat "$work/validate.log"
      status=1
    fi
  fi
done

exit $status
