# set -C refuses to overwrite; >| forces it.
echo original > keep.txt
set -C
echo overwrite > keep.txt 2>/dev/null || echo "refused"
cat keep.txt
echo forced >| keep.txt
cat keep.txt
set +C
echo again > keep.txt
cat keep.txt
