#!/usr/bin/env bash
# check-layering.sh SRCDIR PLOT_LIB BINARY… — the layers of STYLE.md hold:
#   - src/engine and the engine headers (include/occam) include neither GTK nor Cairo/Pango;
#   - src/plot and the plot headers (include/occam-plot) include no GTK;
#   - the plot static library needs no gtk_/gdk_/adw_ symbol, and the binaries link no GTK.
# The plot headers live apart from the engine's because they take a cairo_t: Cairo is allowed
# there and only there.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
src=$1 plot_lib=$2
shift 2
status=0

fail () { echo "layering: $*" >&2; status=1; }

hits=$(grep -rnEi '#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|adwaita|libadwaita)' \
         "$src/src/engine" "$src/src/plot" "$src/include/occam" "$src/include/occam-plot" \
         2>/dev/null)
[ -n "$hits" ] && fail "GTK included below the GUI layer:"$'\n'"$hits"

hits=$(grep -rnEi '#[[:space:]]*include[[:space:]]*[<"](cairo|pango)' "$src/src/engine" 2>/dev/null)
[ -n "$hits" ] && fail "Cairo/Pango included in the engine:"$'\n'"$hits"

hits=$(grep -rnEi '#[[:space:]]*include[[:space:]]*[<"](cairo|pango)' "$src/include/occam" \
         2>/dev/null)
[ -n "$hits" ] && fail "Cairo/Pango included in an engine header:"$'\n'"$hits"

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"]occam-plot/' "$src/src/engine" \
         "$src/include/occam" 2>/dev/null)
[ -n "$hits" ] && fail "the engine reaches up into the plot layer:"$'\n'"$hits"

if command -v nm >/dev/null; then
  hits=$(nm -u "$plot_lib" 2>/dev/null | grep -E ' U (gtk_|gdk_|adw_|gsk_)')
  [ -n "$hits" ] && fail "$plot_lib needs GTK symbols:"$'\n'"$hits"
else
  echo "layering: nm not found; symbol check skipped" >&2
fi

for bin in "$@"; do
  hits=$(ldd "$bin" 2>/dev/null | grep -Ei 'lib(gtk|gdk|adwaita|gsk)')
  [ -n "$hits" ] && fail "$bin links GTK:"$'\n'"$hits"
done

[ $status -eq 0 ] && echo "layering: ok"
exit $status
