/**
 * Builtins that share their implementation with the standalone programs in lib/shell/programs (echo, printf,
 * test/[, kill): the shell calls the program function with its own descriptors and its message prefix.
 */
import { CollectingWriter } from '../../engine/process/streams';
import { makeEcho } from '../programs/echo';
import { makeKill } from '../programs/kill';
import { makePrintf } from '../programs/printf';
import { makeTest } from '../programs/test';
import type { ProcessContext, Program, WriteStream } from '../../engine/process/Types';
import { decodeText } from '../../engine/process/text';
import type { Shell } from '../interp/Shell';
import { complain, isName, programContext, type Builtin } from './types';

const cache = new Map<string, Program>();

/**
 * BusyBox runs these applets inside the shell (NOFORK), and they report under the shell's applet name:
 * `sh: invalid number 'abc'`, not `printf: ...`. The shared programs print `name: message`, so the shell renames.
 */
function ashStderr(sh: Shell): WriteStream {
  const inner = sh.stderr();
  return {
    isTTY: inner.isTTY,
    write: (data) => inner.write((typeof data === 'string' ? data : decodeText(data)).replace(/^(?:kill|printf|test|\[|echo): /gm, 'sh: ')),
    close: () => {},
  };
}

function context(sh: Shell, argv: string[]): ProcessContext {
  const ctx = programContext(sh, argv);
  if (sh.dialect.name === 'ash') (ctx as { stderr: WriteStream }).stderr = ashStderr(sh);
  return ctx;
}

function program(sh: Shell, name: string, make: (o: { dialect: never; errorPrefix: string }) => Program): Program {
  const prefix = sh.dialect.name === 'ash' ? '' : sh.prefix();
  const key = `${name}\0${sh.dialect.programDialect}\0${prefix}`;
  let p = cache.get(key);
  if (!p) {
    p = make({ dialect: sh.dialect.programDialect as never, errorPrefix: prefix });
    if (cache.size > 500) cache.clear();
    cache.set(key, p);
  }
  return p;
}

export const echo: Builtin = (sh, argv) => program(sh, 'echo', makeEcho)(context(sh, argv));

export const test: Builtin = (sh, argv) => program(sh, 'test', makeTest)(context(sh, argv));

/** BusyBox ash has `[[` as a test variant closed by `]]` (no pattern matching). */
export const ashDoubleBracket: Builtin = async (sh, argv) => {
  if (argv[argv.length - 1] !== ']]') {
    await complain(sh, '[[', 'missing ]]');
    return 2;
  }
  return program(sh, 'test', makeTest)(context(sh, ['test', ...argv.slice(1, -1)]));
};

export const printf: Builtin = async (sh, argv) => {
  if (argv[1] === '-v' && sh.dialect.name === 'bash') {
    const name = argv[2];
    if (name === undefined) {
      await complain(sh, 'printf', '-v: option requires an argument');
      return 2;
    }
    if (!isName(name.replace(/\[.*\]$/, ''))) {
      await complain(sh, 'printf', `\`${name}': not a valid identifier`);
      return 2;
    }
    const out = new CollectingWriter();
    const ctx = context(sh, ['printf', ...argv.slice(3)]);
    (ctx as { stdout: WriteStream }).stdout = out;
    const status = await program(sh, 'printf', makePrintf)(ctx);
    sh.setVar(name, out.text());
    return status;
  }
  return program(sh, 'printf', makePrintf)(context(sh, argv));
};

export const kill: Builtin = (sh, argv) => {
  const p = makeKill({
    dialect: sh.dialect.programDialect,
    errorPrefix: sh.dialect.name === 'ash' ? '' : sh.prefix(),
    resolveJob: (spec) => {
      const job = sh.findJob(spec);
      if (!job || job.status !== null) return null;
      return job.pgid !== sh.ctx.pgid ? [-job.pgid] : job.children.map((c) => c.pid);
    },
  });
  return p(context(sh, argv));
};
