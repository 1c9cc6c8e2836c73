/** Long-running file programs stay interruptible: a SIGINT ends them with status 130 while they work. */
import { describe, expect, it } from 'vitest';
import { LEARNER_CRED } from '../host/users';
import { DEFAULT_PATH } from '../../engine/process/Machine';
import { CollectingWriter, emptyReader } from '../../engine/process/streams';
import { createTestMachine } from '../testing/harness';

function bigTree() {
  const tm = createTestMachine();
  tm.fs.mkdir('/tmp/big', 0o777);
  for (let d = 0; d < 40; d++) {
    tm.fs.mkdir(`/tmp/big/d${d}`, 0o777);
    for (let f = 0; f < 150; f++) tm.fs.writeFile(`/tmp/big/d${d}/f${f}`, new Uint8Array(10));
  }
  return tm;
}

async function interrupted(argv: string[]): Promise<number> {
  const tm = bigTree();
  const r = tm.machine.spawn({
    argv,
    env: new Map([['PATH', DEFAULT_PATH]]),
    cwd: '/tmp',
    cred: LEARNER_CRED,
    umask: 0o022,
    stdin: emptyReader,
    stdout: new CollectingWriter(),
    stderr: new CollectingWriter(),
    tty: null,
    ppid: 1,
  });
  if (!r.ok) throw new Error(r.failure.kind);
  // Let it start, then interrupt on a later macrotask, as a key press would arrive.
  await new Promise((res) => setTimeout(res, 5));
  r.child.kill('SIGINT');
  return r.child.exited;
}

describe('Ctrl-C', () => {
  for (const argv of [['cat', '/dev/zero'], ['find', '/tmp/big', '-exec', 'true', ';'], ['dd', 'if=/dev/zero', 'of=/dev/null'], ['md5sum', '/dev/zero'], ['base64', '/dev/zero'], ['fmt', '/dev/zero'], ['pr', '/dev/zero'], ['csplit', '/dev/zero', '5'], ['openssl', 'dgst', '/dev/zero'], ['openssl', 'base64', '-in', '/dev/zero'], ['openssl', 'rand', '-hex', '1000000000'], ['od', '/dev/zero'], ['tsort', '/dev/zero'], ['split', '/dev/zero'], ['comm', '/dev/zero', '/dev/null'], ['basenc', '--base32', '/dev/zero'], ['iconv', '-f', 'UTF-8', '-t', 'ASCII', '/dev/zero'], ['bzcat', '/dev/zero'], ['sort', '/dev/zero'], ['tac', '/dev/zero'], ['grep', 'x', '/dev/zero'], ['awk', '1', '/dev/zero']]) {
    it(argv.join(' '), async () => {
      expect(await interrupted(argv)).toBe(130);
    });
  }
});
