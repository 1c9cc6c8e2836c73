# Loop exit status is the last body command's; zero if the body never ran.
for i in 1 2; do false; done
echo "for: $?"
for i in; do false; done
echo "empty for: $?"
while false; do :; done
echo "while: $?"
i=0; while [ $i -lt 2 ]; do i=$((i+1)); (exit 5); done
echo "while last body: $?"
