/** What running Python code can end in: a raised exception, a syntax error, exit(), or something not simulated. */

/** A Python exception (`NameError: name 'x' is not defined`); `line` is where it was raised, once known. */
export class PyException extends Error {
  line: number | undefined;
  constructor(
    readonly type: string,
    readonly detail: string,
  ) {
    super(`${type}: ${detail}`);
  }
}

/** A compile-time error: CPython prints the file, line, source and a caret before the message. */
export class PySyntaxError extends Error {
  constructor(
    readonly msg: string,
    readonly line: number,
    readonly col: number,
    readonly text: string,
    readonly type: 'SyntaxError' | 'IndentationError' = 'SyntaxError',
    /** How many carets Python 3.12 draws (1 for most errors). */
    readonly width = 1,
  ) {
    super(msg);
  }
}

/** `sys.exit(n)`, `exit()`, `quit()`. */
export class PyExit extends Error {
  constructor(
    readonly status: number,
    /** `sys.exit("text")` prints the text on stderr. */
    readonly text?: string,
  ) {
    super('exit');
  }
}

/** Valid Python that layerlab does not run (classes, try, third-party libraries...): said plainly, never faked. */
export class PyNotSimulated extends Error {
  constructor(readonly what: string) {
    super(what);
  }
}
