# dialects: ash
# ash expands aliases in scripts.
alias say='echo said:'
say hello
alias nested='say again'
nested
