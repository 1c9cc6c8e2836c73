# printf's own escapes and argument quoting.
printf 'tab\there\n'
printf '\101\102\n'
printf 'a\\b\n'
printf "%s\n" "quoted string"
printf '%s %s\n' "$(echo x)" y
printf '[%10.4s]\n' abcdefgh
