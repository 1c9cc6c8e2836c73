# A RUN line as learners write it: chained with && and continuation lines.
mkdir -p app && cd app \
  && echo 'print("hi")' > main.py \
  && echo "flask==3.0" > requirements.txt \
  && ls \
  && cat requirements.txt | cut -d= -f1
cd ..
set -e
rm -rf app && [ ! -d app ]
echo "done"
