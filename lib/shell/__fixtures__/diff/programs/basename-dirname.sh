# basename and dirname on paths.
basename /usr/local/bin/tool
basename /usr/local/bin/tool.sh .sh
basename dir/
dirname /usr/local/bin/tool
dirname file.txt
dirname /
dirname a/b/
f=/srv/app/config.yaml
echo "$(basename "$f") in $(dirname "$f")"
