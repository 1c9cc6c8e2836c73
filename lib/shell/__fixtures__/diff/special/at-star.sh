# "$@" keeps arguments, "$*" joins with the first IFS character.
set -- "a b" c "" d
printf '[%s]' "$@"; echo
printf '[%s]' "$*"; echo
printf '[%s]' $@; echo
printf '[%s]' $*; echo
IFS=,
echo "$*"
IFS=
echo "$*"
unset IFS
echo "$*"
set --
printf '[%s]' "$@"; echo "<- empty"
