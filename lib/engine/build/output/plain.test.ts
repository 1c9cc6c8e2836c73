import { describe, expect, it } from 'vitest';
import { logTime, PlainPrinter, sourceExcerpt } from './plain';

describe('BuildKit plain printer', () => {
  it('formats log times with 3, 2 or 1 decimals', () => {
    expect(logTime(0.2125)).toBe('0.212');
    expect(logTime(12.345)).toBe('12.35');
    expect(logTime(123.45)).toBe('123.5');
  });

  it('numbers vertices, separates blocks, splits output into lines and marks interrupted blocks', async () => {
    let out = '';
    let now = 1000;
    const p = new PlainPrinter(async (t) => void (out += t), () => now);
    await p.preamble('#0 building with "default" instance using docker driver\n');
    const a = await p.vertex('[1/2] RUN a');
    await a.start();
    now += 250;
    await a.log('one\ntw');
    const b = await p.vertex('[internal] load build context');
    await b.status('transferring context:', { current: 2 });
    await b.done();
    await a.log('o\n');
    now += 1000;
    await a.done();
    expect(out).toBe(
      '#0 building with "default" instance using docker driver\n\n#1 [1/2] RUN a\n#1 0.250 one\n#1 ...\n\n#2 [internal] load build context\n#2 transferring context: 2B done\n#2 DONE 0.0s\n\n#1 [1/2] RUN a\n#1 0.250 two\n#1 DONE 1.2s\n',
    );
    expect(a.logs).toEqual(['0.250 one', '0.250 two']);
  });

  it('shows the failing lines with up to four lines of context', () => {
    const text = 'FROM alpine\nCOPY a /a\nRUN exit 3\n';
    expect(sourceExcerpt('Dockerfile', text, 3, 3)).toBe(
      'Dockerfile:3\n--------------------\n   1 |     FROM alpine\n   2 |     COPY a /a\n   3 | >>> RUN exit 3\n   4 |     \n--------------------\n',
    );
    const long = Array.from({ length: 12 }, (_, i) => `RUN echo ${i + 1}`).join('\n');
    expect(sourceExcerpt('Dockerfile', long, 6, 7).split('\n').slice(2, -2)).toEqual([
      '   5 |     RUN echo 5',
      '   6 | >>> RUN echo 6',
      '   7 | >>> RUN echo 7',
      '   8 |     RUN echo 8',
    ]);
  });
});
