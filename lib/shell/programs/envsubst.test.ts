import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
const ENV = { NAME: 'web', PORT: '8080', EMPTY: '' };
const run = (args: string[], stdin = '') => runCommand(tm, ['envsubst', ...args], { stdin, env: ENV });

const TEMPLATE = 'server { listen ${PORT}; server_name $NAME.local; root /srv/${NAME}_x; }\n';
// Everything gettext's scanner leaves alone: defaults, positional and special parameters, unterminated braces.
const EDGES = 'x $ ${ ${NAME ${NAME:-d} $1 $$ $NAME_x ${NAME}c \\$NAME $UNSET ${EMPTY}. $PORT$PORT\nno newline $PORT';

describe('envsubst', () => {
  it('replaces $VAR and ${VAR} from the environment, unset ones with nothing, leaves other $ text alone', async () => {
    expect(await run([], TEMPLATE)).toMatchObject({ status: 0, stdout: 'server { listen 8080; server_name web.local; root /srv/web_x; }\n', stderr: '' });
    expect((await run([], EDGES)).stdout).toBe('x $ ${ ${NAME ${NAME:-d} $1 $$  webc \\web  . 80808080\nno newline 8080');
  });

  it('with SHELL-FORMAT substitutes only the variables it names; -v lists them', async () => {
    expect((await run(['$PORT'], TEMPLATE)).stdout).toBe('server { listen 8080; server_name $NAME.local; root /srv/${NAME}_x; }\n');
    expect((await run(['${NAME} $UNSET'], '$NAME $PORT $UNSET.\n')).stdout).toBe('web $PORT .\n');
    expect(await run(['-v', '$A ${B} $A $1 ${C'])).toMatchObject({ status: 0, stdout: 'A\nB\nA\n' });
    expect((await run(['x', '-v'])).stdout).toBe('');
  });

  it("GNU's option errors and informative output", async () => {
    expect(await run(['-v'])).toMatchObject({ status: 1, stdout: '', stderr: 'envsubst: missing arguments\n' });
    expect(await run(['a', 'b'])).toMatchObject({ status: 1, stderr: 'envsubst: too many arguments\n' });
    expect(await run(['--v'])).toMatchObject({ status: 1, stderr: "envsubst: option '--v' is ambiguous; possibilities: '--variables' '--version'\nTry 'envsubst --help' for more information.\n" });
    expect(await run(['-x'])).toMatchObject({ status: 1, stderr: "envsubst: invalid option -- 'x'\nTry 'envsubst --help' for more information.\n" });
    expect((await run(['--vers'])).stdout).toMatch(/^envsubst \(GNU gettext-runtime\) 0\.21\n/);
    expect((await run(['-h', 'x'])).stdout).toMatch(/^Usage: envsubst \[OPTION\] \[SHELL-FORMAT\]\n/);
  });

  it('matches GNU envsubst', async () => {
    if (!hasTool('envsubst')) return;
    const cases: Array<[string[], string]> = [
      [[], TEMPLATE],
      [[], EDGES],
      [['$PORT ${UNSET}'], TEMPLATE + EDGES],
      [['-v', '$A ${B} $A $1 ${C ${D}'], ''],
      [['x', '-v'], ''],
      [['-v'], ''],
      [['a', 'b'], ''],
      [['--bogus'], ''],
      [['-x'], ''],
      [['--v'], ''],
      [['--help=x'], ''],
      [['--va'], ''],
      [['-vV'], ''],
      [['--help'], ''],
      [['--', '-v'], '$v'],
    ];
    for (const [args, stdin] of cases) {
      const real = runReal(['envsubst', ...args], { stdin, env: ENV });
      expect({ args, ...(await run(args, stdin)) }).toMatchObject({ args, status: real.status, stdout: real.stdout, stderr: real.stderr });
    }
  });
});
