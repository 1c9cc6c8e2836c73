# dialects: bash
# bash's source with arguments.
echo 'echo "args: $# $1"' > show.sh
source ./show.sh one two
set -- outer
source ./show.sh
