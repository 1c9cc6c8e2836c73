# Patterns in trims: ?, [...], [!...], quoted characters.
s=abc123def
echo "${s%%[0-9]*}"
echo "${s##*[0-9]}"
echo "${s#???}"
echo "${s%[!0-9]*}"
q='a*b'
echo "${q%'*b'}"
echo "${q#a\*}"
