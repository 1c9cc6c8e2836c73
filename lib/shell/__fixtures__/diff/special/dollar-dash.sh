# $- reflects set options; compare only stable letters.
case $- in *e*) echo "e on" ;; *) echo "e off" ;; esac
set -e
case $- in *e*) echo "e on" ;; *) echo "e off" ;; esac
set +e -u
case $- in *u*) echo "u on" ;; *) echo "u off" ;; esac
set +u
case $- in *u*) echo "u on" ;; *) echo "u off" ;; esac
