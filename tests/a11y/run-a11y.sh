#!/bin/sh
# Runs test-a11y.py against the application with accessibility on, in a
# fresh environment: a temporary library, settings and runtime folder, and
# the accessibility bus of the test's own D-Bus session.
#
# Usage: run-a11y.sh STANDPOINT TEST-SCRIPT FIXTURE
set -eu

if [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "SKIP: needs a display and a D-Bus session; build-aux/test gives both"
  exit 77
fi

tmp=$(mktemp -d)
launcher=
cleanup () {
  # The launcher's group holds the accessibility bus and the registry
  # that bus started.
  if [ -n "$launcher" ]; then
    kill -TERM -- "-$launcher" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The settings of a user past the first start: without the bundled
# dataset the library starts empty, and the test imports its fixture
# through the Import dialog.
mkdir -p "$tmp/config/glib-2.0/settings" "$tmp/data" "$tmp/runtime"
chmod 700 "$tmp/runtime"
printf '[io/github/standpoint/Standpoint]\nbundled-dataset-imported=true\n' \
  > "$tmp/config/glib-2.0/settings/keyfile"
export GSETTINGS_BACKEND=keyfile
export XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data"
# The accessibility bus puts its socket here: test runs side by side
# must not meet on one bus.
export XDG_RUNTIME_DIR="$tmp/runtime"
# The texts the test expects are the untranslated ones.
export LC_ALL=C.UTF-8
export LANGUAGE=C
# tests/meson.build turns accessibility off for the other tests.
unset GTK_A11Y
# Under the sanitizers (build-aux/test), no leak check at exit: GTK's file
# chooser and accessibility code leave allocations in system libraries
# without symbols to suppress them by; the other tests check Standpoint's
# own memory.
if [ -n "${ASAN_OPTIONS:-}" ]; then
  export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
fi

# GTK finds the accessibility bus through org.a11y.Bus on the session
# bus.  A launcher of our own, in a process group of its own, ends with
# the test; its output goes to a file, or meson would wait for the bus
# and the registry to close it.  If another launcher has the name, this
# one exits and the other serves.
setsid /usr/libexec/at-spi-bus-launcher --launch-immediately >"$tmp/bus.log" 2>&1 &
launcher=$!
tries=0
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.a11y.Bus 2>/dev/null | grep -q true; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ]; then
    echo "FAIL: no accessibility bus after 10 s:"
    cat "$tmp/bus.log"
    exit 1
  fi
  sleep 0.1
done

# Debian's interpreter, which has the python3-pyatspi package.
/usr/bin/python3 "$2" "$1" "$3" "$tmp"
