# Missing fi: the whole script is read first only as far as it parses.
echo start
if true; then
  echo inside
