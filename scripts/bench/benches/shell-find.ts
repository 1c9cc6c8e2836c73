import { defineBench } from '../types';
import { median, ShellDriver } from '../shell-driver';

/** `find /` over a host tree with 10,000 extra files (100 folders of 100), output to /dev/null. Reported only. */
export default defineBench({
  name: 'shell: find / over 10,000 files',
  async run() {
    const shell = await ShellDriver.start();
    try {
      const fs = shell.session.fs;
      fs.mkdir('/srv/tree', 0o755);
      for (let d = 0; d < 100; d++) {
        fs.mkdir(`/srv/tree/d${d}`, 0o755);
        for (let f = 0; f < 100; f++) fs.writeFile(`/srv/tree/d${d}/f${f}`, new TextEncoder().encode(`${d}/${f}\n`));
      }
      await shell.run('find / > /dev/null 2>&1'); // warm-up
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await shell.run('find / > /dev/null 2>&1'));
      return { files: 10_000, median_ms: median(times), max_ms: Math.max(...times) };
    } finally {
      shell.close();
    }
  },
});
