# printf formats: %s %d %x %o %c %%, widths, precision, reuse.
printf '%s-%s\n' a b c d
printf '%5s|%-5s|\n' ab cd
printf '%d %i %x %X %o\n' 255 255 255 255 8
printf '%05d %+d %-4d|\n' 42 42 42
printf '%.2f %8.3f\n' 3.14159 2.5
printf '%c%c\n' hello world
printf '100%%\n'
printf '%s\n'
printf '%b\n' 'a\tb'
printf 'no newline'; echo
printf '%.3s\n' abcdef
