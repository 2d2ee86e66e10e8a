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

echo "1..$n"
exit $fail
