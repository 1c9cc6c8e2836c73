/**
 * The few host globals lib/ uses, declared by shape so lib/ compiles without the DOM or Node typings
 * (the xterm.js trick: common code declares just what it needs). Both browsers and Node provide them.
 */
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(cb: () => void): void;

declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

declare const performance: { now(): number };

declare class MessageChannel {
  readonly port1: { onmessage: ((ev: unknown) => void) | null; close(): void };
  readonly port2: { postMessage(msg: unknown): void; close(): void };
}
