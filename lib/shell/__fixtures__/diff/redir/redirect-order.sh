# Redirections can appear anywhere in a simple command.
> a.txt echo one
echo two > b.txt three
cat a.txt b.txt
cat < a.txt > c.txt
cat c.txt
echo x 2>/dev/null >d.txt
cat d.txt
