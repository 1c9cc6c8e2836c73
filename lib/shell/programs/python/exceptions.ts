/** Exception classes: the builtin hierarchy of each major version (plus redis-py's), instances, `except` matching. */

import { PyException } from './errors';
import { type Major, type PyInstance, type PyType, type PyValue, repr, str, tuple } from './values';

/** Each class's base. Python 2 puts StandardError between Exception and most builtins. */
function parentOf(name: string, major: Major): string | undefined {
  const std = major === 2 ? 'StandardError' : 'Exception';
  const table: Record<string, string> = {
    Exception: 'BaseException',
    KeyboardInterrupt: 'BaseException',
    SystemExit: 'BaseException',
    StandardError: 'Exception',
    ArithmeticError: std,
    ZeroDivisionError: 'ArithmeticError',
    OverflowError: 'ArithmeticError',
    LookupError: std,
    KeyError: 'LookupError',
    IndexError: 'LookupError',
    ValueError: std,
    TypeError: std,
    NameError: std,
    AttributeError: std,
    ImportError: std,
    ModuleNotFoundError: 'ImportError',
    RuntimeError: std,
    NotImplementedError: 'RuntimeError',
    EOFError: std,
    EnvironmentError: std,
    IOError: major === 2 ? 'EnvironmentError' : 'OSError',
    OSError: major === 2 ? 'EnvironmentError' : 'Exception',
    'socket.error': major === 2 ? 'IOError' : 'OSError',
    'redis.exceptions.RedisError': 'Exception',
    'redis.exceptions.ConnectionError': 'redis.exceptions.RedisError',
    'redis.exceptions.TimeoutError': 'redis.exceptions.RedisError',
    'redis.exceptions.ResponseError': 'redis.exceptions.RedisError',
  };
  return table[name];
}

export function isSubclass(name: string, base: string, major: Major): boolean {
  for (let n: string | undefined = name; n !== undefined; n = parentOf(n, major)) if (n === base) return true;
  return false;
}

export const BUILTIN_EXCEPTIONS = ['BaseException', 'Exception', 'ArithmeticError', 'ZeroDivisionError', 'OverflowError', 'LookupError', 'KeyError', 'IndexError', 'ValueError', 'TypeError', 'NameError', 'AttributeError', 'ImportError', 'RuntimeError', 'NotImplementedError', 'EOFError', 'EnvironmentError', 'IOError', 'OSError', 'KeyboardInterrupt', 'SystemExit'];

/** The value an `except ... as e` binds: str(e) is the message, repr(e) the constructor call. */
export function exceptionValue(e: PyException, major: Major, args?: readonly PyValue[]): PyInstance {
  const a = args ?? (e.detail === '' ? [] : [e.detail]);
  const short = e.type.slice(e.type.lastIndexOf('.') + 1);
  const inner = a.map((x) => repr(x, major)).join(', ');
  const text = `${short}(${inner}${major === 2 && a.length === 1 ? ',' : ''})`;
  return { kind: 'instance', cls: short, attrs: new Map<string, PyValue>([['args', tuple(a)], ['__str__', e.detail], ['__exc__', e.type]]), text };
}

/** An exception class: calling it makes an instance; `raise` of the class or an instance throws it. */
export function exceptionType(qualified: string, major: Major): PyType {
  const short = qualified.slice(qualified.lastIndexOf('.') + 1);
  return {
    kind: 'type',
    name: short,
    call: (args) => {
      const detail = args.length === 1 ? str(args[0]!, major) : args.length === 0 ? '' : repr(tuple(args), major);
      return exceptionValue(Object.assign(new PyException(qualified, detail), {}), major, args);
    },
    ...{ qualified },
  } as PyType;
}

/** The qualified class name of an exception class or instance, or undefined when the value is neither. */
export function exceptionName(v: PyValue): string | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  if (v.kind === 'type') return (v as PyType & { qualified?: string }).qualified;
  if (v.kind === 'instance') {
    const q = v.attrs.get('__exc__');
    return typeof q === 'string' ? q : undefined;
  }
  return undefined;
}
