# A malformed ${...} is a bad substitution.
echo start
echo "${x!y}"
echo after
