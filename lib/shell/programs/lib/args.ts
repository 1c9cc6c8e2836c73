/**
 * Command-line option parsing in the getopt_long style both GNU coreutils and BusyBox use: bundled short options
 * (`-la`), short options with attached or separate values (`-m755`, `-m 755`), long options with unique-prefix
 * matching (`--rec` for `--recursive`), `--opt=value`, `--` ending options, and permutation (options after operands
 * still count, as glibc's getopt does unless POSIXLY_CORRECT is set). A lone `-` is an operand.
 *
 * Parsing never prints; `reportUsageError` (in tool.ts) turns an `ArgError` into the tool's wording.
 */

export type ArgKind = 'none' | 'required' | 'optional';

export interface LongOption {
  /** The key the option is recorded under (often the equivalent short letter). */
  readonly key: string;
  readonly arg?: ArgKind;
}

export interface OptionSpec {
  /** Short letters; a letter followed by `:` takes a value (getopt syntax), e.g. `'lahm:'`. */
  readonly short?: string;
  readonly long?: Readonly<Record<string, LongOption>>;
  /** Stop at the first operand (POSIX `+` getopt; used by programs whose operands may look like options). */
  readonly stopAtOperand?: boolean;
  /** Let `-NUM` through as an operand (e.g. not an option bundle). */
  readonly numericOperands?: boolean;
}

export interface ParsedOption {
  readonly key: string;
  readonly value: string | undefined;
  /** As written, for messages (`-l`, `--all`). */
  readonly spelling: string;
}

export type ArgError =
  | { readonly kind: 'invalid'; readonly option: string }
  | { readonly kind: 'unrecognized'; readonly option: string }
  | { readonly kind: 'missing-arg'; readonly option: string; readonly long: boolean }
  | { readonly kind: 'ambiguous'; readonly option: string; readonly candidates: readonly string[] }
  | { readonly kind: 'needless-arg'; readonly option: string };

export class ParsedArgs {
  constructor(
    readonly options: readonly ParsedOption[],
    readonly operands: readonly string[],
  ) {}
  has(key: string): boolean {
    return this.options.some((o) => o.key === key);
  }
  /** Last value given for `key` (later options override earlier ones, as in the real tools). */
  get(key: string): string | undefined {
    for (let i = this.options.length - 1; i >= 0; i--) if (this.options[i]!.key === key) return this.options[i]!.value;
    return undefined;
  }
  all(key: string): string[] {
    return this.options.filter((o) => o.key === key).map((o) => o.value ?? '');
  }
  count(key: string): number {
    return this.options.filter((o) => o.key === key).length;
  }
  /** Which of `keys` came last (for pairs such as `-l`/`-1` where the last one wins). */
  last(...keys: string[]): string | undefined {
    for (let i = this.options.length - 1; i >= 0; i--) if (keys.includes(this.options[i]!.key)) return this.options[i]!.key;
    return undefined;
  }
}

export type ParseResult = { readonly ok: true; readonly args: ParsedArgs } | { readonly ok: false; readonly error: ArgError };

function shortTable(short: string): Map<string, boolean> {
  const m = new Map<string, boolean>();
  for (let i = 0; i < short.length; i++) {
    const c = short[i]!;
    if (c === ':') continue;
    m.set(c, short[i + 1] === ':');
  }
  return m;
}

/** Parses `argv` (without the program name). */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParseResult {
  const shorts = shortTable(spec.short ?? '');
  const longs = spec.long ?? {};
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const a = argv[i]!;
    i++;
    if (a === '--') {
      operands.push(...argv.slice(i));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const inline = eq >= 0 ? a.slice(eq + 1) : undefined;
      let def = longs[name];
      let full = name;
      if (!def) {
        const matches = Object.keys(longs).filter((k) => k.startsWith(name));
        // Prefixes of several spellings of one option are not ambiguous (getopt_long compares the targets).
        const targets = new Set(matches.map((k) => `${longs[k]!.key}\0${longs[k]!.arg ?? 'none'}`));
        if (matches.length === 0) return { ok: false, error: { kind: 'unrecognized', option: eq >= 0 ? `--${name}` : a } };
        if (targets.size > 1) return { ok: false, error: { kind: 'ambiguous', option: `--${name}`, candidates: matches.map((m) => `--${m}`) } };
        full = matches[0]!;
        def = longs[full]!;
      }
      const kind = def.arg ?? 'none';
      if (kind === 'none') {
        if (inline !== undefined) return { ok: false, error: { kind: 'needless-arg', option: `--${full}` } };
        options.push({ key: def.key, value: undefined, spelling: `--${full}` });
      } else if (kind === 'optional') {
        options.push({ key: def.key, value: inline, spelling: `--${full}` });
      } else {
        let value = inline;
        if (value === undefined) {
          if (i >= argv.length) return { ok: false, error: { kind: 'missing-arg', option: `--${full}`, long: true } };
          value = argv[i]!;
          i++;
        }
        options.push({ key: def.key, value, spelling: `--${full}` });
      }
      continue;
    }
    if (a.startsWith('-') && a !== '-' && !(spec.numericOperands && /^-\d+$/.test(a))) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const takes = shorts.get(c);
        if (takes === undefined) return { ok: false, error: { kind: 'invalid', option: c } };
        if (!takes) {
          options.push({ key: c, value: undefined, spelling: `-${c}` });
          continue;
        }
        let value = a.slice(j + 1);
        if (value === '') {
          if (i >= argv.length) return { ok: false, error: { kind: 'missing-arg', option: c, long: false } };
          value = argv[i]!;
          i++;
        }
        options.push({ key: c, value, spelling: `-${c}` });
        break;
      }
      continue;
    }
    operands.push(a);
    if (spec.stopAtOperand) {
      operands.push(...argv.slice(i));
      break;
    }
  }
  return { ok: true, args: new ParsedArgs(options, operands) };
}

/** The first line getopt prints for an error (glibc wording, which both GNU tools and Debian's BusyBox use). */
export function argErrorText(e: ArgError): string {
  switch (e.kind) {
    case 'invalid':
      return `invalid option -- '${e.option}'`;
    case 'unrecognized':
      return `unrecognized option '${e.option}'`;
    case 'missing-arg':
      return e.long ? `option '${e.option}' requires an argument` : `option requires an argument -- '${e.option}'`;
    case 'ambiguous':
      return `option '${e.option}' is ambiguous; possibilities: ${e.candidates.map((c) => `'${c}'`).join(' ')}`;
    case 'needless-arg':
      return `option '${e.option}' doesn't allow an argument`;
  }
}
