# set -f turns globbing off.
touch f1 f2
echo f*
set -f
echo f*
set +f
echo f*
