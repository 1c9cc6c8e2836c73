# pwd after rm of a parent dir is not tested; pwd -L vs -P on a symlinked dir.
mkdir -p target
ln -s target alias
cd alias
pwd -L | sed "s|$HOME|~|"
pwd -P | sed "s|$HOME|~|"
