import { defineBench } from '../types';
import { median, ShellDriver } from '../shell-driver';

/** Per-line latency of `true` at the interactive prompt: Enter to the next prompt. */
export default defineBench({
  name: 'shell: `true` per line',
  budget: { metric: 'median_ms', max: 1, unit: 'ms' },
  async run() {
    const shell = await ShellDriver.start();
    try {
      for (let i = 0; i < 50; i++) await shell.run('true'); // warm-up: JIT, caches
      const times: number[] = [];
      for (let i = 0; i < 500; i++) times.push(await shell.run('true'));
      times.sort((a, b) => a - b);
      return { lines: times.length, median_ms: median(times), p95_ms: times[Math.floor(times.length * 0.95)] ?? NaN };
    } finally {
      shell.close();
    }
  },
});
