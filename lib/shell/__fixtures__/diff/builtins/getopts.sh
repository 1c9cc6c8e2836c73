# getopts parsing with arguments and unknown options.
parse() {
  OPTIND=1
  while getopts "ab:c" opt; do
    case $opt in
      a) echo "flag a" ;;
      b) echo "b=$OPTARG" ;;
      c) echo "flag c" ;;
      ?) echo "bad option" ;;
    esac
  done
  shift $((OPTIND - 1))
  echo "rest: $*"
}
parse -a -b val file1 file2
parse -ac -bX -- -notopt
parse -z x 2>&1
parse -b 2>&1
