import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

/** What the official images' docker-entrypoint.sh scripts rely on in bash. */
describe('bash features entrypoints use', () => {
  it('BASH_SOURCE names the running script (empty under -c); set -Eeo pipefail is accepted', async () => {
    const tm = createTestMachine();
    tm.fs.writeFile('/tmp/entry.sh', new TextEncoder().encode('set -Eeo pipefail\necho "src=$BASH_SOURCE"\nset +E\necho ok\n'));
    expect(await runCommand(tm, ['bash', '/tmp/entry.sh'])).toMatchObject({ status: 0, stdout: 'src=/tmp/entry.sh\nok\n', stderr: '' });
    expect((await runCommand(tm, ['bash', '-c', 'echo "[$BASH_SOURCE]"'])).stdout).toBe('[]\n');
    expect((await runCommand(tm, ['sh', '-c', 'set -E'])).status).toBe(2);
  });
});
