# exit without an argument uses the last status.
echo start
false
exit
