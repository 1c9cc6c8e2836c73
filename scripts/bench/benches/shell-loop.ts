import { defineBench } from '../types';
import { median, ShellDriver } from '../shell-driver';

/** A 10,000-iteration arithmetic loop in the shell, from Enter to the next prompt. */
export default defineBench({
  name: 'shell: 10,000-iteration loop',
  budget: { metric: 'median_ms', max: 100, unit: 'ms' },
  async run() {
    const shell = await ShellDriver.start();
    try {
      const loop = 'i=0; while [ "$i" -lt 10000 ]; do i=$((i+1)); done';
      await shell.run(loop); // warm-up
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await shell.run(loop));
      return { iterations: 10_000, median_ms: median(times), max_ms: Math.max(...times) };
    } finally {
      shell.close();
    }
  },
});
