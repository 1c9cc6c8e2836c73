# Assigning to a readonly variable.
readonly R=1
echo "R=$R"
R=2
echo never
