/**
 * Command-line flags as docker's CLI parses them (spf13/pflag under cobra): `--name value`, `--name=value`, `-n
 * value`, `-nvalue`, `-n=value`, bundled shorthands (`-it`, `-itd`), bool flags that take no separate value
 * (`--rm`, `--rm=false`), repeatable list flags (`-e A -e B`), `--` ending the flags, and two modes: interspersed
 * (positionals and flags mix, most commands) and non-interspersed (`docker run IMAGE CMD ARGS…`: the first
 * positional ends flag parsing).
 *
 * Errors carry pflag's wording (`unknown flag: --foo`, `unknown shorthand flag: 'z' in -z`, `flag needs an
 * argument: --name`, `invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax`,
 * `bad flag syntax: ---x`); the command layer wraps them with usage text and status 125.
 *
 * @example
 *   const set = new FlagSet([{ name: 'all', short: 'a', kind: 'bool', usage: 'Show all' }]);
 *   const r = set.parse(['-a', 'x']); // r.bool('all') === true, r.args = ['x']
 */

/** Value kinds and the type names pflag prints in help (`-n, --last int`, `-e, --env list`). */
export type FlagKind = 'bool' | 'string' | 'int' | 'duration' | 'list' | 'stringSlice' | 'filter';

export interface FlagSpec {
  readonly name: string;
  /** One character. */
  readonly short?: string;
  readonly kind: FlagKind;
  readonly usage: string;
  /** Default as pflag would print it: a string for string/duration flags, a number for ints, a bool for bools. */
  readonly default?: string | number | boolean;
  /** Not shown in help (still parsed). */
  readonly hidden?: boolean;
  /** The type name help prints when it is not the kind's (`-m, --memory bytes`, `--cpus decimal`). */
  readonly typeName?: string;
  /** Checks one value (ListOpts validators): return an error message to reject it. */
  readonly validate?: (value: string) => string | undefined;
}

/** A flag error; `message` is pflag's text. */
export class FlagError extends Error {
  override readonly name = 'FlagError';
}

export type FlagValue = boolean | string | number | readonly string[];

/** What a parse produced: values by flag name, which flags were given, and the positional arguments. */
export class ParsedFlags {
  constructor(
    private readonly _values: ReadonlyMap<string, FlagValue>,
    /** Flags given on the command line (pflag's `Changed`). */
    readonly changed: ReadonlySet<string>,
    readonly args: readonly string[],
    /** Index in `args` where `--` was seen, or -1 (pflag's ArgsLenAtDash). */
    readonly argsLenAtDash: number,
  ) {}

  private _get(name: string): FlagValue {
    const v = this._values.get(name);
    if (v === undefined) throw new RangeError(`no such flag: ${name}`);
    return v;
  }

  bool(name: string): boolean {
    return this._get(name) as boolean;
  }
  string(name: string): string {
    return this._get(name) as string;
  }
  int(name: string): number {
    return this._get(name) as number;
  }
  /** Milliseconds. */
  duration(name: string): number {
    return this._get(name) as number;
  }
  list(name: string): readonly string[] {
    return this._get(name) as readonly string[];
  }
}

// ---- value parsing (Go's strconv and time.ParseDuration) ----

/** strconv.ParseBool. */
export function parseGoBool(s: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(s)) return false;
  throw new FlagError(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}

/** strconv.ParseInt(s, 0, 64): optional sign, `0x`/`0o`/`0b`/leading-0 prefixes, `_` between digits. */
export function parseGoInt(s: string): number {
  const syntax = () => new FlagError(`strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`);
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) throw syntax();
  const body = m[2]!;
  let digits = body;
  let base = 10;
  if (/^0[xX]/.test(body)) [base, digits] = [16, body.slice(2)];
  else if (/^0[oO]/.test(body)) [base, digits] = [8, body.slice(2)];
  else if (/^0[bB]/.test(body)) [base, digits] = [2, body.slice(2)];
  else if (body.length > 1 && body[0] === '0') [base, digits] = [8, body.slice(1)];
  // Underscores only between digits (or right after a base prefix).
  if (digits.includes('_') && (/__/.test(digits) || digits.endsWith('_') || (base === 10 && digits.startsWith('_')))) throw syntax();
  const clean = digits.replace(/_/g, '');
  if (clean === '') throw syntax();
  const big = BigInt(base === 10 ? clean : `0${'xob'[[16, 8, 2].indexOf(base)]}${clean}`) * (m[1] === '-' ? -1n : 1n);
  if (big > 9223372036854775807n || big < -9223372036854775808n) {
    throw new FlagError(`strconv.ParseInt: parsing ${goQuote(s)}: value out of range`);
  }
  return Number(big);
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration, in milliseconds. */
export function parseGoDuration(s: string): number {
  const invalid = () => new FlagError(`time: invalid duration ${goQuote(s)}`);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest !== '') {
    const m = /^([0-9]*)(\.[0-9]*)?/.exec(rest)!;
    if (m[0] === '' || m[0] === '.') throw invalid();
    rest = rest.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(rest)![0];
    if (u === '') throw new FlagError(`time: missing unit in duration ${goQuote(s)}`);
    const scale = DURATION_UNITS[u];
    if (scale === undefined) throw new FlagError(`time: unknown unit ${goQuote(u)} in duration ${goQuote(s)}`);
    rest = rest.slice(u.length);
    total += Number(m[0]) * scale;
  }
  return sign * total;
}

/** Go's %q for the ASCII strings flags hold. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** encoding/csv reading of one line, as pflag's stringSlice does (`a,"b,c"` → `a`, `b,c`). */
function readCsvLine(s: string): string[] {
  if (s === '') return [];
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new FlagError(`parse error on line 1, column ${s.length + 1}: extraneous or missing " in quoted-field`);
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i++];
      }
    } else {
      while (i < s.length && s[i] !== ',') field += s[i++];
    }
    out.push(field);
    if (i >= s.length) return out;
    i++; // the comma
  }
}

/** The type name pflag shows after a flag in help (`string`, `int`, `list`...); empty for bools. */
export function flagTypeName(kind: FlagKind): string {
  switch (kind) {
    case 'bool':
      return '';
    case 'stringSlice':
      return 'strings';
    default:
      return kind;
  }
}

function initialValue(f: FlagSpec): FlagValue {
  switch (f.kind) {
    case 'bool':
      return (f.default as boolean | undefined) ?? false;
    case 'string':
      return (f.default as string | undefined) ?? '';
    case 'int':
      return (f.default as number | undefined) ?? 0;
    case 'duration':
      return f.default === undefined ? 0 : parseGoDuration(String(f.default));
    default:
      return [];
  }
}

export interface ParseOptions {
  /** false: the first positional argument ends flag parsing (`docker run IMAGE ARGS…`). Default true. */
  readonly interspersed?: boolean;
}

export class FlagSet {
  private readonly _byName = new Map<string, FlagSpec>();
  private readonly _byShort = new Map<string, FlagSpec>();

  constructor(readonly specs: readonly FlagSpec[]) {
    for (const f of specs) {
      if (this._byName.has(f.name)) throw new RangeError(`flag redefined: ${f.name}`);
      this._byName.set(f.name, f);
      if (f.short !== undefined) {
        if (f.short.length !== 1 || this._byShort.has(f.short)) throw new RangeError(`bad shorthand for ${f.name}`);
        this._byShort.set(f.short, f);
      }
    }
  }

  lookup(name: string): FlagSpec | undefined {
    return this._byName.get(name);
  }

  parse(argv: readonly string[], options: ParseOptions = {}): ParsedFlags {
    const interspersed = options.interspersed ?? true;
    const values = new Map<string, FlagValue>();
    for (const f of this.specs) values.set(f.name, initialValue(f));
    const changed = new Set<string>();
    const args: string[] = [];
    let argsLenAtDash = -1;

    const set = (f: FlagSpec, raw: string): void => {
      let v: FlagValue;
      try {
        const problem = f.validate?.(raw);
        if (problem !== undefined) throw new FlagError(problem);
        switch (f.kind) {
          case 'bool':
            v = parseGoBool(raw);
            break;
          case 'string':
            v = raw;
            break;
          case 'int':
            v = parseGoInt(raw);
            break;
          case 'duration':
            v = parseGoDuration(raw);
            break;
          case 'stringSlice': {
            const items = readCsvLine(raw);
            v = changed.has(f.name) ? [...(values.get(f.name) as string[]), ...items] : items;
            break;
          }
          case 'filter':
            if (!raw.includes('=')) throw new FlagError('bad format of filter (expected name=value)');
            v = [...(values.get(f.name) as string[]), raw];
            break;
          case 'list':
            v = [...(values.get(f.name) as string[]), raw];
            break;
        }
      } catch (e) {
        if (!(e instanceof FlagError)) throw e;
        const shown = f.short !== undefined ? `-${f.short}, --${f.name}` : `--${f.name}`;
        throw new FlagError(`invalid argument ${goQuote(raw)} for ${goQuote(shown)} flag: ${e.message}`);
      }
      values.set(f.name, v);
      changed.add(f.name);
    };

    let i = 0;
    while (i < argv.length) {
      const s = argv[i++]!;
      if (s.length < 2 || s[0] !== '-') {
        args.push(s);
        if (!interspersed) {
          args.push(...argv.slice(i));
          break;
        }
        continue;
      }
      if (s[1] === '-') {
        if (s.length === 2) {
          argsLenAtDash = args.length;
          args.push(...argv.slice(i));
          break;
        }
        const body = s.slice(2);
        if (body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
        const eq = body.indexOf('=');
        const name = eq < 0 ? body : body.slice(0, eq);
        const f = this._byName.get(name);
        if (!f) throw new FlagError(`unknown flag: --${name}`);
        if (eq >= 0) set(f, body.slice(eq + 1));
        else if (f.kind === 'bool') set(f, 'true');
        else if (i < argv.length) set(f, argv[i++]!);
        else throw new FlagError(`flag needs an argument: ${s}`);
        continue;
      }
      // Shorthands: `-abc`, `-ovalue`, `-o=value`, `-o value`.
      let shorts = s.slice(1);
      while (shorts.length > 0) {
        const c = shorts[0]!;
        const f = this._byShort.get(c);
        if (!f) throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
        if (shorts.length > 2 && shorts[1] === '=') {
          set(f, shorts.slice(2));
          shorts = '';
        } else if (f.kind === 'bool') {
          set(f, 'true');
          shorts = shorts.slice(1);
        } else if (shorts.length > 1) {
          set(f, shorts.slice(1));
          shorts = '';
        } else if (i < argv.length) {
          set(f, argv[i++]!);
          shorts = '';
        } else {
          throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`);
        }
      }
    }
    return new ParsedFlags(values, changed, args, argsLenAtDash);
  }

  /**
   * pflag's FlagUsagesWrapped: one line per visible flag sorted by name, `  -s, --name type` or `      --name
   * type`, usages aligned after the longest left part and wrapped to `cols`, ` (default …)` when not zero.
   */
  usages(cols = 79): string {
    const visible = [...this.specs].filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const lines: Array<[string, string]> = [];
    let maxlen = 0;
    for (const f of visible) {
      let left = f.short !== undefined ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
      const type = f.typeName ?? flagTypeName(f.kind);
      if (type !== '') left += ` ${type}`;
      maxlen = Math.max(maxlen, left.length + 1);
      let usage = f.usage;
      const d = f.default;
      if (d !== undefined && d !== false && d !== '' && d !== 0 && d !== '0s') {
        usage += f.kind === 'string' ? ` (default ${goQuote(String(d))})` : ` (default ${String(d)})`;
      }
      lines.push([left, usage]);
    }
    let out = '';
    for (const [left, usage] of lines) {
      const spacing = ' '.repeat(maxlen - left.length);
      out += `${left} ${spacing} ${wrapUsage(maxlen + 2, cols, usage)}\n`;
    }
    return out;
  }
}

/** pflag's wrapN: split `s` at the last whitespace before `i` runes (may run `slop` over to avoid orphans). */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap: indent continuation lines by `indent`, wrap at `cols` (0: no wrapping, only newlines indented). */
function wrapUsage(indent: number, cols: number, s: string): string {
  const nlIndent = (t: string, n: number) => t.split('\n').join(`\n${' '.repeat(n)}`);
  if (cols === 0) return nlIndent(s, indent);
  let wrap = cols - indent;
  let r = '';
  let i = indent;
  if (wrap < 24) {
    i = 16;
    wrap = cols - i;
    r += `\n${' '.repeat(i)}`;
  }
  if (wrap < 24) return s.split('\n').join(r);
  const slop = 5;
  wrap -= slop;
  let [l, rest] = wrapN(wrap, slop, s);
  r += nlIndent(l, i);
  while (rest !== '') {
    let t: string;
    [t, rest] = wrapN(wrap, slop, rest);
    r += `\n${' '.repeat(i)}${nlIndent(t, i)}`;
  }
  return r;
}
