# ~ expands to HOME at the start of a word and after : in assignments.
[ ~ = "$HOME" ] && echo "tilde is HOME"
echo ~/sub | sed "s|^$HOME|HOME|"
echo "~" '~' \~
x=~
[ "$x" = "$HOME" ] && echo "assignment expands"
echo a~b
p=~/bin:~/lib
echo "$p" | sed "s|$HOME|H|g"
cd ~ && [ "$(pwd)" = "$HOME" ] && echo "cd ~ works"
echo ~root
