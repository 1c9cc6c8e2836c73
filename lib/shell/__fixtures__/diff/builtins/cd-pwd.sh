# cd and pwd, relative and absolute, cd - and cd with no args.
mkdir -p a/b/c
cd a
pwd | sed "s|$HOME|~|"
cd b/c
pwd | sed "s|$HOME|~|"
cd ../..
pwd | sed "s|$HOME|~|"
cd /
pwd
cd - > /dev/null
pwd | sed "s|$HOME|~|"
cd
pwd | sed "s|$HOME|~|"
cd /usr/bin/..
pwd
echo "PWD=$PWD"
