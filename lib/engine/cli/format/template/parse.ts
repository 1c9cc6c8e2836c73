/**
 * Lexer and parser for Go's text/template language (text/template/parse), producing the same node kinds and
 * the same parse errors: `template: <name>:<line>: unexpected "}" in operand`, `function "x" not defined`,
 * `unclosed action`, `undefined variable "$x"`, `missing value for command`...
 *
 * Supported: text, comments, trim markers `{{-`/`-}}`, pipelines with `|`, parenthesised pipelines, fields and
 * chains (`.A.B`, `(x).B`, `$v.A`), variables (`$`, `$x := `, `$x = `), literals (strings, raw strings, chars,
 * numbers, booleans, nil), `if`/`else if`/`else`, `range` (with `$i, $v :=`, `break`, `continue`, `else`),
 * `with`/`else with`/`else`. Not supported: `define`, `template`, `block` (docker's --format never needs them;
 * they are rejected with a parse error).
 */

export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
}

// ---- lexer ----

type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | 'keyword'
  | 'dot'
  | 'nil';

interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

function itemString(i: Item): string {
  if (i.typ === 'eof') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (i.typ === 'keyword' || i.typ === 'dot' || i.typ === 'nil') return `<${i.val}>`; // Go's item kinds after itemKeyword
  if ([...i.val].length > 10) return `${goQuote([...i.val].slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}

function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-7][0-9a-f])/g, '\\x$1').replace(/\u2028/g, '\\u2028');
}

/** Go's %#U: `U+0021 '!'`. */
function unicodeRepr(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return cp >= 0x20 && cp !== 0x7f ? `U+${hex} '${ch}'` : `U+${hex}`;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);

function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  const emit = (typ: ItemType, val = input.slice(start, pos)): void => {
    items.push({ typ, pos: start, val, line: startLine });
    for (let k = start; k < pos; k++) if (input[k] === '\n') line++;
    start = pos;
    startLine = line;
  };
  const ignore = (): void => {
    for (let k = start; k < pos; k++) if (input[k] === '\n') line++;
    start = pos;
    startLine = line;
  };
  const error = (msg: string): void => {
    items.push({ typ: 'error', pos: start, val: msg, line: startLine });
  };

  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (input.startsWith(' -}}', pos) || input.startsWith('\t-}}', pos) || input.startsWith('\r-}}', pos) || input.startsWith('\n-}}', pos)) return { delim: true, trim: true };
    return { delim: input.startsWith('}}', pos), trim: false };
  };

  // Text and actions, until EOF or an error.
  for (;;) {
    const x = input.indexOf('{{', pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      emit('eof', '');
      return items;
    }
    pos = x;
    let trimLeft = false;
    if (input[x + 2] === '-' && isSpace(input[x + 3])) trimLeft = true;
    if (pos > start) {
      let text = input.slice(start, pos);
      if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
      if (text.length > 0) items.push({ typ: 'text', pos: start, val: text, line: startLine });
      for (let k = start; k < pos; k++) if (input[k] === '\n') line++;
      start = pos;
      startLine = line;
    }
    // Left delimiter (with trim marker), then a comment or an action.
    pos += 2;
    if (trimLeft) pos += 2;
    if (input.startsWith('/*', pos)) {
      ignore();
      const end = input.indexOf('*/', pos + 2);
      if (end < 0) {
        error('unclosed comment');
        return items;
      }
      pos = end + 2;
      const r = atRightDelim();
      if (!r.delim) {
        error('comment ends before closing delimiter');
        return items;
      }
      pos += r.trim ? 4 : 2;
      ignore();
      if (r.trim) {
        while (isSpace(input[pos])) pos++;
        ignore();
      }
      continue;
    }
    start = x;
    emit('leftDelim', '{{');
    start = pos;
    startLine = line;
    // Inside the action.
    for (;;) {
      const r = atRightDelim();
      if (r.delim && parenDepth === 0) {
        if (r.trim) {
          pos += 1; // the space before the dash
          ignore();
          pos += 3;
        } else pos += 2;
        emit('rightDelim', '}}');
        if (r.trim) {
          while (isSpace(input[pos])) pos++;
          ignore();
        }
        break;
      }
      if (r.delim) {
        error('unclosed left paren');
        return items;
      }
      if (pos >= input.length) {
        error('unclosed action');
        return items;
      }
      const c = input[pos]!;
      if (isSpace(c)) {
        while (isSpace(input[pos]) && !atRightDelim().trim) pos++;
        if (pos === start) pos++; // a lone space before "-}}" is part of the marker; never loop without progress
        emit('space');
        continue;
      }
      if (c === '=') {
        pos++;
        emit('assign');
      } else if (c === ':') {
        pos++;
        if (input[pos] !== '=') {
          error('expected :=');
          return items;
        }
        pos++;
        emit('declare');
      } else if (c === '|') {
        pos++;
        emit('pipe');
      } else if (c === '"') {
        pos++;
        for (;;) {
          const d = input[pos];
          if (d === '\\') {
            if (pos + 1 >= input.length || input[pos + 1] === '\n') {
              error('unterminated quoted string');
              return items;
            }
            pos += 2;
            continue;
          }
          if (d === undefined || d === '\n') {
            error('unterminated quoted string');
            return items;
          }
          pos++;
          if (d === '"') break;
        }
        emit('string');
      } else if (c === '`') {
        const end = input.indexOf('`', pos + 1);
        if (end < 0) {
          error('unterminated raw quoted string');
          return items;
        }
        pos = end + 1;
        emit('rawString');
      } else if (c === '$') {
        pos++;
        if (!fieldOrVariable('variable')) return items;
      } else if (c === "'") {
        pos++;
        for (;;) {
          const d = input[pos];
          if (d === '\\') {
            pos += 2;
            continue;
          }
          if (d === undefined || d === '\n') {
            error('unterminated character constant');
            return items;
          }
          pos++;
          if (d === "'") break;
        }
        emit('charConstant');
      } else if (c === '.') {
        // ".field", or a number such as ".5" (and a lone "." at the very end, which Go also lexes as a number)
        if (pos + 1 < input.length && !/[0-9]/.test(input[pos + 1]!)) {
          pos++;
          if (!fieldOrVariable('field')) return items;
        } else if (!lexNumber()) return items;
      } else if (c === '+' || c === '-' || /[0-9]/.test(c)) {
        if (!lexNumber()) return items;
      } else if (isAlnum(c)) {
        while (isAlnum(input[pos])) pos++;
        if (!atTerminator()) {
          error(`bad character ${unicodeRepr(String.fromCodePoint(input.codePointAt(pos)!))}`);
          return items;
        }
        const word = input.slice(start, pos);
        if (KEYWORDS.has(word)) emit(word === 'nil' ? 'nil' : 'keyword');
        else if (word === 'true' || word === 'false') emit('bool');
        else emit('identifier');
      } else if (c === '(') {
        pos++;
        parenDepth++;
        emit('leftParen');
      } else if (c === ')') {
        pos++;
        emit('rightParen'); // Go emits the paren first, so the parser may complain about it before the lexer does
        parenDepth--;
        if (parenDepth < 0) {
          error(`unexpected right paren ${unicodeRepr(')')}`);
          return items;
        }
      } else if (c.charCodeAt(0) <= 0x7f && c >= ' ' && c !== '\x7f') {
        pos++;
        emit('char');
      } else {
        error(`unrecognized character in action: ${unicodeRepr(String.fromCodePoint(input.codePointAt(pos)!))}`);
        return items;
      }
    }
  }

  /** Go's lexFieldOrVariable, called after the '.' or '$'. */
  function fieldOrVariable(typ: 'field' | 'variable'): boolean {
    if (atTerminator()) {
      emit(typ === 'variable' ? 'variable' : 'dot');
      return true;
    }
    while (isAlnum(input[pos])) pos++;
    if (!atTerminator()) {
      error(`bad character ${unicodeRepr(String.fromCodePoint(input.codePointAt(pos)!))}`);
      return false;
    }
    emit(typ);
    return true;
  }

  function atTerminator(): boolean {
    const c = input[pos];
    if (c === undefined || isSpace(c) || '.,|:)('.includes(c)) return true;
    return input.startsWith('}}', pos);
  }

  /** Go's scanNumber: lenient on purpose (the parser rejects what does not convert). */
  function scanNumber(): boolean {
    const accept = (set: string): boolean => {
      if (pos < input.length && set.includes(input[pos]!)) {
        pos++;
        return true;
      }
      return false;
    };
    const acceptRun = (set: string): void => {
      while (pos < input.length && set.includes(input[pos]!)) pos++;
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlnum(input[pos])) {
      pos += String.fromCodePoint(input.codePointAt(pos)!).length;
      return false;
    }
    return true;
  }

  function lexNumber(): boolean {
    if (!scanNumber()) {
      error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
      return false;
    }
    if (input[pos] === '+' || input[pos] === '-') {
      // complex: 1+2i, which must end in 'i'
      if (!scanNumber() || input[pos - 1] !== 'i') {
        error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        return false;
      }
    }
    emit('number');
    return true;
  }
}

// ---- nodes ----

export type Node =
  | { kind: 'text'; pos: number; text: string }
  | { kind: 'action'; pos: number; line: number; pipe: PipeNode }
  | { kind: 'if' | 'with'; pos: number; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null }
  | { kind: 'range'; pos: number; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null }
  | { kind: 'break' | 'continue'; pos: number; line: number }
  | { kind: 'template'; pos: number; line: number; name: string; quoted: string; pipe: PipeNode | null }
  | ListNode;

export interface ListNode {
  kind: 'list';
  pos: number;
  nodes: Node[];
}

export interface PipeNode {
  kind: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

export interface CommandNode {
  kind: 'command';
  pos: number;
  args: ArgNode[];
}

export interface VariableNode {
  kind: 'variable';
  pos: number;
  ident: string[];
}

export type ArgNode =
  | { kind: 'identifier'; pos: number; ident: string }
  | { kind: 'field'; pos: number; ident: string[] }
  | { kind: 'chain'; pos: number; node: ArgNode; field: string[] }
  | VariableNode
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'number'; pos: number; text: string; value: number; isInt: boolean }
  | { kind: 'string'; pos: number; quoted: string; text: string }
  | PipeNode;

/** Node.String(), used in error contexts (`at <.Foo>`). */
export function nodeString(n: ArgNode | CommandNode): string {
  switch (n.kind) {
    case 'identifier':
      return n.ident;
    case 'field':
      return `.${n.ident.join('.')}`;
    case 'variable':
      return n.ident.join('.');
    case 'chain':
      return `${n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)}.${n.field.join('.')}`;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'pipe': {
      const decl = n.decl.length ? `${n.decl.map((d) => d.ident.join('.')).join(', ')} ${n.isAssign ? '=' : ':='} ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
  }
}

// ---- parser ----

function unquote(tok: Item): string {
  if (tok.typ === 'rawString') return tok.val.slice(1, -1);
  const body = tok.val.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
    if (e !== undefined && e in simple) {
      if (e === "'" && tok.typ === 'string') throw new Error('invalid syntax');
      if (e === '"' && tok.typ === 'charConstant') throw new Error('invalid syntax');
      out += simple[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error('invalid syntax');
      const v = parseInt(hex, 16);
      out += e === 'x' ? String.fromCharCode(v) : String.fromCodePoint(v);
      i += n;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax');
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      throw new Error('invalid syntax');
    }
  }
  return out;
}

function parseNumber(text: string): { value: number; isInt: boolean } | null {
  const t = text.replace(/_/g, '');
  if (/i$/.test(t)) return null; // complex numbers are not supported
  let m: RegExpExecArray | null;
  if ((m = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(t))) return { value: (m[1] === '-' ? -1 : 1) * parseInt(m[2]!, 16), isInt: true };
  if ((m = /^([+-]?)0[bB]([01]+)$/.exec(t))) return { value: (m[1] === '-' ? -1 : 1) * parseInt(m[2]!, 2), isInt: true };
  if ((m = /^([+-]?)0[oO]?([0-7]+)$/.exec(t))) return { value: (m[1] === '-' ? -1 : 1) * parseInt(m[2]!, 8), isInt: true };
  if (/^[+-]?\d+$/.test(t)) return { value: Number(t), isInt: true };
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    const v = Number(t);
    return { value: v, isInt: Number.isInteger(v) && !/[.eE]/.test(t) };
  }
  return null;
}

export interface ParseOptions {
  /** Template name used in error messages (docker uses ""). */
  readonly name?: string;
  /** Names of the functions that exist (Go checks them at parse time). */
  readonly funcs: ReadonlySet<string>;
}

export function parseTemplate(text: string, options: ParseOptions): ListNode {
  const name = options.name ?? '';
  const items = lex(text);
  let p = 0;
  let vars: string[] = ['$'];
  let rangeDepth = 0;
  let actionLine = 0;
  let lastLine = 1;

  const errorf = (msg: string): never => {
    throw new TemplateParseError(`template: ${name}:${lastLine}: ${msg}`);
  };
  // Go words errors with the line of the most recently lexed token, peeked ones included.
  let maxSeen = 0;
  const next = (): Item => {
    const idx = Math.min(p, items.length - 1);
    const it = items[idx]!;
    p++;
    if (idx >= maxSeen) {
      maxSeen = idx;
      lastLine = it.line;
    }
    return it;
  };
  const backup = (n = 1): void => {
    p -= n;
  };
  const peek = (): Item => {
    const it = next();
    backup();
    return it;
  };
  const nextNonSpace = (): Item => {
    let t = next();
    while (t.typ === 'space') t = next();
    return t;
  };
  const peekNonSpace = (): Item => {
    const t = nextNonSpace();
    backup();
    return t;
  };
  const unexpected = (it: Item, context: string): never => {
    if (it.typ === 'error') {
      let extra = '';
      if (actionLine !== 0 && actionLine !== it.line) {
        extra = ` in action started at ${name}:${actionLine}`;
        if (it.val.endsWith(' action')) extra = extra.slice(' in action'.length); // avoid "action in action"
      }
      return errorf(`${it.val}${extra}`);
    }
    return errorf(`unexpected ${itemString(it)} in ${context}`);
  };
  const expect = (typ: ItemType, context: string): Item => {
    const t = nextNonSpace();
    if (t.typ !== typ) unexpected(t, context);
    return t;
  };

  const term = (): ArgNode | null => {
    const t = nextNonSpace();
    switch (t.typ) {
      case 'identifier':
        if (!options.funcs.has(t.val)) errorf(`function ${goQuote(t.val)} not defined`);
        return { kind: 'identifier', pos: t.pos, ident: t.val };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable': {
        const ident = t.val;
        if (!vars.includes(ident)) errorf(`undefined variable ${goQuote(ident)}`);
        return { kind: 'variable', pos: t.pos, ident: [ident] };
      }
      case 'field':
        return { kind: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConstant': {
        let s: string;
        try {
          s = unquote(t);
        } catch {
          return errorf(`malformed character constant: ${t.val}`);
        }
        if ([...s].length !== 1) return errorf(`malformed character constant: ${t.val}`);
        return { kind: 'number', pos: t.pos, text: t.val, value: s.codePointAt(0)!, isInt: true };
      }
      case 'number': {
        const n = parseNumber(t.val);
        if (!n) return errorf(`illegal number syntax: ${goQuote(t.val)}`);
        return { kind: 'number', pos: t.pos, text: t.val, ...n };
      }
      case 'leftParen':
        return pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        try {
          return { kind: 'string', pos: t.pos, quoted: t.val, text: unquote(t) };
        } catch {
          return errorf('invalid syntax');
        }
      default:
        backup();
        return null;
    }
  };

  const operand = (): ArgNode | null => {
    let node = term();
    if (!node) return null;
    if (peek().typ === 'field') {
      const fields: string[] = [];
      const pos = peek().pos;
      while (peek().typ === 'field') fields.push(next().val.slice(1));
      switch (node.kind) {
        // Go positions a merged field/variable at its first trailing field (the chain's position).
        case 'field':
          node = { kind: 'field', pos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { kind: 'variable', pos, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
          break;
        default:
          node = { kind: 'chain', pos, node, field: fields };
      }
    }
    return node;
  };

  const command = (): CommandNode => {
    const cmd: CommandNode = { kind: 'command', pos: peekNonSpace().pos, args: [] };
    for (;;) {
      peekNonSpace();
      const op = operand();
      if (op) cmd.args.push(op);
      const t = next();
      if (t.typ === 'space') continue;
      if (t.typ === 'rightDelim' || t.typ === 'rightParen') backup();
      else if (t.typ !== 'pipe') unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) errorf('empty command');
    return cmd;
  };

  const pipeline = (context: string, end: ItemType): PipeNode => {
    const first = peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', pos: first.pos, line: first.line, isAssign: false, decl: [], cmds: [] };
    // Declarations: $x :=, $x =, and in range $i, $v :=
    for (;;) {
      const v = peekNonSpace();
      if (v.typ !== 'variable') break;
      const save = p;
      nextNonSpace();
      const nx = peekNonSpace();
      if (nx.typ === 'assign' || nx.typ === 'declare') {
        pipe.isAssign = nx.typ === 'assign';
        nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, ident: [v.val] });
        vars.push(v.val);
        break;
      }
      if (nx.typ === 'char' && nx.val === ',') {
        nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, ident: [v.val] });
        vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = peekNonSpace().typ;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          errorf('range can only initialize variables');
        }
        errorf(`too many declarations in ${context}`);
      }
      p = save; // not a declaration: the variable is an operand
      break;
    }
    for (;;) {
      const t = nextNonSpace();
      if (t.typ === end) {
        if (pipe.cmds.length === 0) errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          const k = c.args[0]!.kind;
          if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') errorf(`non executable command in pipeline stage ${i + 2}`);
        });
        return pipe;
      }
      switch (t.typ) {
        case 'bool':
        case 'charConstant':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          backup();
          pipe.cmds.push(command());
          break;
        default:
          unexpected(t, context);
      }
    }
  };

  type Control = { kind: 'end' | 'else'; pos: number; isIf?: boolean; isWith?: boolean };

  const itemList = (): [ListNode, Control] => {
    const list: ListNode = { kind: 'list', pos: peekNonSpace().pos, nodes: [] };
    while (peekNonSpace().typ !== 'eof') {
      const n = textOrAction();
      if ('ctl' in n) return [list, n.ctl];
      list.nodes.push(n);
    }
    return errorf('unexpected EOF');
  };

  const parseControl = (context: 'if' | 'with' | 'range', pos: number, line: number): Node => {
    const mark = vars.length;
    try {
      const pipe = pipeline(context, 'rightDelim');
      if (context === 'range') rangeDepth++;
      let [list, nx] = itemList();
      if (context === 'range') rangeDepth--;
      let elseList: ListNode | null = null;
      if (nx.kind === 'else') {
        if ((context === 'if' && nx.isIf) || (context === 'with' && nx.isWith)) {
          next(); // the `if`/`with` keyword
          elseList = { kind: 'list', pos: nx.pos, nodes: [parseControl(context, nx.pos, line)] };
        } else {
          [elseList, nx] = itemList();
          if (nx.kind !== 'end') errorf(`expected end; found {{else}}`);
        }
      }
      return { kind: context, pos, line, pipe, list, elseList } as Node;
    } finally {
      vars = vars.slice(0, mark);
    }
  };

  const action = (): Node | { ctl: Control } => {
    const t = nextNonSpace();
    if (t.typ === 'keyword') {
      switch (t.val) {
        case 'if':
        case 'with':
        case 'range':
          return parseControl(t.val, t.pos, t.line);
        case 'end':
          return { ctl: { kind: 'end', pos: expect('rightDelim', 'end').pos } };
        case 'else': {
          const pk = peekNonSpace();
          if (pk.typ === 'keyword' && (pk.val === 'if' || pk.val === 'with')) return { ctl: { kind: 'else', pos: pk.pos, isIf: pk.val === 'if', isWith: pk.val === 'with' } };
          return { ctl: { kind: 'else', pos: expect('rightDelim', 'else').pos } };
        }
        case 'template': {
          const tok = nextNonSpace();
          if (tok.typ !== 'string' && tok.typ !== 'rawString') unexpected(tok, 'template clause');
          let tname: string;
          try {
            tname = unquote(tok);
          } catch {
            return errorf('invalid syntax');
          }
          let pipe: PipeNode | null = null;
          if (nextNonSpace().typ !== 'rightDelim') {
            backup();
            pipe = pipeline('template clause', 'rightDelim');
          }
          return { kind: 'template', pos: tok.pos, line: t.line, name: tname, quoted: tok.val, pipe };
        }
        case 'break':
        case 'continue': {
          const e = expect('rightDelim', `{{${t.val}}}`);
          if (rangeDepth === 0) errorf(`{{${t.val}}} outside {{range}}`);
          return { kind: t.val, pos: e.pos, line: t.line };
        }
        default:
          return errorf(`{{${t.val}}} is not supported here`);
      }
    }
    backup();
    const pipe = pipeline('command', 'rightDelim');
    return { kind: 'action', pos: t.pos, line: t.line, pipe };
  };

  const textOrAction = (): Node | { ctl: Control } => {
    const t = nextNonSpace();
    switch (t.typ) {
      case 'text':
        return { kind: 'text', pos: t.pos, text: t.val };
      case 'leftDelim': {
        actionLine = t.line;
        try {
          return action();
        } finally {
          actionLine = 0;
        }
      }
      default:
        return unexpected(t, 'input');
    }
  };

  const root: ListNode = { kind: 'list', pos: 0, nodes: [] };
  while (peek().typ !== 'eof') {
    // text items carry their own spaces; only skip space items inside actions
    const n = textOrAction();
    if ('ctl' in n) errorf(`unexpected {{${n.ctl.kind}}}`);
    else root.nodes.push(n);
  }
  return root;
}
