import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pty } from './Pty';
import { Screen } from './testing/Screen';

/** Keys and what they do to a (text, cursor) model of the line. */
const KEYS: Record<string, (t: string[], c: number) => [string[], number]> = {
  '\x1b[D': (t, c) => [t, Math.max(0, c - 1)],
  '\x1b[C': (t, c) => [t, Math.min(t.length, c + 1)],
  '\x01': (t) => [t, 0],
  '\x05': (t) => [t, t.length],
  '\x7f': (t, c) => (c > 0 ? [[...t.slice(0, c - 1), ...t.slice(c)], c - 1] : [t, c]),
  '\x1b[3~': (t, c) => (c < t.length ? [[...t.slice(0, c), ...t.slice(c + 1)], c] : [t, c]),
  '\x0b': (t, c) => [t.slice(0, c), c],
  '\x15': (t, c) => [t.slice(c), 0],
};

const key = fc.oneof(
  fc.constantFrom(...Object.keys(KEYS)),
  fc.constantFrom('a', 'b', 'x', ' ', '日', '本', 'é', '🙂', 'long-word'),
);

describe('line editor redraw (property)', () => {
  it('the screen always shows prompt + line with the cursor in the right cell', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: 14 }), fc.array(key, { maxLength: 40 }), async (columns, keys) => {
        const pty = new Pty({ columns, rows: 60 });
        const screen = new Screen(columns, 60);
        pty.onOutput((s) => screen.write(s));
        const done = pty.readLine({ prompt: '$ ' });
        let text: string[] = [];
        let cursor = 0;
        for (const k of keys) {
          pty.input(k);
          const op = KEYS[k];
          if (op) [text, cursor] = op(text, cursor);
          else {
            const cps = Array.from(k);
            text = [...text.slice(0, cursor), ...cps, ...text.slice(cursor)];
            cursor += cps.length;
          }
        }
        await new Promise((r) => setTimeout(r, 0));
        const expected = new Screen(columns, 60);
        expected.write('$ ' + text.join(''));
        expect(screen.text()).toEqual(expected.text());
        const at = new Screen(columns, 60);
        at.write('$ ' + text.slice(0, cursor + 1).join(''));
        const want = cursor < text.length ? at.lastPut! : at.cursor();
        expect(screen.cursor()).toEqual(want);
        pty.input('\r');
        expect(await done).toEqual({ kind: 'line', text: text.join('') });
      }),
      { numRuns: 300 },
    );
  });
});
