# cd follows logical paths; pwd -P resolves symlinks.
mkdir -p real/dir
ln -s real/dir link
cd link
pwd | sed "s|$HOME|~|"
pwd -P | sed "s|$HOME|~|"
cd ..
pwd | sed "s|$HOME|~|"
cd -P link
pwd | sed "s|$HOME|~|"
