# Aliases in scripts (bash needs expand_aliases; ash always expands).
alias ll='ls -1'
alias greet='echo hi'
alias | grep greet
alias greet
unalias greet
alias greet 2>/dev/null || echo "greet removed"
