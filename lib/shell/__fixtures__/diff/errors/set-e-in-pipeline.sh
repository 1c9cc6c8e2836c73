# set -e and a failing pipeline.
set -e
false | true
echo "pipeline with failing first command is fine"
true | false
echo never
