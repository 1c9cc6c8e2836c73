import { describe, expect, it } from 'vitest';
import { TtyPrinter } from './tty';

const ESC = '\x1b[';

/** The text a terminal shows for `out` (enough of one for these frames: cursor up/down/column, colours dropped). */
function screen(out: string): string[] {
  const rows: string[] = [''];
  let row = 0;
  let col = 0;
  const re = /\x1b\[(\??)(\d*)([ABGmlh])/y;
  for (let i = 0; i < out.length; ) {
    re.lastIndex = i;
    const m = re.exec(out);
    if (m) {
      const n = m[2] === '' ? 1 : Number(m[2]);
      if (m[3] === 'A') row = Math.max(0, row - n);
      else if (m[3] === 'B') row += n;
      else if (m[3] === 'G') col = Math.max(0, n - 1);
      i += m[0].length;
      continue;
    }
    const c = out[i++]!;
    while (rows.length <= row) rows.push('');
    if (c === '\n') {
      row++;
      col = 0;
      while (rows.length <= row) rows.push('');
    } else {
      rows[row] = rows[row]!.padEnd(col).slice(0, col) + c + rows[row]!.slice(col + 1);
      col++;
    }
  }
  return rows.slice(1).map((r) => r.trimEnd());
}

function setup(columns: number, rows: number) {
  // The command line the display starts below (at the very top a terminal clamps BuildKit's first cursor-up).
  let out = '$ docker build .\n';
  let now = 1_000_000;
  const p = new TtyPrinter(async (t) => void (out += t), () => now, () => ({ columns, rows }));
  return { p, out: () => out, tick: (ms: number) => void (now += ms) };
}

describe('BuildKit TTY display', () => {
  it('draws aligned step lines, statuses with bytes, CACHED, and FINISHED on the final screen', async () => {
    const { p, out, tick } = setup(60, 24);
    p.expect(2);
    const def = await p.vertex('[internal] load build definition from Dockerfile');
    await def.status('transferring dockerfile:', { current: 134 });
    await def.done();
    const from = await p.vertex('[1/2] FROM docker.io/library/alpine:3.20@sha256:0123456789abcdef', true);
    await from.cached();
    const run = await p.vertex('[2/2] RUN echo hi', true);
    await run.start();
    tick(300);
    await run.done();
    await p.close();
    expect(screen(out())).toEqual([
      '[+] Building 0.3s (3/3) FINISHED             docker:default',
      ' => [internal] load build definition from Dockerfile   0.0s',
      ' => => transferring dockerfile: 134B                   0.0s',
      ' => CACHED [1/2] FROM docker.io/library/alpine:3.20@s  0.0s',
      ' => [2/2] RUN echo hi                                  0.3s',
      '',
    ]);
    // Completed lines are blue; the first frame starts with the cursor up-and-down BuildKit sends.
    expect(out().startsWith(`$ docker build .\n${ESC}1A${ESC}1B${ESC}0G${ESC}?25l[+] Building 0.0s (0/3) `)).toBe(true);
    expect(out()).toContain(`${ESC}34m => [2/2] RUN echo hi                                  0.3s\n${ESC}0m`);
  });

  it('shows a running step’s last output lines under it, gone once it completes; a failure is red and not FINISHED', async () => {
    const { p, out, tick } = setup(50, 24);
    p.expect(2);
    const run = await p.vertex('[1/2] RUN ./build.sh', true);
    await run.start();
    tick(200);
    await run.log('compiling\nlinking\n');
    const live = screen(out());
    expect(live).toEqual(['[+] Building 0.2s (0/2)            docker:default', ' => [1/2] RUN ./build.sh                     0.2s', ' => => # compiling', ' => => # linking', '']);
    tick(200);
    await run.error('process "/bin/sh -c ./build.sh" did not complete successfully: exit code: 1');
    await p.close();
    expect(screen(out())).toEqual(['[+] Building 0.4s (1/2)            docker:default', ' => ERROR [1/2] RUN ./build.sh               0.4s', '', '', '']);
    expect(out()).toContain(`${ESC}31m => ERROR [1/2] RUN ./build.sh               0.4s\n${ESC}0m`);
    expect(run.logs).toEqual(['0.200 compiling', '0.200 linking']);
  });

  it('redraws at most every 100 ms, keeps the newest lines on a short terminal, and cuts long headers', async () => {
    const { p, out, tick } = setup(40, 6);
    const vs = [];
    for (let i = 1; i <= 6; i++) {
      const v = await p.vertex(`[${i}/6] RUN step ${i}`, true);
      await v.start();
      await v.done();
      vs.push(v);
    }
    // One frame only: the clock did not move.
    expect(out().split(`${ESC}?25l`).length).toBe(2);
    tick(100);
    await (await p.vertex('exporting to image')).done();
    const frames = out().split(`${ESC}?25l`).length - 1;
    expect(frames).toBe(2);
    // The live frame has room for height-2 lines: the last four.
    expect(screen(out()).slice(0, 5)).toEqual(['[+] Building 0.1s (7/7)  docker:default', ' => [4/6] RUN step 4               0.0s', ' => [5/6] RUN step 5               0.0s', ' => [6/6] RUN step 6               0.0s', ' => exporting to image             0.0s']);
    await p.close();
    const final = screen(out());
    expect(final[0]).toBe('[+] Building 0.1s (7/7) FINISHED docker:');
    expect(final.slice(1, 8)).toEqual([1, 2, 3, 4, 5, 6].map((i) => ` => [${i}/6] RUN step ${i}               0.0s`).concat([' => exporting to image             0.0s']));
  });
});

describe('BuildKit TTY display: the end', () => {
  it('draws the final screen once: what the builder prints after it stays', async () => {
    const { p, out } = setup(50, 24);
    const v = await p.vertex('[1/1] RUN exit 3', true);
    await v.start();
    await v.error('exit code: 3');
    await p.close();
    const before = out();
    await p.close();
    await v.done();
    expect(out()).toBe(before);
  });
});
