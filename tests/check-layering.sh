#!/usr/bin/env bash
# check-layering.sh SRCDIR PLOT_LIB FIGURES_LIB BINARY… — the layers of STYLE.md hold:
#   - src/engine and the engine headers (include/occam) include neither GTK nor Cairo/Pango;
#   - src/plot, src/figures and their headers (include/occam-plot, include/occam-figures)
#     include no GTK;
#   - nothing below the figures library includes its headers (arrows only point down);
#   - the plot and figures static libraries need no gtk_/gdk_/adw_/gsk_ symbol, the figures
#     library no GTask either (its callers decide which thread computes), and the binaries link
#     no GTK.
# The plot headers live apart from the engine's because they take a cairo_t: Cairo is allowed
# there and above, never in the engine.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
src=$1 plot_lib=$2 figures_lib=$3
shift 3
status=0

fail () { echo "layering: $*" >&2; status=1; }

hits=$(grep -rnEi '#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|adwaita|libadwaita)' \
         "$src/src/engine" "$src/src/plot" "$src/src/figures" "$src/include/occam" \
         "$src/include/occam-plot" "$src/include/occam-figures" 2>/dev/null)
[ -n "$hits" ] && fail "GTK included below the GUI layer:"$'\n'"$hits"

hits=$(grep -rnEi '#[[:space:]]*include[[:space:]]*[<"](cairo|pango)' "$src/src/engine" 2>/dev/null)
[ -n "$hits" ] && fail "Cairo/Pango included in the engine:"$'\n'"$hits"

hits=$(grep -rnEi '#[[:space:]]*include[[:space:]]*[<"](cairo|pango)' "$src/include/occam" \
         2>/dev/null)
[ -n "$hits" ] && fail "Cairo/Pango included in an engine header:"$'\n'"$hits"

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"]occam-plot/' "$src/src/engine" \
         "$src/include/occam" 2>/dev/null)
[ -n "$hits" ] && fail "the engine reaches up into the plot layer:"$'\n'"$hits"

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"]occam-figures/' "$src/src/engine" \
         "$src/include/occam" "$src/src/plot" "$src/include/occam-plot" 2>/dev/null)
[ -n "$hits" ] && fail "a lower layer reaches up into the figures library:"$'\n'"$hits"

if command -v nm >/dev/null; then
  for lib in "$plot_lib" "$figures_lib"; do
    hits=$(nm -u "$lib" 2>/dev/null | grep -E ' U (gtk_|gdk_|adw_|gsk_)')
    [ -n "$hits" ] && fail "$lib needs GTK symbols:"$'\n'"$hits"
  done
  hits=$(nm -u "$figures_lib" 2>/dev/null | grep -E ' U g_task_')
  [ -n "$hits" ] && fail "$figures_lib runs GTasks:"$'\n'"$hits"
else
  echo "layering: nm not found; symbol check skipped" >&2
fi

for bin in "$@"; do
  hits=$(ldd "$bin" 2>/dev/null | grep -Ei 'lib(gtk|gdk|adwaita|gsk)')
  [ -n "$hits" ] && fail "$bin links GTK:"$'\n'"$hits"
done

[ $status -eq 0 ] && echo "layering: ok"
exit $status
