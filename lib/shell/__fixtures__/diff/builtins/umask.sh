# umask affects created files' permissions.
umask
umask 077
umask
touch private
ls -l private | cut -c1-10
umask 022
touch public
ls -l public | cut -c1-10
mkdir d
ls -ld d | cut -c1-10
umask -S
