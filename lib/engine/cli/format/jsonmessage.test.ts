import { describe, expect, it } from 'vitest';
import { JsonMessageDisplay, progressString, type JsonMessage } from './jsonmessage';

/** The final screen of a terminal fed `text` (only what the display uses: \n, \r, ESC[nA, ESC[nB, ESC[2K). */
function screen(text: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\x1b') {
      const m = /^\x1b\[(\d*)([ABK])/.exec(text.slice(i))!;
      const n = Number(m[1] || '1');
      if (m[2] === 'A') row = Math.max(0, row - n);
      else if (m[2] === 'B') row += n;
      else lines[row] = '';
      while (lines.length <= row) lines.push('');
      i += m[0].length - 1;
    } else if (c === '\n') {
      row++;
      col = 0;
      while (lines.length <= row) lines.push('');
    } else if (c === '\r') col = 0;
    else {
      const l = lines[row]!.padEnd(col);
      lines[row] = l.slice(0, col) + c + l.slice(col + 1);
      col++;
    }
  }
  return lines.map((l) => l.trimEnd());
}

const PULL: JsonMessage[] = [
  { id: 'latest', status: 'Pulling from library/ubuntu' },
  { id: 'aaaaaaaaaaaa', status: 'Already exists', progress: {} },
  { id: 'bbbbbbbbbbbb', status: 'Pulling fs layer', progress: {} },
  { id: 'cccccccccccc', status: 'Pulling fs layer', progress: {} },
  { id: 'bbbbbbbbbbbb', status: 'Downloading', progress: { current: 10_000_000, total: 29_500_000 } },
  { id: 'cccccccccccc', status: 'Downloading', progress: { current: 500, total: 1000 } },
  { id: 'bbbbbbbbbbbb', status: 'Download complete', progress: {} },
  { id: 'cccccccccccc', status: 'Download complete', progress: {} },
  { id: 'bbbbbbbbbbbb', status: 'Extracting', progress: { current: 29_500_000, total: 29_500_000 } },
  { id: 'bbbbbbbbbbbb', status: 'Pull complete', progress: {} },
  { id: 'cccccccccccc', status: 'Pull complete', progress: {} },
  { status: 'Digest: sha256:abc' },
  { status: 'Status: Downloaded newer image for ubuntu:latest' },
];

async function render(terminal: boolean, width = 80): Promise<string> {
  let out = '';
  const d = new JsonMessageDisplay(async (t) => void (out += t), terminal, width, () => 0);
  for (const m of PULL) await d.show(m);
  return out;
}

describe('progress display (jsonmessage)', () => {
  it('on a terminal, each layer keeps one line rewritten in place; the final screen is the statuses', async () => {
    expect(screen(await render(true))).toEqual([
      'latest: Pulling from library/ubuntu',
      'aaaaaaaaaaaa: Already exists',
      'bbbbbbbbbbbb: Pull complete',
      'cccccccccccc: Pull complete',
      'Digest: sha256:abc',
      'Status: Downloaded newer image for ubuntu:latest',
      '',
    ]);
  });

  it('off a terminal, byte counts are dropped and the rest print one per line', async () => {
    expect(await render(false)).toBe(
      [
        'latest: Pulling from library/ubuntu',
        'aaaaaaaaaaaa: Already exists',
        'bbbbbbbbbbbb: Pulling fs layer',
        'cccccccccccc: Pulling fs layer',
        'bbbbbbbbbbbb: Download complete',
        'cccccccccccc: Download complete',
        'bbbbbbbbbbbb: Pull complete',
        'cccccccccccc: Pull complete',
        'Digest: sha256:abc',
        'Status: Downloaded newer image for ubuntu:latest',
        '',
      ].join('\n'),
    );
  });

  it('progress text: numbers only up to 110 columns, a 50-cell bar above, time left while under half', () => {
    expect(progressString({ current: 10_000_000, total: 29_500_000 }, 80, 0)).toBe('    10MB/29.5MB');
    expect(progressString({ current: 10_000_000, total: 29_500_000 }, 120, 0)).toBe(`[================>${' '.repeat(34)}]     10MB/29.5MB`);
    expect(progressString({ current: 10_000_000, total: 29_500_000, startMs: 0 }, 120, 2000)).toBe(`[================>${' '.repeat(34)}]     10MB/29.5MB 3s`);
    expect(progressString({}, 120, 0)).toBe('');
    expect(progressString({ current: 2048 }, 80, 0)).toBe(' 2.048kB');
  });
});
