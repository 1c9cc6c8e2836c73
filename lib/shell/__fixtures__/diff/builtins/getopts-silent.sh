# Leading : in the option string: silent error reporting.
set -- -x -y -q
while getopts ":xy" o; do
  case $o in
    x|y) echo "opt $o" ;;
    \?) echo "unknown: $OPTARG" ;;
    :) echo "missing arg for $OPTARG" ;;
  esac
done
set -- -f
OPTIND=1
while getopts ":f:" o; do
  case $o in
    :) echo "missing arg for $OPTARG" ;;
    *) echo "other $o" ;;
  esac
done
