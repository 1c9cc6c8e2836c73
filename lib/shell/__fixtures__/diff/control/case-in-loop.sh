# Argument parsing loop as in an entrypoint script.
set -- -v --name=web -p 8080 start
verbose=0
while [ $# -gt 0 ]; do
  case $1 in
    -v) verbose=1 ;;
    --name=*) name=${1#--name=} ;;
    -p) shift; port=$1 ;;
    *) cmd=$1 ;;
  esac
  shift
done
echo "verbose=$verbose name=$name port=$port cmd=$cmd"
