# dialects: bash
# bash expands aliases in scripts only with expand_aliases.
shopt -s expand_aliases
alias say='echo said:'
say hello
alias multi='echo one; echo two'
multi
