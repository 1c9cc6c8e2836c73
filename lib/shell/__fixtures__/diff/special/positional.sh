# $#, $1.., shift.
set -- first "second arg" third
echo "count: $#"
echo "1=$1 2=$2 3=$3 4=[$4]"
shift
echo "after shift: $# $1"
shift 2
echo "after shift 2: $#"
set -- a b c d e f g h i j k l
echo "${10} ${12}"
