# dialects: bash
# bash indirection and name listing.
target=value
ref=target
echo "${!ref}"
myvar_one=1
myvar_two=2
echo ${!myvar_*}
