# Error messages from common programs.
cat missing.txt
ls missing-dir
mkdir existing
mkdir existing
rmdir nothere
cp missing.txt dest.txt
mv missing.txt dest.txt
echo done
