# ${x?} with no message prints the shell's default wording.
empty=
echo "empty with ?: [${empty?}]"
echo "${nothing?}"
echo never
