import { describe, expect, test } from 'vitest';
import { CollectingWriter, Pipe, bytesReader } from '../../../engine/process/streams';
import { yieldNow } from '../../../engine/process/scheduler';
import { ROOT } from '../../../engine/fs/Types';
import { createTestMachine, runCommand } from '../../testing/harness';

const tm = createTestMachine();
const INTERACTIVE_END = 'for more information.\n';
const run = (argv: string[], stdin = '') => runCommand(tm, argv, { flavor: 'gnu', stdin });
const file = (path: string, text: string) => tm.fs.writeFile(path, new TextEncoder().encode(text), { mode: 0o644 });

describe('python2 and python3 -c: the same code, each version where a learner notices', () => {
  test('print statement vs function, integer division, float str(), longs, type names', async () => {
    const code2 = 'print "hi"; print("a", "b"); print 7/2, 7//2, 7.0/2, -7/2; print 0.1+0.2, repr(0.1+0.2), 1/3.0; print 2**100, repr(2**100); print type(1), type("s")';
    expect(await run(['python2', '-c', code2])).toMatchObject({
      status: 0,
      stdout: "hi\n('a', 'b')\n3 3 3.5 -4\n0.3 0.30000000000000004 0.333333333333\n1267650600228229401496703205376 1267650600228229401496703205376L\n<type 'int'> <type 'str'>\n",
      stderr: '',
    });
    const code3 = 'print("a", "b"); print(7/2, 7//2, -7//2); print(0.1+0.2, 1/3.0, 1e16, 1e-5, 2.0); print(2**100, type(1), type("s"))';
    expect(await run(['python3', '-c', code3])).toMatchObject({
      status: 0,
      stdout: "a b\n3.5 3 -4\n0.30000000000000004 0.3333333333333333 1e+16 1e-05 2.0\n1267650600228229401496703205376 <class 'int'> <class 'str'>\n",
    });
  });

  test('loops, functions, lists, dicts and formatting', async () => {
    const code = 'def fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\nfor i in range(3): print i,\nprint\nsq = [i * i for i in range(6) if i % 2 == 0]\nd = {"name": "Bob", "age": 30}\nprint sq, i, d["name"], len(d)\nprint "%s is %d (%.2f)" % (d["name"], d["age"], 2.5)\nprint "{} and {x}".format(fact(20), x="y"), " ".join(["a", "b"]).upper()';
    expect(await run(['python2', '-c', code])).toMatchObject({ status: 0, stdout: '0 1 2\n[0, 4, 16] 5 Bob 2\nBob is 30 (2.50)\n2432902008176640000 and y A B\n' });
    expect(await run(['python3', '-c', 'name = "World"\nprint(f"Hello, {name}!", "{:>5}|{:.3f}".format(42, 2/3), sep=" -- ")'])).toMatchObject({ stdout: 'Hello, World! --    42|0.667\n' });
  });

  test('tracebacks and exit statuses carry each version\'s messages', async () => {
    const tb = (msg: string, line = 1) => `Traceback (most recent call last):\n  File "<string>", line ${line}, in <module>\n${msg}\n`;
    expect(await run(['python2', '-c', 'print x'])).toMatchObject({ status: 1, stdout: '', stderr: tb("NameError: name 'x' is not defined") });
    expect(await run(['python2', '-c', 'print "a" + 1'])).toMatchObject({ status: 1, stderr: tb("TypeError: cannot concatenate 'str' and 'int' objects") });
    expect(await run(['python3', '-c', 'print("a" + 1)'])).toMatchObject({ status: 1, stderr: tb('TypeError: can only concatenate str (not "int") to str') });
    expect(await run(['python2', '-c', 'import flask'])).toMatchObject({ status: 1, stderr: tb('ImportError: No module named flask') });
    expect(await run(['python3', '-c', 'import flask'])).toMatchObject({ status: 1, stderr: tb("ModuleNotFoundError: No module named 'flask'") });
    expect(await run(['python3', '-c', 'print(1/0)'])).toMatchObject({ status: 1, stderr: tb('ZeroDivisionError: division by zero') });
    expect(await run(['python2', '-c', 'def g():\n    return 1/0\ng()'])).toMatchObject({
      status: 1,
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 3, in <module>\n  File "<string>", line 2, in g\nZeroDivisionError: integer division or modulo by zero\n',
    });
    expect(await run(['python3', '-c', 'print "hi"'])).toMatchObject({
      status: 1,
      stderr: '  File "<string>", line 1\n    print "hi"\n    ^^^^^^^^^^\nSyntaxError: Missing parentheses in call to \'print\'. Did you mean print(...)?\n',
    });
    expect(await run(['python2', '-c', 'import sys; sys.exit(3)'])).toMatchObject({ status: 3, stderr: '' });
    expect(await run(['python3', '-c', 'import sys; sys.exit("bye")'])).toMatchObject({ status: 1, stderr: 'bye\n' });
  });

  test('-V prints on stderr in Python 2 and stdout in Python 3; bad options print the usage', async () => {
    expect(await run(['python2', '-V'])).toMatchObject({ status: 0, stdout: '', stderr: 'Python 2.7.18\n' });
    expect(await run(['python3', '--version'], '')).toMatchObject({ status: 0, stdout: 'Python 3.11.2\n', stderr: '' });
    expect(await run(['python2', '-z'])).toMatchObject({ status: 2, stderr: "Unknown option: -z\nusage: python2 [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `python -h' for more information.\n" });
    expect(await run(['python2', '-c', 'import sys; print sys.version; print sys.platform'])).toMatchObject({ stdout: '2.7.18 (default, Apr 20 2020, 19:27:10) \n[GCC 8.3.0]\nlinux2\n' });
  });

  test('what the subset does not run is said plainly, not faked', async () => {
    expect(await run(['python2', '-c', 'class A: pass'])).toMatchObject({ status: 1, stderr: "python2: the 'class' statement is not available in this simulation\n" });
    expect(await run(['python3', '-m', 'http.server'])).toMatchObject({ status: 1, stderr: 'python3: -m http.server is not available in this simulation\n' });
  });
});

describe('try/except/else/finally and raise', () => {
  test('handlers match by class hierarchy; as/Python 2 comma binding; bare raise re-raises; uncaught custom raise', async () => {
    const code2 = 'try:\n    1/0\nexcept (KeyError, ArithmeticError), e:\n    print "caught", e, repr(e)\nelse:\n    print "no"\nfinally:\n    print "done"\ntry:\n    {}["k"]\nexcept LookupError as e:\n    print type(e), e\nraise ValueError("bad value")';
    expect(await run(['python2', '-c', code2])).toMatchObject({
      status: 1,
      stdout: "caught integer division or modulo by zero ZeroDivisionError('integer division or modulo by zero',)\ndone\n<type 'exceptions.KeyError'> 'k'\n",
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 13, in <module>\nValueError: bad value\n',
    });
    const code3 = 'try:\n    int("x")\nexcept Exception as e:\n    print(repr(e))\ntry:\n    try:\n        undefined\n    except NameError:\n        raise\nexcept Exception as e:\n    print("outer", e)\ntry:\n    pass\nexcept ValueError:\n    pass\nelse:\n    print("else ran")';
    expect(await run(['python3', '-c', code3])).toMatchObject({ status: 0, stdout: "ValueError(\"invalid literal for int() with base 10: 'x'\")\nouter name 'undefined' is not defined\nelse ran\n" });
  });
});

describe('scripts', () => {
  test('a script file: argv, tracebacks quoting source lines (Python 3 with its carets and absolute path)', async () => {
    file('/home/learner/app.py', 'import sys\n\ndef half(n):\n    return n / 0\n\nprint "args:", sys.argv\nhalf(4)\n');
    expect(await run(['python2', 'app.py', 'x'])).toMatchObject({
      status: 1,
      stdout: "args: ['app.py', 'x']\n",
      stderr: 'Traceback (most recent call last):\n  File "app.py", line 7, in <module>\n    half(4)\n  File "app.py", line 4, in half\n    return n / 0\nZeroDivisionError: integer division or modulo by zero\n',
    });
    file('/home/learner/app3.py', 'import sys\n\ndef half(n):\n    return n / 0\n\nprint("args:", sys.argv)\nx = int("abc") if len(sys.argv) > 1 else half(4)\n');
    expect(await run(['python3', 'app3.py'])).toMatchObject({
      status: 1,
      stderr:
        'Traceback (most recent call last):\n  File "/home/learner/app3.py", line 7, in <module>\n    x = int("abc") if len(sys.argv) > 1 else half(4)\n                                             ^^^^^^^\n' +
        '  File "/home/learner/app3.py", line 4, in half\n    return n / 0\n           ~~^~~\nZeroDivisionError: division by zero\n',
    });
    expect(await run(['python3', 'app3.py', 'y'])).toMatchObject({
      stderr: 'Traceback (most recent call last):\n  File "/home/learner/app3.py", line 7, in <module>\n    x = int("abc") if len(sys.argv) > 1 else half(4)\n        ^^^^^^^^^^\nValueError: invalid literal for int() with base 10: \'abc\'\n',
    });
  });

  test("a missing script: Python 2 names it as given, Python 3 by its absolute path; exit 2", async () => {
    expect(await run(['python2', 'nope.py'])).toMatchObject({ status: 2, stderr: "python2: can't open file 'nope.py': [Errno 2] No such file or directory\n" });
    expect(await run(['python3', 'nope.py'])).toMatchObject({ status: 2, stderr: "python3: can't open file '/home/learner/nope.py': [Errno 2] No such file or directory\n" });
  });

  test('a program on stdin, with raw_input reading the rest', async () => {
    expect(await run(['python2'], 'x = 6\nprint x * 7\n')).toMatchObject({ status: 0, stdout: '42\n' });
    expect(await run(['python3', '-c', 'n = input("name? ")\nprint("hi", n)'], 'Ada\n')).toMatchObject({ stdout: 'name? hi Ada\n' });
  });
});

describe('stdout buffering', () => {
  test('into a pipe stdout is held back until exit (after the traceback), unless -u or PYTHONUNBUFFERED', async () => {
    const code = "import sys; print 1; sys.stdout.write('a'); y";
    const tb = "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nNameError: name 'y' is not defined\n";
    expect((await runCommand(tm, ['bash', '-c', `python2 -c "${code}" 2>&1 | cat`])).stdout).toBe(`${tb}1\na`);
    expect((await runCommand(tm, ['bash', '-c', `python2 -u -c "${code}" 2>&1 | cat`])).stdout).toBe(`1\na${tb}`);
    expect((await runCommand(tm, ['bash', '-c', `PYTHONUNBUFFERED=1 python3 -c "import sys; print(1); sys.stdout.flush; y" 2>&1 | cat`])).stdout).toBe(`1\n${tb}`);
    expect((await runCommand(tm, ['bash', '-c', `python3 -c "import sys; print(1, flush=True); y" 2>&1 | cat`])).stdout).toBe(`1\n${tb}`);
  });
});

describe('the Python 2.7 prompt', () => {
  test('banner on stderr, >>> and ... prompts, values echoed, tracebacks from <stdin>, exit()', async () => {
    const stdin = bytesReader('1 + 1\nfor i in range(2):\n    print i\n\nprint undefined_name\nformat = "a"\nformat\nexit()\n');
    Object.defineProperty(stdin, 'isTTY', { value: true });
    const stdout = new CollectingWriter({ isTTY: true });
    const stderr = new CollectingWriter();
    const program = tm.registry.get('python2')!;
    const status = await tm.machine.start(program, { argv: ['python'], env: new Map([['PATH', '/usr/bin']]), cwd: '/', cred: ROOT, umask: 0o22, stdin, stdout, stderr, tty: null, ppid: 1, flavor: 'gnu' }).exited;
    expect(status).toBe(0);
    expect(stdout.text()).toBe(">>> 2\n>>> ... ... 0\n1\n>>> >>> >>> 'a'\n>>> ");
    expect(stderr.text()).toBe(
      'Python 2.7.18 (default, Apr 20 2020, 19:27:10) \n[GCC 8.3.0] on linux2\nType "help", "copyright", "credits" or "license" for more information.\n' +
        "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nNameError: name 'undefined_name' is not defined\n",
    );
  });

  test('Ctrl-C: KeyboardInterrupt at the prompt asks again; in running code it is a traceback; Ctrl-D ends', async () => {
    const pipe = new Pipe();
    const input = pipe.writer();
    const stdin = pipe.reader();
    Object.defineProperty(stdin, 'isTTY', { value: true });
    const stdout = new CollectingWriter({ isTTY: true });
    const stderr = new CollectingWriter();
    const child = tm.machine.start(tm.registry.get('python2')!, { argv: ['python'], env: new Map([['PATH', '/usr/bin']]), cwd: '/', cred: ROOT, umask: 0o22, stdin, stdout, stderr, tty: null, ppid: 1, flavor: 'gnu' });
    const settle = async () => {
      for (let i = 0; i < 50; i++) await yieldNow();
    };
    await settle();
    child.kill('SIGINT');
    await settle();
    await input.write('while True: pass\n\n');
    await settle();
    child.kill('SIGINT');
    await settle();
    await input.write('print "still here"\n');
    input.close();
    expect(await child.exited).toBe(0);
    expect(stdout.text()).toBe('>>> >>> ... >>> still here\n>>> \n');
    expect(stderr.text().split(INTERACTIVE_END)[1]).toBe('\nKeyboardInterrupt\nTraceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nKeyboardInterrupt\n');
  });
});
