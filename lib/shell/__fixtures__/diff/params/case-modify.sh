# dialects: bash
# bash case modification.
s="hello World"
echo "${s^}"
echo "${s^^}"
echo "${s,,}"
u=ABC
echo "${u,}"
