import { defineBench } from '../types';
import { median, ShellDriver, sleep } from '../shell-driver';

/**
 * Ctrl-C under a CPU-bound loop: from the Ctrl-C byte entering the pty to the prompt printed again. The budget is
 * on the worst of the trials: a learner notices the slow one.
 */
export default defineBench({
  name: 'shell: Ctrl-C under a busy loop',
  budget: { metric: 'max_ms', max: 100, unit: 'ms' },
  async run() {
    const shell = await ShellDriver.start();
    try {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        shell.start('while :; do :; done');
        await sleep(200);
        if (!shell.busy) throw new Error('the loop was not running when Ctrl-C was sent');
        times.push(await shell.interrupt(5_000));
      }
      return { trials: times.length, median_ms: median(times), max_ms: Math.max(...times) };
    } finally {
      shell.close();
    }
  },
});
