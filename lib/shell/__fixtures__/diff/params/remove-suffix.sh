# ${x%p} and ${x%%p} remove the shortest / longest matching suffix.
file=archive.tar.gz
echo "${file%.*}"
echo "${file%%.*}"
echo "${file%.zip}"
dir=/var/log/app/
echo "${dir%/}"
img=nginx:1.25-alpine
echo "name=${img%%:*} tag=${img#*:}"
v=x.y.z
echo "${v%[.]*} ${v%%[.]*}"
echo "${v%?}"
