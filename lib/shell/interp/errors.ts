/** Control flow and errors inside the interpreter. None of these leaves the shell program. */

/**
 * An expansion or assignment error (`${x:?}`, unbound variable, bad substitution, arithmetic, readonly). The
 * message is printed with the shell's prefix; a non-interactive shell then exits with `status`, an interactive one
 * abandons the command line.
 */
export class ShellError extends Error {
  override readonly name = 'ShellError';
  constructor(
    message: string,
    readonly status: number,
    readonly kind: 'param' | 'expr' | 'readonly' | 'other',
  ) {
    super(message);
  }
}

export class ExitSignal {
  constructor(readonly status: number) {}
}
export class ReturnSignal {
  constructor(readonly status: number) {}
}
export class BreakSignal {
  constructor(public levels: number) {}
}
export class ContinueSignal {
  constructor(public levels: number) {}
}
/** SIGINT in an interactive shell: abandon the command line and prompt again. */
export class InterruptSignal {}
