# if / elif / else with test conditions.
check() {
  if [ "$1" -lt 10 ]; then
    echo "$1 is small"
  elif [ "$1" -lt 100 ]; then
    echo "$1 is medium"
  else
    echo "$1 is large"
  fi
}
check 5
check 50
check 500
if false; then echo no; fi
echo "if with no branch taken: $?"
if (exit 4); then :; else echo "else status: $?"; fi
