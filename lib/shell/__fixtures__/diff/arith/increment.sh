# dialects: bash
# bash ++ and -- operators and (( )) command.
i=5
echo $((i++)) $i
echo $((++i)) $i
echo $((i--)) $i
echo $((--i)) $i
((i += 10))
echo $i
((0))
echo "(( 0 )) status: $?"
((5 > 3)) && echo "greater"
for ((j = 0; j < 3; j++)); do echo "j=$j"; done
