# set -o / +o and combined flags.
set -eu
case $- in *e*u*|*u*e*) echo "eu set" ;; esac
set +eu
set -o errexit
case $- in *e*) echo "errexit on" ;; esac
set +o errexit
set -o nounset
case $- in *u*) echo "nounset on" ;; esac
set +o nounset
set -o | grep -E '^(errexit|nounset|noglob) ' | tr -s ' \t' ' '
