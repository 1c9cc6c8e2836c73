/**
 * What the terminal module gives the docker engine: consoles for `-t` containers (a Pty each) and the forwarding of
 * the user's terminal to them (`docker run -it`, `attach`, `exec -it`). The engine receives these through its options
 * and the host's DOCKER_TERMINAL service, so it never imports the terminal module.
 */
import type { PtyFactory } from '../engine/container/Types';
import type { TerminalBridge } from '../engine/cli/service';
import { createInnerPty, forwardPty } from './forwardPty';
import { Pty } from './Pty';

/** A container's console: a line discipline with echo, the size Docker gives a new pty until a client resizes it. */
export const createConsolePty: PtyFactory = ({ columns, rows }) => new Pty({ columns, rows, echo: true });

export const terminalBridge: TerminalBridge = {
  forward: (outer, inner, options) => forwardPty(outer, inner, options),
  createPty: (outer) => (outer ? createInnerPty(outer) : createConsolePty({ columns: 80, rows: 24 })),
};
