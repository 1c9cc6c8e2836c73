# Builtins reject unknown options.
cd -z 2>/dev/null
echo "cd status: $?"
set -Q 2>/dev/null
echo "never"
