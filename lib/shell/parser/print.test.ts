import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Parser } from './Parser';
import { printFunction, printList } from './print';

/** Random scripts built from the grammar (so they parse), nested a few levels. */
const word = fc.constantFrom('echo', 'a', '"b c"', "'d'", '$x', '${y:-z}', '$(e f)', '`g`', '$((1+2))', '*.txt', '~/h', '<(e f)', '>(g; h)');
const simple = fc.tuple(fc.array(fc.constantFrom('X=1', 'Y=$x'), { maxLength: 1 }), fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom('>out', '2>&1', '<in', '>>log'), { maxLength: 2 })).map(([a, w, r]) => [...a, 'cmd', ...w, ...r].join(' '));
const script: fc.Arbitrary<string> = fc.letrec<{ cmd: string; list: string }>((tie) => ({
  cmd: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    simple,
    tie('list').map((l) => `{ ${l}; }`),
    tie('list').map((l) => `( ${l} )`),
    fc.tuple(tie('list'), tie('list')).map(([c, b]) => `if ${c}; then ${b}; fi`),
    fc.tuple(tie('list'), tie('list'), tie('list')).map(([c, b, e]) => `if ${c}; then ${b}; elif ${c}; then ${b}; else ${e}; fi`),
    fc.tuple(tie('list'), tie('list')).map(([c, b]) => `while ${c}; do ${b}; done`),
    tie('list').map((b) => `for i in 1 2; do ${b}; done`),
    tie('list').map((b) => `case $x in a|b) ${b};; *) ;; esac`),
  ),
  list: fc
    .array(fc.tuple(tie('cmd'), fc.constantFrom(' | ', ' && ', ' || ', '; ')), { minLength: 1, maxLength: 3 })
    .map((xs) => xs.map(([c, op], i) => (i < xs.length - 1 ? c + op : c)).join('')),
})).list;

describe('printer', () => {
  it('prints what it parses so that printing again gives the same text (property)', () => {
    fc.assert(
      fc.property(script, (src) => {
        const once = printList(Parser.parse(src));
        const twice = printList(Parser.parse(once));
        expect(twice).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it('prints functions in bash layout', () => {
    const [item] = Parser.parse('f() { echo a; if true; then echo b; fi; }');
    const fn = item!.andOr.first.commands[0]!;
    if (fn.type !== 'funcdef') throw new Error('not a function');
    expect(printFunction('f', fn.body)).toBe('f () \n{ \n    echo a;\n    if true; then\n        echo b;\n    fi\n}');
  });
});
