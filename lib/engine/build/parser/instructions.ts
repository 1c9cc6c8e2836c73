/**
 * The typed-instruction pass (BuildKit's `instructions.ParseInstruction`): instruction names, argument counts,
 * flags and per-instruction checks. Errors here are printed by Docker as `dockerfile parse error on line N: …`.
 */
import { DockerfileParseError } from './DockerfileParseError';
import { goQuote } from './goQuote';
import { GoDurationError, parseGoDuration } from './goDuration';
import { mustParseHeredocWord, type Node } from './nodes';
import type { EscapeToken } from './substitute';
import { KEYWORDS, type CommandLine, type Heredoc, type InlineFile, type Instruction, type Keyword, type RawFlag } from './Types';

class Fail extends Error {}

type FlagKind = 'bool' | 'string' | 'strings';
interface FlagValue {
  used: boolean;
  value: string;
  values: string[];
}

/** BuildKit's BFlags: declared flags, then `parse()` checks what the user wrote. */
class Flags {
  private readonly _defs = new Map<string, { kind: FlagKind; v: FlagValue }>();
  constructor(private readonly _args: readonly string[]) {}

  bool(name: string): FlagValue {
    return this._add(name, 'bool', 'false');
  }
  string(name: string): FlagValue {
    return this._add(name, 'string', '');
  }
  strings(name: string): FlagValue {
    return this._add(name, 'strings', '');
  }
  private _add(name: string, kind: FlagKind, value: string): FlagValue {
    const v: FlagValue = { used: false, value, values: [] };
    this._defs.set(name, { kind, v });
    return v;
  }

  parse(): void {
    for (const a of this._args) {
      if (a === '--') return;
      if (!a.startsWith('--')) throw new Fail(`arg should start with -- : ${a}`);
      const eq = a.indexOf('=');
      const flagName = eq < 0 ? a : a.slice(0, eq);
      const value = eq < 0 ? '' : a.slice(eq + 1);
      const hasValue = eq >= 0;
      const arg = flagName.slice(2);
      const def = this._defs.get(arg);
      if (!def) throw new Fail(withSuggestion(`unknown flag: ${flagName}`, arg, [...this._defs.keys()], true));
      if (def.v.used && def.kind !== 'strings') throw new Fail(`duplicate flag specified: ${flagName}`);
      def.v.used = true;
      switch (def.kind) {
        case 'bool': {
          if (hasValue && value === '') throw new Fail(`missing a value on flag: ${flagName}`);
          const lower = value.toLowerCase();
          if (lower === 'true' || lower === '') def.v.value = 'true';
          else if (lower === 'false') def.v.value = 'false';
          else throw new Fail(`expecting boolean value for flag ${flagName}, not: ${value}`);
          break;
        }
        case 'string':
          if (!hasValue) throw new Fail(`missing a value on flag: ${flagName}`);
          def.v.value = value;
          break;
        case 'strings':
          if (!hasValue) throw new Fail(`missing a value on flag: ${flagName}`);
          def.v.values.push(value);
          break;
      }
    }
  }
}

/** Levenshtein distance (insert/delete/substitute, cost 1), over code points. */
export function levenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/** BuildKit's suggest.WrapError: append ` (did you mean X?)` for the closest option at distance < 3. */
export function withSuggestion(message: string, value: string, options: readonly string[], caseSensitive: boolean): string {
  const val = caseSensitive ? value : value.toLowerCase();
  let match = '';
  let min = 3;
  for (const o of options) {
    const opt = caseSensitive ? o : o.toLowerCase();
    if (opt === val) return message;
    const dist = levenshtein(val, opt);
    if (dist < min) {
      match = caseSensitive ? opt : matchCase(opt, value);
      min = dist;
    }
  }
  return match === '' ? message : `${message} (did you mean ${match}?)`;
}

function matchCase(val: string, orig: string): string {
  if (orig === orig.toLowerCase()) return val.toLowerCase();
  if (orig === orig.toUpperCase()) return val.toUpperCase();
  return val;
}

const atLeastOne = (cmd: string) => new Fail(`${cmd} requires at least one argument`);
const exactlyOne = (cmd: string) => new Fail(`${cmd} requires exactly one argument`);
const noDestination = (cmd: string) =>
  new Fail(`${cmd} requires at least two arguments, but only one was provided. Destination could not be determined`);
const blankNames = (cmd: string) => new Fail(`${cmd} names can not be blank`);

const STAGE_NAME = /^[a-z][a-z0-9\-_.]*$/;

function rawFlags(flags: readonly string[]): RawFlag[] {
  return flags.map((text) => {
    const body = text.startsWith('--') ? text.slice(2) : text;
    const eq = body.indexOf('=');
    return eq < 0 ? { name: body, value: undefined, text } : { name: body.slice(0, eq), value: body.slice(eq + 1), text };
  });
}

function commandLine(n: Node): CommandLine {
  if (n.json) return { form: 'exec', args: [...n.args] };
  return { form: 'shell', command: n.args.join(' ') };
}

/** Parse one node; throws DockerfileParseError (phase `instruction`) with Docker's reason. */
export function parseInstruction(n: Node, escape: EscapeToken): Instruction {
  try {
    return build(n, escape);
  } catch (e) {
    if (e instanceof Fail) throw new DockerfileParseError(e.message, n.startLine, n.endLine, 'instruction');
    throw e;
  }
}

function build(n: Node, escape: EscapeToken): Instruction {
  const lower = n.cmd.toLowerCase();
  const keyword = lower.toUpperCase() as Keyword;
  if (!(KEYWORDS as readonly string[]).includes(keyword)) {
    throw new Fail(withSuggestion(`unknown instruction: ${n.cmd}`, n.cmd, KEYWORDS.map((k) => k.toLowerCase()), false));
  }
  const base = {
    keywordAsWritten: n.cmd,
    original: n.original,
    startLine: n.startLine,
    endLine: n.endLine,
    flags: rawFlags(n.flags),
    args: n.args,
    heredocs: n.heredocs,
    comments: n.comments,
  };
  const f = new Flags(n.flags);
  const args = n.args;
  switch (keyword) {
    case 'ENV':
    case 'LABEL': {
      f.parse();
      if (args.length === 0) throw atLeastOne(keyword);
      if (n.pairs.some((p) => p.key === '')) throw blankNames(keyword);
      return { ...base, keyword, pairs: n.pairs };
    }
    case 'MAINTAINER':
    case 'USER':
    case 'WORKDIR': {
      if (args.length !== 1) throw exactlyOne(keyword);
      f.parse();
      const v = args[0]!;
      if (keyword === 'MAINTAINER') return { ...base, keyword, maintainer: v };
      if (keyword === 'USER') return { ...base, keyword, user: v };
      return { ...base, keyword, path: v };
    }
    case 'STOPSIGNAL':
      // BuildKit never parses STOPSIGNAL's flags: they are accepted and ignored.
      if (args.length !== 1) throw exactlyOne(keyword);
      return { ...base, keyword, signal: args[0]! };
    case 'ADD':
    case 'COPY': {
      if (args.length < 2) throw noDestination(keyword);
      const exclude = f.strings('exclude');
      const chown = f.string('chown');
      const chmod = f.string('chmod');
      const link = f.bool('link');
      const from = keyword === 'COPY' ? f.string('from') : undefined;
      const parents = keyword === 'COPY' ? f.bool('parents') : undefined;
      const keepGitDir = keyword === 'ADD' ? f.bool('keep-git-dir') : undefined;
      const checksum = keyword === 'ADD' ? f.string('checksum') : undefined;
      const unpack = keyword === 'ADD' ? f.bool('unpack') : undefined;
      f.parse();
      const dest = args[args.length - 1]!;
      if (mustParseHeredocWord(dest)) throw new Fail(`${keyword} cannot accept a heredoc as a destination`);
      const byName = new Map<string, Heredoc>();
      for (const h of n.heredocs) byName.set(h.name, h);
      const sources: string[] = [];
      const inlineFiles: InlineFile[] = [];
      for (const src of args.slice(0, -1)) {
        const doc = mustParseHeredocWord(src);
        if (doc) {
          const h = byName.get(doc.name);
          const content = h ? (doc.chomp ? h.body : h.content) : '';
          inlineFiles.push({ name: doc.name, content, expand: doc.expand });
        } else sources.push(src);
      }
      const common = {
        ...base,
        sources,
        inlineFiles,
        dest,
        json: n.json,
        chown: chown.used ? chown.value : undefined,
        chmod: chmod.used ? chmod.value : undefined,
        link: link.value === 'true',
        exclude: exclude.values,
      };
      if (keyword === 'COPY') {
        return { ...common, keyword, from: from!.used ? from!.value : undefined, parents: parents!.value === 'true' };
      }
      return {
        ...common,
        keyword,
        checksum: checksum!.used ? checksum!.value : undefined,
        keepGitDir: keepGitDir!.value === 'true',
        unpack: unpack!.used ? unpack!.value === 'true' : undefined,
      };
    }
    case 'FROM': {
      let stageName: string | undefined;
      if (args.length === 3 && args[1]!.toLowerCase() === 'as') {
        stageName = args[2]!.toLowerCase();
        if (!STAGE_NAME.test(stageName)) {
          throw new Fail(`invalid name for build stage: ${goQuote(args[2]!)}, name can't start with a number or contain symbols`);
        }
      } else if (args.length !== 1) throw new Fail('FROM requires either one or three arguments');
      const platform = f.string('platform');
      f.parse();
      return { ...base, keyword, image: args[0]!, stageName, platform: platform.used ? platform.value : undefined };
    }
    case 'ONBUILD': {
      if (args.length === 0) throw atLeastOne(keyword);
      f.parse();
      const trigger = args[0]!.trim().toUpperCase();
      if (trigger === 'ONBUILD') throw new Fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new Fail(`${trigger} isn't allowed as an ONBUILD trigger`);
      let expression = n.original.replace(/^\s*ONBUILD\s*/i, '');
      for (const h of n.heredocs) expression += '\n' + h.content + h.name;
      let parsed: Instruction | undefined;
      let triggerError: string | undefined;
      if (n.child) {
        try {
          parsed = build({ ...n.child, heredocs: n.heredocs, startLine: n.startLine, endLine: n.endLine }, escape);
        } catch (e) {
          if (!(e instanceof Fail)) throw e;
          triggerError = e.message;
        }
      }
      return { ...base, keyword, expression, trigger: parsed, triggerError };
    }
    case 'RUN': {
      const mount = f.strings('mount');
      const network = f.string('network');
      const security = f.string('security');
      f.parse();
      // BuildKit's RUN post-hooks, in their order: network, then security (mounts are checked at dispatch).
      if (network.used && !['default', 'none', 'host'].includes(network.value)) {
        throw new Fail(`invalid network mode ${goQuote(network.value)}`);
      }
      if (security.used && !['insecure', 'sandbox'].includes(security.value)) {
        throw new Fail(`security ${goQuote(security.value)} is not valid`);
      }
      return {
        ...base,
        keyword,
        command: commandLine(n),
        mounts: mount.values,
        network: network.used ? network.value : undefined,
        security: security.used ? security.value : undefined,
      };
    }
    case 'CMD':
      f.parse();
      return { ...base, keyword, command: commandLine(n) };
    case 'ENTRYPOINT':
      f.parse();
      return { ...base, keyword, command: commandLine(n) };
    case 'HEALTHCHECK': {
      if (args.length === 0) throw atLeastOne(keyword);
      const typ = args[0]!.toUpperCase();
      const rest = args.slice(1);
      if (typ === 'NONE') {
        // Flags are not parsed for NONE (accepted and ignored), as in BuildKit.
        if (rest.length !== 0) throw new Fail('HEALTHCHECK NONE takes no arguments');
        return { ...base, keyword, type: 'NONE' };
      }
      const interval = f.string('interval');
      const timeout = f.string('timeout');
      const startPeriod = f.string('start-period');
      const startInterval = f.string('start-interval');
      const retries = f.string('retries');
      f.parse();
      if (typ !== 'CMD') throw new Fail(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`);
      if (rest.length === 0) throw new Fail('Missing command after HEALTHCHECK CMD');
      const command: CommandLine = n.json ? { form: 'exec', args: rest } : { form: 'shell', command: rest.join(' ') };
      const durations = [
        ['interval', interval],
        ['timeout', timeout],
        ['start-period', startPeriod],
        ['start-interval', startInterval],
      ] as const;
      const ns = durations.map(([name, v]) => optInterval(name, v.value));
      let retryCount = 0;
      if (retries.value !== '') {
        if (!/^[+-]?[0-9]+$/.test(retries.value)) {
          throw new Fail(`strconv.ParseInt: parsing ${goQuote(retries.value)}: invalid syntax`);
        }
        const r = Number.parseInt(retries.value, 10);
        if (r > 2147483647 || r < -2147483648) {
          throw new Fail(`strconv.ParseInt: parsing ${goQuote(retries.value)}: value out of range`);
        }
        if (r < 0) throw new Fail(`--retries cannot be negative (${r})`);
        retryCount = r;
      }
      return {
        ...base,
        keyword,
        type: 'CMD',
        command,
        interval: ns[0]!,
        timeout: ns[1]!,
        startPeriod: ns[2]!,
        startInterval: ns[3]!,
        retries: retryCount,
      };
    }
    case 'EXPOSE': {
      if (args.length === 0) throw atLeastOne(keyword);
      f.parse();
      return { ...base, keyword, ports: [...args].sort(byteOrder) };
    }
    case 'VOLUME': {
      if (args.length === 0) throw atLeastOne(keyword);
      f.parse();
      const volumes = args.map((v) => v.trim());
      if (volumes.some((v) => v === '')) throw new Fail('VOLUME specified can not be an empty string');
      return { ...base, keyword, volumes, json: n.json };
    }
    case 'ARG': {
      if (args.length < 1) throw atLeastOne(keyword);
      f.parse();
      const decls = args.map((a) => {
        const eq = a.indexOf('=');
        if (eq < 0) return { name: a, defaultValue: undefined };
        if (eq === 0) throw blankNames('ARG');
        return { name: a.slice(0, eq), defaultValue: a.slice(eq + 1) };
      });
      return { ...base, keyword, declarations: decls };
    }
    case 'SHELL': {
      f.parse();
      if (args.length === 0) throw atLeastOne(keyword);
      if (!n.json) throw new Fail(`SHELL requires the arguments to be in JSON form`);
      return { ...base, keyword, shell: [...args] };
    }
  }
}

/** A HEALTHCHECK duration: 0 when empty; Go's parse errors; at least 1ms unless 0. */
function optInterval(name: string, value: string): number {
  if (value === '') return 0;
  let d: number;
  try {
    d = parseGoDuration(value);
  } catch (e) {
    if (e instanceof GoDurationError) throw new Fail(e.message);
    throw e;
  }
  if (d === 0) return 0;
  if (d < 1_000_000) throw new Fail(`Interval ${goQuote(name)} cannot be less than 1ms`);
  return d;
}

function byteOrder(a: string, b: string): number {
  // Go's sort.Strings compares bytes; for UTF-16 this matches except across surrogates, which ports never contain.
  return a < b ? -1 : a > b ? 1 : 0;
}
