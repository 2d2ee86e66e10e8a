# common.sh — shared by the README's two commands: install what is missing, configure, build.
# Sourced, not run. Idempotent: a second run installs nothing and rebuilds only what changed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

OC_SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OC_BUILDDIR=${OC_BUILDDIR:-$OC_SRCDIR/_build}
OC_MESON_OPTIONS=()

oc_say () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

oc_install_packages () {
  local wanted=() missing=() pkg
  while read -r pkg; do
    pkg=${pkg%%#*}
    pkg=${pkg// /}
    [ -n "$pkg" ] && wanted+=("$pkg")
  done < "$OC_SRCDIR/build-aux/packages.txt"
  for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    oc_say "All ${#wanted[@]} Debian packages are present"
    return 0
  fi
  oc_say "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
}

# oc_build [TARGET…]: configures when needed and builds everything, or only the named targets.
oc_build () {
  local opts=("${OC_MESON_OPTIONS[@]}")
  # Warnings are errors in CI; on a user's machine a newer compiler's new warning must not stop them.
  [ "${CI:-}" = "true" ] && opts+=(-Dwerror=true)
  if [ ! -f "$OC_BUILDDIR/build.ninja" ]; then
    oc_say "Configuring in $OC_BUILDDIR"
    meson setup "$OC_BUILDDIR" "$OC_SRCDIR" "${opts[@]}"
  elif [ ${#opts[@]} -gt 0 ]; then
    meson configure "$OC_BUILDDIR" "${opts[@]}" >/dev/null
  fi
  # Named targets are looked up in the build files as they are: regenerate them first, or a
  # target added since the last build (a new test) is "not found".
  [ $# -gt 0 ] && ninja -C "$OC_BUILDDIR" build.ninja >/dev/null
  oc_say "Building${1:+ $*}"
  meson compile -C "$OC_BUILDDIR" "$@"
}
