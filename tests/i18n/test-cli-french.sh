#!/bin/sh
# test-cli-french.sh — occam-cli in French (run through in-french.sh): the command list of
# --help and a command's own --help come from po/fr.po, with French typography (U+00A0 before
# the colon and inside the guillemets). TAP.
set -u
cli=${OC_CLI:?}
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n $1"; printf '%s\n' "$2" | sed 's/^/# /'; }
expect () { # NAME TEXT NEEDLE
  if printf '%s' "$2" | grep -qF -- "$3"; then ok "$1"; else not_ok "$1" "$2"; fi
}
refuse () { # NAME TEXT NEEDLE
  if printf '%s' "$2" | grep -qF -- "$3"; then not_ok "$1" "$2"; else ok "$1"; fi
}

help=$("$cli" --help 2>&1)
expect "occam-cli --help: the usage line is French" "$help" "Utilisation : occam-cli COMMANDE [OPTION…]"
expect "occam-cli --help: the train command's summary is French" "$help" "Entraîner un réseau et rendre compte de ses courbes"
expect "occam-cli --help: the closing hint is French" "$help" "« occam-cli COMMANDE --help »"
refuse "occam-cli --help: no English summary left" "$help" "Train one network"
# Command names are what users type: never translated.
expect "occam-cli --help: command names stay as typed" "$help" "  train "

train=$("$cli" train --help 2>&1)
expect "occam-cli train --help: shared options are French" "$train" "Aucune ligne de progression (--progress=never)"
expect "occam-cli train --help: the description is French" "$train" "Lancer avec --help-all pour voir toutes les options."
expect "occam-cli train --help: flags stay as typed" "$train" "--rerun"

sweep=$("$cli" sweep --help 2>&1)
expect "occam-cli sweep --help: the preset options are French" "$sweep" "Lister les préréglages et quitter"

bad=$("$cli" nonsense 2>&1)
expect "an unknown command is reported in French" "$bad" "commande inconnue « nonsense »"

runs=$("$cli" runs --store "${TMPDIR:-/tmp}/occam-fr-$$.db" 2>&1)
rm -f "${TMPDIR:-/tmp}/occam-fr-$$.db"*
expect "a command's own message is French" "$runs" "donnez une sous-commande : list, show, export ou rm"

# The engine's messages, a run's summary and a stored experiment's figure are French too, while
# what programs read back (CSV numbers, figure names) keeps the C locale's decimal point.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/occam-fr-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
bad=$("$cli" sweep --widths abc --store "$tmp/s.db" 2>&1)
expect "an engine message (a sweep axis) is French" "$bad" "« abc » n’est pas un nombre entier"
bad=$("$cli" train --dataset spiral --hidden 0 --store "$tmp/s.db" 2>&1)
refuse "an engine message has no English left" "$bad" "must be"
run=$("$cli" train --dataset spiral --n-points 200 --hidden 8 --iterations 40 --eval-every 20 \
      --progress=never --store "$tmp/s.db" --csv "$tmp/curve.csv" 2>&1)
expect "the run's summary is French" "$run" "expérience : "
expect "the run's summary says where it is stored" "$run" "enregistrée dans $tmp/s.db"
id=$(printf '%s\n' "$run" | sed -n 's/^expérience : \([0-9a-f]*\) .*/\1/p' | head -n 1)
if grep -qE '[0-9],[0-9]{3}[0-9]*,' "$tmp/curve.csv" || ! grep -qE '[0-9]\.[0-9]' "$tmp/curve.csv"; then
  not_ok "the CSV keeps a decimal point in French" "$(head -n 3 "$tmp/curve.csv")"
else
  ok "the CSV keeps a decimal point in French"
fi
"$cli" plot --experiment "$id" --figure learning-curves --store "$tmp/s.db" \
  --out "$tmp/f.svg" >/dev/null 2>&1
svg=$(cat "$tmp/f.svg" 2>/dev/null)
expect "a stored experiment's figure has French labels" "$svg" "itération"
refuse "the figure has no English axis label left" "$svg" ">iteration<"

echo "1..$n"
exit $fail
