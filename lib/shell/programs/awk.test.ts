import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runBusybox, runReal } from './testing/real-tools';

const tm = createTestMachine();
const awk = (args: string[], stdin?: string, flavor?: 'busybox') => runCommand(tm, ['awk', ...args], { stdin, cwd: '/tmp', ...(flavor ? { flavor } : {}) });

const PS = `USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
root         1  0.0  0.1 167404 11904 ?        Ss   10:00   0:01 /sbin/init
learner    812  1.5  2.0 900000 80000 pts/0    Sl   10:01   0:30 node server.js
learner    901  0.0  0.0  10000  3000 pts/0    R+   10:02   0:00 ps aux
`;
const CSV = 'name,qty,price\napple,3,0.5\npear,10,0.25\nfig,7,1.2\n';
const WORDS = 'the quick brown fox\njumps over the lazy dog\nthe end\n';

describe('awk', () => {
  it('runs the classic one-liners', async () => {
    expect((await awk(['{print $2}'], PS)).stdout).toBe('PID\n1\n812\n901\n');
    expect((await awk(['-F,', 'NR>1 {s += $2 * $3} END {print s}'], CSV)).stdout).toBe('12.4\n');
    expect((await awk(['END{print NR}'], WORDS)).stdout).toBe('3\n');
  });
  it('reports syntax errors like mawk', async () => {
    expect(await awk(['{print $1'], '')).toMatchObject({ status: 2, stderr: 'awk: line 1: missing } near end of file\n' });
    expect(await awk(['{print $1}', 'nofile'])).toMatchObject({ status: 2, stderr: 'awk: cannot open nofile (No such file or directory)\n' });
  });
  it('pipes to and from commands through sh', async () => {
    if (!tm.registry.get('sh')) return;
    expect((await awk(['BEGIN { "echo hi" | getline x; print x; print "b\\na" | "sort"; close("sort"); print system("exit 3") }'])).stdout).toBe('hi\na\nb\n3\n');
  });
  it('writes to files and reads them back with getline', async () => {
    expect((await awk(['{print $1 > "/tmp/out.txt"} END {close("/tmp/out.txt"); while ((getline l < "/tmp/out.txt") > 0) n++; print n}'], WORDS)).stdout).toBe('3\n');
  });

  const cases: [string[], string][] = [
    [['{print NF, $NF}'], WORDS],
    [['{ $2 = "X"; print; print NF }'], 'a b c\n'],
    [['{ NF = 2; print }'], 'a b c d\n'],
    [['{ $5 = "e"; print }'], 'a b c\n'],
    [['BEGIN { OFS = "-" } { $1 = $1; print }'], 'a b c\n'],
    [['-F:', '{ print $1, $NF }'], 'root:x:0:0:root:/root:/bin/bash\n'],
    [['-F', '[0-9]', '{ print $3, NF }'], 'a1b2c\n'],
    [['-v', 'n=2', '$2 > n'], '1 1\n2 3\n3 2\n'],
    [['{ for (i = NF; i > 0; i--) printf "%s%s", $i, (i > 1 ? " " : "\\n") }'], WORDS],
    [['{ c[$1]++ } END { n = 0; for (w in c) n++; print n, c["the"] }'], WORDS],
    [['{ w += NF; c += length($0) + 1 } END { print NR, w, c }'], WORDS],
    [['/fox/,/lazy/'], WORDS],
    [['NR==2, NR==3 { print NR ": " $0 }'], WORDS],
    [['!seen[$0]++'], 'a\nb\na\nc\nb\n'],
    [['length > 8'], WORDS],
    [['{ print length() }'], WORDS],
    [['BEGIN { printf "%5.2f|%-5s|%05d|%x|%c|%c|%e\\n", 3.14159, "ab", 42, 255, 65, "hi", 12345.678 }'], ''],
    [['BEGIN { print 1/3, 100/3*3, 0.1+0.2, 2^10, 1e6, 1234567.5, -7%3, int(-3.7), 17 % 5 }'], ''],
    [['BEGIN { x = "3x"; print x + 1, x * 2, "10" < "9", 10 < 9 }'], ''],
    [['{ print ($1 < $2) }'], '2 10\nb a\n'],
    [['BEGIN { s = "hello world"; print substr(s, 1, 5), substr(s, 7), index(s, "o"), toupper(s) }'], ''],
    [['BEGIN { n = split("a:b:c", a, ":"); print n, a[1], a[3]; n = split("  x  y ", b); print n, b[1] }'], ''],
    [['BEGIN { s = "aaa"; print gsub(/a/, "[&]", s), s; t = "hello"; sub(/l+/, "L", t); print t }'], ''],
    [['{ gsub(/o/, "0"); print }'], WORDS],
    [['BEGIN { print match("foobar", /ob/), RSTART, RLENGTH; print match("x", /z/), RSTART, RLENGTH }'], ''],
    [['BEGIN { print length("abc"), length(12345) }'], ''],
    [['BEGIN { while (i < 3) { i++; if (i == 2) continue; print i } }'], ''],
    [['BEGIN { do { k++ } while (k < 5); print k }'], ''],
    [['BEGIN { for (;;) { if (++n > 3) break }; print n }'], ''],
    [['function f(a, b) { return a * b } BEGIN { print f(6, 7) }'], ''],
    [['function fill(arr, n,  i) { for (i = 1; i <= n; i++) arr[i] = i * i } BEGIN { fill(sq, 4); print sq[3], length(sq) }'], ''],
    [['function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10) }'], ''],
    [['{ a[NR] = $0 } END { for (i = NR; i >= 1; i--) print a[i] }'], WORDS],
    [['BEGIN { a["x"] = 1; delete a["x"]; print ("x" in a), length(a) }'], ''],
    [['BEGIN { a[1,2] = 3; for (k in a) { split(k, p, SUBSEP); print p[1], p[2] } ; if ((1,2) in a) print "yes" }'], ''],
    [['NR % 2 == 0 { next } { print }'], 'a\nb\nc\nd\n'],
    [['{ print; exit 3 } END { print "end" }'], 'a\nb\n'],
    [['BEGIN { RS = "" } { print NR ": " $1 " NF=" NF }'], 'a b\n\nc d\ne\n\n\nf\n'],
    [['BEGIN { RS = ";" } { print NR, $0 }'], 'a;b;c'],
    [['BEGIN { FS = "," } ; { print $2 }'], CSV],
    [['BEGIN { x["a"]; if ("a" in x) print "in" }'], ''],
    [['{ $3 = ""; print }'], 'a b c d\n'],
    [['BEGIN { printf "%s %s %s\\n", "a", "b", "c" }'], ''],
    [['BEGIN { print -3 % 2, 2 ^ 3 ^ 2, -2 ^ 2 }'], ''],
    [['BEGIN { print 1 " " 2, 1 2, -1 " " -2 }'], ''],
    [['{ sum[$1] += $2 } END { print sum["a"], sum["b"] }'], 'a 1\nb 2\na 3\n'],
    [['NR==1 { getline; print "after getline: " $0 }'], 'one\ntwo\nthree\n'],
    [['{ getline line; print $0 "+" line }'], 'one\ntwo\nthree\n'],
    [['BEGIN { print substr("hello", 2, 100), substr("hello", 0) "|" }'], ''],
    [['BEGIN { printf "%d %i\\n", "42abc", -3.9 }'], ''],
    [['BEGIN { print tolower("ABC") toupper("def") }'], ''],
    [['BEGIN { CONVFMT = "%.2g"; a = 3.14159; b = a ""; print b; OFMT = "%.3f"; print a, 10 }'], ''],
    [['$1 ~ /^[0-9]+$/ { print "num", $1 } $1 !~ /^[0-9]+$/ { print "str", $1 }'], '12\nab\n3x\n'],
    [['BEGIN { print index("abc", ""), 1 == 1.0, "a" < "b", "abc" ~ "b" }'], ''],
    [['{ printf "%-10s|%5s|\\n", $1, $2 }'], 'ab cd\nlong-name x\n'],
    [['BEGIN { print length(x), x + 0, x "" "|" }'], ''],
    [['{ print $(NF-1) }'], 'a b c\n'],
    [['BEGIN { i = 5; print i++ + ++i, i }'], ''],
    [['BEGIN { print 2147483647, 100000 * 100000, 2^31 }'], ''],
  ];
  it.each(cases)('matches the host awk (mawk): %j', async (args, input) => {
    if (!hasTool('awk')) return;
    const real = runReal(['awk', ...args], { stdin: input });
    const ours = await awk(args, input);
    expect(ours.stdout).toBe(real.stdout);
    expect(ours.status).toBe(real.status);
  });
  it.each(cases.filter(([a]) => !a.some((x) => /getline|2147483647|CONVFMT|\*\*|%c|index\("abc", ""\)/.test(x))))('matches BusyBox awk: %j', async (args, input) => {
    if (!hasTool('busybox')) return;
    const real = runBusybox(['awk', ...args], { stdin: input });
    if (/Math support/.test(real.stderr)) return;
    expect((await awk(args, input, 'busybox')).stdout).toBe(real.stdout);
  });

  const more: [string[], string][] = [
    [['-F.', '{print $2}'], 'a.b.c\n'],
    [['-F|', '{print $2}'], 'a|b|c\n'],
    [['-F\\t', '{print $2}'], 'a\tb c\td\n'],
    [['BEGIN{FS="[ ]"} {print NF}'], 'a  b\n'],
    [['{ if ($0 ~ "\\\\.") print "dot" }'], 'a.b\nab\n'],
    [['BEGIN { n = split("abc", a, ""); print n, a[1], a[3] }'], ''],
    [['{ print $1 > "/dev/stderr" }'], 'x\n'],
    [['BEGIN { printf "%c%c%c\\n", 72, "i!", 33 }'], ''],
    [['BEGIN { x; print (x == 0), (x == ""), length(x) }'], ''],
    [['{ print ($1 == 10), ($1 == "10.0") }'], '10.0\n'],
    [['BEGIN { print substr("hello", 2) ; print index("", "a"); print 10 % 3.5 }'], ''],
    [['{ $0 = "x y z"; print NF, $2 }'], 'a\n'],
    [['NF { print NR": "$0 }'], 'a\n\nb\n'],
    [['END { print $0, NF }'], 'a b\nc d e\n'],
    [['BEGIN { while (("echo a; echo b" | getline line) > 0) n++; print n }'], ''],
    [['{ printf("%s-%s\\n", $1, $2) }'], 'a b\n'],
    [['BEGIN { print length }'], ''],
    [['{ print length }'], 'abc\n'],
    [['BEGIN { a = "A"; b = a "B" a; print b }'], ''],
    [['BEGIN { print 1==1 ? "yes" : "no" }'], ''],
    [['{ print $NF; $NF = ""; print NF }'], 'a b c\n'],
    [['BEGIN { "date +%Y" | getline y; print (y > 2000) }'], ''],
    [['{ n = gsub(/[aeiou]/, ""); print n, $0 }'], 'education\n'],
    [['BEGIN { s = sprintf("%5.1f%%", 12.345); print s }'], ''],
    [['{ print toupper(substr($0, 1, 1)) substr($0, 2) }'], 'hello\n'],
    [['/^#/ { next } { print }'], '#c\nx\n'],
    [['BEGIN { OFS = ","; print "a", "b" }'], ''],
    [['{ lines[NR] = $0 } END { print lines[1], lines[NR] }'], 'first\nmid\nlast\n'],
  ];
    it.each(more)('more one-liners match the host awk: %j', async (args, input) => {
      if (!hasTool('awk')) return;
    const real = runReal(['awk', ...args], { stdin: input });
    const ours = await awk(args, input);
    expect({ out: ours.stdout, err: ours.stderr, st: ours.status }).toEqual({ out: real.stdout, err: real.stderr, st: real.status });
    });
});
