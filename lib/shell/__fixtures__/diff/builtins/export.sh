# export makes variables visible to child processes.
v=local
sh -c 'echo "child: [${v-unset}]"'
export v
sh -c 'echo "child: [$v]"'
export w=direct
sh -c 'echo "child: [$w]"'
v=changed
sh -c 'echo "child after change: [$v]"'
export -n v 2>/dev/null || unset v
sh -c 'echo "child after un-export: [${v-unset}]"'
