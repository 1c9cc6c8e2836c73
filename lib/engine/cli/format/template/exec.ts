/**
 * Executes a parsed template against JS data standing in for Go values (see values.ts), with Go's semantics
 * and Go's error texts: `template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type X`.
 */
import { formatV } from './fmt';
import { nodeString, type ArgNode, type CommandNode, type ListNode, type Node, type PipeNode } from './parse';
import { GO_TYPE, goTypeOf, isMapLike, isStruct, isTrue, mapEntries, mapGet, structLookup } from './values';

export class TemplateExecError extends Error {
  override readonly name = 'TemplateExecError';
}

/** Thrown by template functions to report `error calling <name>: <message>`. */
export class FuncError extends Error {}

/** A value that is not there at all (Go's invalid reflect.Value; prints `<no value>`). */
export const NO_VALUE = undefined;

const MISSING: unique symbol = Symbol('missing');
type Final = unknown | typeof MISSING;

export type ParamType = 'any' | 'string' | 'int' | 'bool' | '[]string';

export interface TemplateFunc {
  /** Parameter types; the last is repeated when `variadic`. */
  readonly params: readonly ParamType[];
  readonly variadic?: boolean;
  /** Receives already type-checked arguments. Throw FuncError (or any Error) to fail the call. */
  readonly fn: (...args: never[]) => unknown;
  /** `and`/`or`: arguments are evaluated lazily, one by one. */
  readonly lazy?: 'and' | 'or';
}

class BreakSignal {}
class ContinueSignal {}

interface State {
  name: string;
  text: string;
  funcs: ReadonlyMap<string, TemplateFunc>;
  vars: Array<{ name: string; value: unknown; iface?: boolean }>;
  at: ArgNode | CommandNode | PipeNode | null;
  out: string[];
  /** Dot is an element of a plain slice/map (static type interface {} in Go), e.g. inside {{range}}. */
  dotIface: boolean;
}

function location(st: State, pos: number): string {
  const before = st.text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  const col = new TextEncoder().encode(nl < 0 ? before : before.slice(nl + 1)).length;
  return `${st.name}:${line}:${col}`;
}

function errorf(st: State, msg: string): never {
  if (st.at === null) throw new TemplateExecError(`template: ${st.name}: ${msg}`);
  const n = st.at;
  throw new TemplateExecError(`template: ${location(st, n.pos)}: executing ${JSON.stringify(st.name)} at <${nodeString(n)}>: ${msg}`);
}

function kindName(v: unknown): string {
  return goTypeOf(v); // a nil from data is a nil interface {}
}

function checkParam(st: State, type: ParamType, v: unknown, node: ArgNode | null): unknown {
  const literal = node && (node.kind === 'string' || node.kind === 'number' || node.kind === 'bool' || node.kind === 'nil');
  const bad = (expected: string): never => {
    if (literal) {
      if (node.kind === 'nil') return errorf(st, `cannot assign nil to ${expected}`);
      if (expected === '[]string') return errorf(st, `can't handle ${nodeString(node)} for arg of type []string`);
      const what = expected === 'int' ? 'integer' : expected;
      return errorf(st, `expected ${what}; found ${nodeString(node)}`);
    }
    if (v === undefined) return errorf(st, `invalid value; expected ${expected}`);
    return errorf(st, `wrong type for value; expected ${expected}; got ${kindName(v)}`);
  };
  switch (type) {
    case 'any':
      return v;
    case 'string':
      return typeof v === 'string' ? v : bad('string');
    case 'bool':
      return typeof v === 'boolean' ? v : bad('bool');
    case 'int':
      if (typeof v === 'bigint') return Number(v);
      return typeof v === 'number' && Number.isSafeInteger(v) ? v : bad('int');
    case '[]string':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : bad('[]string');
  }
}

function push(st: State, name: string, value: unknown): void {
  st.vars.push({ name, value });
}

function setVar(st: State, name: string, value: unknown): void {
  for (let i = st.vars.length - 1; i >= 0; i--) {
    if (st.vars[i]!.name === name) {
      st.vars[i]!.value = value;
      return;
    }
  }
  errorf(st, `undefined variable: ${name}`);
}

function varEntry(st: State, name: string): { name: string; value: unknown; iface?: boolean } {
  for (let i = st.vars.length - 1; i >= 0; i--) if (st.vars[i]!.name === name) return st.vars[i]!;
  return errorf(st, `undefined variable: ${name}`);
}

function varValue(st: State, name: string): unknown {
  return varEntry(st, name).value;
}

function walk(st: State, dot: unknown, node: Node): void {
  switch (node.kind) {
    case 'text':
      st.out.push(node.text);
      return;
    case 'list':
      for (const n of node.nodes) walk(st, dot, n);
      return;
    case 'action': {
      const v = evalPipeline(st, dot, node.pipe);
      if (node.pipe.decl.length === 0) printValue(st, node.pipe, v);
      return;
    }
    case 'if':
    case 'with': {
      const mark = st.vars.length;
      try {
        const v = evalPipeline(st, dot, node.pipe);
        if (isTrue(v)) {
          if (node.kind === 'with') {
            const saved = st.dotIface;
            st.dotIface = false; // the pipeline's value is concrete
            try {
              walk(st, v, node.list);
            } finally {
              st.dotIface = saved;
            }
          } else walk(st, dot, node.list);
        } else if (node.elseList) walk(st, dot, node.elseList);
      } finally {
        st.vars.length = mark;
      }
      return;
    }
    case 'range':
      walkRange(st, dot, node);
      return;
    case 'template': {
      // No {{define}} support, so no named template exists: Go's error for a missing one.
      if (node.pipe) evalPipeline(st, dot, node.pipe);
      const ctx = `{{template ${node.quoted}${node.pipe ? ` ${nodeString(node.pipe)}` : ''}}}`;
      throw new TemplateExecError(`template: ${location(st, node.pos)}: executing ${JSON.stringify(st.name)} at <${ctx}>: template ${JSON.stringify(node.name)} not defined`);
    }
    case 'break':
      throw new BreakSignal();
    case 'continue':
      throw new ContinueSignal();
  }
}

function walkRange(st: State, dot: unknown, node: Extract<Node, { kind: 'range' }>): void {
  st.at = node.pipe;
  const mark = st.vars.length;
  try {
    const val = evalPipeline(st, dot, node.pipe);
    const mark2 = st.vars.length;
    // Elements of plain (JSON-like) slices and maps have Go's static type interface {}.
    const elemIface = Array.isArray(val) || isMapLike(val);
    const oneIteration = (index: unknown, elem: unknown): boolean => {
      if (node.pipe.decl.length > 0) {
        if (node.pipe.isAssign) {
          if (node.pipe.decl.length > 1) {
            setVar(st, node.pipe.decl[0]!.ident[0]!, index);
            setVar(st, node.pipe.decl[1]!.ident[0]!, elem);
          } else setVar(st, node.pipe.decl[0]!.ident[0]!, elem);
        } else {
          // The pipeline pushed the variables; overwrite them per iteration, as Go does.
          const first = st.vars[mark2 - node.pipe.decl.length]!;
          const last = st.vars[mark2 - 1]!;
          if (node.pipe.decl.length > 1) first.value = index;
          last.value = elem;
          last.iface = elemIface;
        }
      }
      const m = st.vars.length;
      const saved = st.dotIface;
      st.dotIface = elemIface;
      try {
        walk(st, elem, node.list);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        st.vars.length = m;
        st.dotIface = saved;
      }
      return true;
    };
    let iterated = false;
    if (Array.isArray(val) || val instanceof Uint8Array) {
      for (let i = 0; i < val.length; i++) {
        iterated = true;
        if (!oneIteration(i, val[i])) break;
      }
    } else if (isMapLike(val)) {
      for (const [k, v] of mapEntries(val)) {
        iterated = true;
        if (!oneIteration(k, v)) break;
      }
    } else if ((typeof val === 'number' && Number.isInteger(val)) || typeof val === 'bigint') {
      if (node.pipe.decl.length > 1) {
        errorf(st, `can't use ${formatV(val)} to iterate over more than one variable`);
      }
      for (let i = 0; i < Number(val); i++) {
        iterated = true;
        if (!oneIteration(i, i)) break;
      }
    } else if (val === undefined || val === null) {
      // nothing to iterate (a nil map or slice)
    } else {
      errorf(st, `range can't iterate over ${formatV(val)}`);
    }
    if (!iterated && node.elseList) walk(st, dot, node.elseList);
  } finally {
    st.vars.length = mark;
  }
}

function evalPipeline(st: State, dot: unknown, pipe: PipeNode): unknown {
  st.at = pipe;
  let value: unknown = MISSING;
  for (const cmd of pipe.cmds) value = evalCommand(st, dot, cmd, value);
  for (const v of pipe.decl) {
    if (pipe.isAssign) setVar(st, v.ident[0]!, value);
    else push(st, v.ident[0]!, value);
  }
  return value;
}

function notAFunction(st: State, args: readonly ArgNode[], final: Final): void {
  if (args.length > 1 || final !== MISSING) errorf(st, `can't give argument to non-function ${nodeString(args[0]!)}`);
}

function evalCommand(st: State, dot: unknown, cmd: CommandNode, final: Final): unknown {
  const first = cmd.args[0]!;
  switch (first.kind) {
    case 'field':
      st.at = first;
      return evalFieldChain(st, dot, dot, first, first.ident, cmd.args, final, st.dotIface);
    case 'chain': {
      st.at = first;
      if (first.field.length === 0) errorf(st, 'internal error: no fields in evalChainNode');
      if (first.node.kind === 'nil') errorf(st, `indirection through explicit nil in ${nodeString(first)}`);
      const pipe = evalArg(st, dot, 'any', first.node);
      return evalFieldChain(st, dot, pipe, first, first.field, cmd.args, final);
    }
    case 'identifier':
      return evalFunction(st, dot, first.ident, cmd, final);
    case 'pipe':
      notAFunction(st, cmd.args, final);
      return evalPipeline(st, dot, first);
    case 'variable': {
      st.at = first;
      const entry = varEntry(st, first.ident[0]!);
      if (first.ident.length === 1) {
        notAFunction(st, cmd.args, final);
        return entry.value;
      }
      return evalFieldChain(st, dot, entry.value, first, first.ident.slice(1), cmd.args, final, entry.iface ?? false);
    }
    default:
      break;
  }
  st.at = first;
  notAFunction(st, cmd.args, final);
  switch (first.kind) {
    case 'bool':
      return first.value;
    case 'dot':
      return dot;
    case 'nil':
      return errorf(st, 'nil is not a command');
    case 'number':
      return first.value;
    case 'string':
      return first.text;
    default:
      return errorf(st, `can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }
}

function evalFieldChain(st: State, dot: unknown, receiver: unknown, node: ArgNode, ident: readonly string[], args: readonly ArgNode[], final: Final, ifaceReceiver = false): unknown {
  const n = ident.length;
  // A value looked up in a map is an `interface {}` to Go until printed or passed on; errors name that type.
  let fromMap = ifaceReceiver;
  for (let i = 0; i < n - 1; i++) {
    const wasMap = isMapLike(receiver);
    receiver = evalField(st, dot, ident[i]!, node, [], MISSING, receiver, fromMap);
    fromMap = wasMap;
  }
  return evalField(st, dot, ident[n - 1]!, node, args, final, receiver, fromMap);
}

function evalField(st: State, dot: unknown, field: string, node: ArgNode, args: readonly ArgNode[], final: Final, receiver: unknown, fromMap = false): unknown {
  if (receiver === undefined) return undefined;
  if (receiver === null) return errorf(st, `nil pointer evaluating interface {}.${field}`);
  const hasArgs = args.length > 1 || final !== MISSING;
  if (isMapLike(receiver)) {
    if (hasArgs) errorf(st, `${field} is not a method but has arguments`);
    return mapGet(receiver, field);
  }
  if (isStruct(receiver)) {
    const { found, value } = structLookup(receiver as Record<string, unknown>, field);
    if (found) {
      if (typeof value === 'function') {
        const callArgs = args.slice(1).map((a) => evalArg(st, dot, 'any', a));
        if (final !== MISSING) callArgs.push(final);
        try {
          return (value as (...a: unknown[]) => unknown).apply(receiver, callArgs);
        } catch (e) {
          st.at = node;
          return errorf(st, `error calling ${field}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      if (hasArgs) errorf(st, `${field} has arguments but cannot be invoked as function`);
      return value;
    }
  }
  return errorf(st, `can't evaluate field ${field} in type ${fromMap ? 'interface {}' : goTypeOf(receiver)}`);
}

function evalArg(st: State, dot: unknown, type: ParamType, n: ArgNode): unknown {
  st.at = n;
  let v: unknown;
  switch (n.kind) {
    case 'dot':
      v = dot;
      break;
    case 'nil':
      if (type === 'any') return null;
      if (type === '[]string') return []; // a nil slice
      return checkParam(st, type, null, n);
    case 'field':
      v = evalFieldChain(st, dot, dot, n, n.ident, [n], MISSING, st.dotIface);
      break;
    case 'variable': {
      const entry = varEntry(st, n.ident[0]!);
      v = n.ident.length === 1 ? entry.value : evalFieldChain(st, dot, entry.value, n, n.ident.slice(1), [n], MISSING, entry.iface ?? false);
      break;
    }
    case 'pipe':
      v = evalPipeline(st, dot, n);
      break;
    case 'identifier':
      v = evalFunction(st, dot, n.ident, { kind: 'command', pos: n.pos, args: [n] }, MISSING);
      break;
    case 'chain':
      v = evalCommand(st, dot, { kind: 'command', pos: n.pos, args: [n] }, MISSING);
      break;
    case 'bool':
      v = n.value;
      break;
    case 'number':
      v = n.value;
      break;
    case 'string':
      v = n.text;
      break;
  }
  return checkParam(st, type, v, n);
}

function evalFunction(st: State, dot: unknown, name: string, cmd: CommandNode, final: Final): unknown {
  st.at = cmd.args[0]!;
  const f = st.funcs.get(name);
  if (!f) return errorf(st, `${JSON.stringify(name)} is not a defined function`);
  const args = cmd.args.slice(1);
  const numIn = args.length + (final !== MISSING ? 1 : 0);
  if (f.variadic) {
    const fixed = f.params.length - 1;
    if (numIn < fixed) errorf(st, `wrong number of args for ${name}: want at least ${fixed} got ${args.length}`);
  } else if (numIn !== f.params.length) {
    errorf(st, `wrong number of args for ${name}: want ${f.params.length} got ${numIn}`);
  }
  const paramType = (i: number): ParamType => (f.variadic && i >= f.params.length - 1 ? f.params[f.params.length - 1]! : f.params[i]!);
  if (f.lazy) {
    // and/or: evaluate left to right, stop at the first value that decides the result.
    let v: unknown;
    const all: Array<() => unknown> = args.map((a) => () => evalArg(st, dot, 'any', a));
    if (final !== MISSING) all.push(() => final);
    for (const get of all) {
      v = get();
      if (f.lazy === 'and' ? !isTrue(v) : isTrue(v)) return v;
    }
    return v;
  }
  const values = args.map((a, i) => evalArg(st, dot, paramType(i), a));
  if (final !== MISSING) values.push(checkParam(st, paramType(values.length), final, null));
  try {
    return (f.fn as (...a: unknown[]) => unknown)(...values);
  } catch (e) {
    if (e instanceof TemplateExecError) throw e;
    st.at = cmd; // Go points "error calling" at the whole command
    return errorf(st, `error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function printValue(st: State, node: PipeNode, v: unknown): void {
  st.at = node;
  // A nil interface is unwrapped to "no value" after each command (Go's evalPipeline), so it prints like one.
  if (v === MISSING || v === undefined || v === null) {
    st.out.push('<no value>');
    return;
  }
  if (typeof v === 'function') errorf(st, `can't print ${nodeString(node)} of type ${goTypeOf(v)}`);
  st.out.push(formatV(v));
}

export interface ExecOptions {
  readonly name: string;
  readonly text: string;
  readonly funcs: ReadonlyMap<string, TemplateFunc>;
}

export function execute(tree: ListNode, data: unknown, options: ExecOptions): string {
  const st: State = { name: options.name, text: options.text, funcs: options.funcs, vars: [{ name: '$', value: data }], at: null, out: [], dotIface: false };
  walk(st, data, tree);
  return st.out.join('');
}

export { GO_TYPE };
