#!/usr/bin/env bash
# Installs the build directory $1, configured for the prefix $2, into a
# temporary DESTDIR and checks that everything lands where GNOME looks for
# it and that the installed programs of version $3 start.
set -euo pipefail
build=$1
prefix=$2
version=$3
app_id=io.github.standpoint.Standpoint

destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT
"${MESON:-meson}" install -C "$build" --destdir "$destdir" --no-rebuild --quiet
root=$destdir$prefix
status=0

fail () {
  echo "$*"
  status=1
}

for file in \
  bin/standpoint \
  bin/standpoint-cli \
  share/applications/$app_id.desktop \
  share/metainfo/$app_id.metainfo.xml \
  share/icons/hicolor/scalable/apps/$app_id.svg \
  share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg \
  share/glib-2.0/schemas/$app_id.gschema.xml \
  share/dbus-1/services/$app_id.service \
  share/standpoint/datasets/ukraine-contact-group-2025-02.json \
  share/help/C/standpoint/index.page \
  share/help/de/standpoint/index.page \
  share/help/uk/standpoint/index.page \
  share/locale/de/LC_MESSAGES/standpoint.mo \
  share/locale/uk/LC_MESSAGES/standpoint.mo
do
  [ -f "$root/$file" ] || fail "not installed: $prefix/$file"
done
[ $status -eq 0 ] || exit $status

desktop=$root/share/applications/$app_id.desktop
grep -qxF "Exec=standpoint %F" "$desktop" || fail "$app_id.desktop: unexpected Exec line"
grep -qxF "Icon=$app_id" "$desktop" || fail "$app_id.desktop: unexpected Icon line"
grep -qxF "DBusActivatable=true" "$desktop" || fail "$app_id.desktop: not D-Bus activatable"

service=$root/share/dbus-1/services/$app_id.service
grep -qxF "Name=$app_id" "$service" || fail "$app_id.service: unexpected Name line"
grep -qxF "Exec=$prefix/bin/standpoint --gapplication-service" "$service" \
  || fail "$app_id.service: Exec does not name the installed program"

# Checks the metainfo against the desktop file it launches.
if command -v appstreamcli >/dev/null; then
  appstreamcli validate-tree --no-net "$root" || fail "appstreamcli validate-tree failed on $prefix"
fi

# The translated guide is made of the translations, not copied.
for language in de uk; do
  cmp -s "$root/share/help/C/standpoint/index.page" "$root/share/help/$language/standpoint/index.page" \
    && fail "share/help/$language/standpoint/index.page is the untranslated page"
done

glib-compile-schemas --strict --targetdir="$destdir" "$root/share/glib-2.0/schemas" \
  || fail "the installed schemas do not compile"

for program in standpoint standpoint-cli; do
  printed=$("$root/bin/$program" --version) || true
  [ "$printed" = "$program $version" ] || fail "$program --version printed \"$printed\""
done

"$root/bin/standpoint-cli" validate "$root/share/standpoint/datasets/ukraine-contact-group-2025-02.json" \
  || fail "the installed dataset does not validate"

[ $status -eq 0 ] && echo "meson install puts every file in place under $prefix"
exit $status
