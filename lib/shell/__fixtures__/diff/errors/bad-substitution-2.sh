# Another bad substitution form.
echo "${}"
echo after
