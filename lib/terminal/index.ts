/**
 * lib/terminal: the line discipline between a screen+keyboard (xterm in the page, stdin/stdout in the CLI) and
 * the simulated programs.
 *
 * - `Pty`: a `Tty` with canonical/raw/isig modes, type-ahead, a readline-style `readLine`, quiet mode
 *   (`echo: false`) and input demand (`onInputWanted`) for feeding scripts.
 * - `forwardPty` / `createInnerPty`: nested interactive sessions (`docker run -it`), detach keys.
 * - `createHostSession`: the learner's host and login shell on a Pty (used by the page and the CLI); `openShell`
 *   adds another login shell on the same host (the page's terminal tabs).
 * - `BrowserFiles` / `download`: host files offered as browser downloads; `Shell.upload` puts the learner's files
 *   into the shell's working directory (the page implements the DOM side in components/terminal).
 */

export { Pty, type PtyOptions } from './Pty';
export { createInnerPty, DEFAULT_DETACH_KEYS, forwardPty, type ForwardOptions } from './forwardPty';
export { createHostSession, LEARNER_PATH, type HostSession, type HostSessionOptions, type Shell, type ShellOptions } from './session';
export { BROWSER_FILES, type BrowserFiles } from './browserFiles';
