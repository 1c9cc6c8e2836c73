import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonMarshalError, JsonSyntaxError, RawJson, compareUtf8, goMarshal, goMarshalIndent, goQuote, parseGoJson } from './json';

describe('goMarshal', () => {
  it('keeps struct order for objects and sorts map keys', () => {
    expect(goMarshal({ b: 1, a: [1, 'x'], c: undefined, d: null })).toBe('{"b":1,"a":[1,"x"],"d":null}');
    expect(goMarshal(new Map([['b', 1], ['a', 2], ['B', 3]]))).toBe('{"B":3,"a":2,"b":1}');
    expect(goMarshal(new Map([['80/tcp', {}], ['443/tcp', {}]]))).toBe('{"443/tcp":{},"80/tcp":{}}');
  });

  it('escapes like Go (HTML-safe, U+2028/9, short escapes, \\u00xx)', () => {
    expect(goMarshal('<a href="x">&</a>')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"');
    expect(goMarshal('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"');
    expect(goMarshal('\b\f\n\r\t\u0001\u001f\u007f\\')).toBe('"\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\\\\"');
    expect(goMarshal('é😀')).toBe('"é😀"');
    expect(goMarshal('\ud800x')).toBe('"\\ufffdx"');
    expect(goMarshal('<&>', { escapeHTML: false })).toBe('"<&>"');
    expect(goMarshal({ '<k>': 1 })).toBe('{"\\u003ck\\u003e":1}');
  });

  it('formats numbers like Go float64', () => {
    const cases: Array<[number | bigint, string]> = [
      [0, '0'],
      [-0, '-0'],
      [1, '1'],
      [-42, '-42'],
      [1.5, '1.5'],
      [0.1, '0.1'],
      [1e20, '100000000000000000000'],
      [1e21, '1e+21'],
      [1.5e300, '1.5e+300'],
      [0.000001, '0.000001'],
      [1e-7, '1e-7'],
      [1.25e-10, '1.25e-10'],
      [123456789.123, '123456789.123'],
      [2 ** 53, '9007199254740992'],
      [12345678901234567890n, '12345678901234567890'],
    ];
    for (const [n, want] of cases) expect(goMarshal(n)).toBe(want);
    expect(() => goMarshal(NaN)).toThrow(new JsonMarshalError('json: unsupported value: NaN'));
    expect(() => goMarshal(-Infinity)).toThrow('json: unsupported value: -Inf');
  });

  it('encodes []byte as base64 and RawMessage verbatim', () => {
    expect(goMarshal(new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1]))).toBe('"3q2+7wE="');
    expect(goMarshal(new Uint8Array([]))).toBe('""');
    expect(goMarshal({ raw: new RawJson('{"z":1,"a":2}') })).toBe('{"raw":{"z":1,"a":2}}');
  });

  it('rejects unsupported values', () => {
    expect(() => goMarshal(new Date(0) as never)).toThrow(JsonMarshalError);
  });

  it('agrees with JSON.stringify on plain data up to Go escaping', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const go = goMarshal(v as never);
        expect(JSON.stringify(JSON.parse(go))).toBe(JSON.stringify(v));
        expect(go).not.toMatch(/[<>&\u2028\u2029]/);
      }),
    );
  });
});

describe('goMarshalIndent', () => {
  it('indents like json.MarshalIndent with 4 spaces', () => {
    expect(goMarshalIndent({ a: [], b: {}, c: [1, 2], d: { e: 'x:y, "z"' } })).toBe(
      '{\n    "a": [],\n    "b": {},\n    "c": [\n        1,\n        2\n    ],\n    "d": {\n        "e": "x:y, \\"z\\""\n    }\n}',
    );
    expect(goMarshalIndent([{ Id: 'sha256:x' }], '', '    ')).toBe('[\n    {\n        "Id": "sha256:x"\n    }\n]');
    expect(goMarshalIndent({ a: 1 }, '>', '\t')).toBe('{\n>\t"a": 1\n>}');
    expect(goMarshalIndent('s')).toBe('"s"');
  });

  it('is reversible (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.stringify(JSON.parse(goMarshalIndent(v as never)))).toBe(JSON.stringify(v));
      }),
    );
  });
});

describe('parseGoJson', () => {
  it('parses valid JSON like JSON.parse', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseGoJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('accepts and rejects exactly what JSON.parse does (random near-JSON strings)', () => {
    const tokens = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"\\u00e9"', '"\\x"', '1', '-', '0', '.5', 'e3', 'true', 'nul', 'null', ' ', '\n', '"\t"');
    fc.assert(
      fc.property(fc.array(tokens, { maxLength: 12 }).map((t) => t.join('')), (text) => {
        let want: unknown;
        let ok = true;
        try {
          want = JSON.parse(text);
        } catch {
          ok = false;
        }
        if (ok) expect(parseGoJson(text)).toEqual(want);
        else expect(() => parseGoJson(text)).toThrow(JsonSyntaxError);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['', 'unexpected end of JSON input'],
    ['   ', 'unexpected end of JSON input'],
    ['{"a":1', 'unexpected end of JSON input'],
    ['[1,2', 'unexpected end of JSON input'],
    ['"abc', 'unexpected end of JSON input'],
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['-', "invalid character ' ' in numeric literal"],
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['"\\', "invalid character ' ' in string escape code"],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['-a', "invalid character 'a' in numeric literal"],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['1ex', "invalid character 'x' in exponent of numeric literal"],
    ['01', "invalid character '1' after top-level value"],
    ['{} {}', "invalid character '{' after top-level value"],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['nul!', "invalid character '!' in literal null (expecting 'l')"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
  ])('%j → %s', (text, message) => {
    let err: unknown;
    try {
      parseGoJson(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JsonSyntaxError);
    expect((err as Error).message).toBe(message);
  });

  it('keeps __proto__ as data and the last duplicate key', () => {
    const v = parseGoJson('{"__proto__":{"polluted":1},"a":1,"a":2}') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect(v.a).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decodes bytes and refuses absurd nesting', () => {
    expect(parseGoJson(new TextEncoder().encode('{"k":"é"}'))).toEqual({ k: 'é' });
    expect(() => parseGoJson('['.repeat(10_002))).toThrow('exceeded max depth');
    expect(() => parseGoJson('['.repeat(1_000_000))).toThrow('exceeded max depth');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => goMarshal(cyclic as never)).toThrow(JsonMarshalError);
  });
});

describe('helpers', () => {
  it('sorts by UTF-8 bytes, not UTF-16 units', () => {
    expect(['\uffff', '😀', 'a'].sort(compareUtf8)).toEqual(['a', '\uffff', '😀']);
    expect(goQuote('x')).toBe('"x"');
  });
});
