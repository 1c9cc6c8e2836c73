# Pipelines connect stdout to stdin; the status is the last command's.
printf 'b\na\nc\n' | sort
printf 'one\ntwo\nthree\n' | grep t | wc -l
echo hello | tr a-z A-Z | rev
false | true
echo "false|true: $?"
true | false
echo "true|false: $?"
