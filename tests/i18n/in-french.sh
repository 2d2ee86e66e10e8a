#!/bin/sh
# in-french.sh COMMAND… — runs COMMAND in French: fr_FR.UTF-8 generated into a temporary folder
# (localedef from Debian's `locales`, no root needed; LOCPATH points the C library at it), and
# Occam's messages from the build tree's compiled catalogues ($OCCAM_LOCALEDIR, set by the test).
# Exits 77 (skipped) when the locale cannot be made.
set -u
dir=$(mktemp -d "${TMPDIR:-/tmp}/occam-locale-XXXXXX") || exit 99
trap 'rm -rf "$dir"' EXIT INT TERM
# localedef exits 1 for mere warnings; the folder is what counts.
localedef -i fr_FR -f UTF-8 "$dir/fr_FR.UTF-8" >/dev/null 2>&1
if [ ! -f "$dir/fr_FR.UTF-8/LC_MESSAGES/SYS_LC_MESSAGES" ]; then
  echo "1..0 # SKIP localedef could not make fr_FR.UTF-8 (Debian: locales)"
  exit 0
fi
LOCPATH=$dir LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 LANGUAGE=fr "$@"
