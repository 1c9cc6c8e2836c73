# ls -l columns other than dates.
printf 'abc' > three
mkdir folder
chmod 600 three
ls -l three | awk '{print $1, $5, $9}'
ls -ld folder | awk '{print $1, $9}'
ls -la | awk 'NR > 1 {print $1, $NF}' | sort -k2
