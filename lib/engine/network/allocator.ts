/**
 * Host port allocation as libnetwork's portallocator does it: per protocol, a port held on an address conflicts
 * with the same port on that address or on the unspecified address of its family; random ports come from the
 * ephemeral range 32768–60999 sequentially, continuing after the last one handed out (each explicit range keeps its
 * own position), so the first `-P` container gets 32768, the next 32769, even after the first is gone.
 */

export const EPHEMERAL_START = 32768;
export const EPHEMERAL_END = 60999;

interface Held {
  readonly address: string;
  readonly port: number;
  readonly proto: string;
}

const family = (a: string) => (a.includes(':') ? 6 : 4);
const unspecified = (a: string) => a === '0.0.0.0' || a === '::';

export class PortAllocator {
  private readonly _held: Held[] = [];
  /** Last port handed out per `proto/begin-end` range. */
  private readonly _last = new Map<string, number>();

  isFree(address: string, port: number, proto: string): boolean {
    return !this._held.some(
      (h) => h.proto === proto && h.port === port && family(h.address) === family(address) && (h.address === address || unspecified(h.address) || unspecified(address)),
    );
  }

  /** The next free port of [begin, end] on every address in `addresses` (the same number for all), or null. */
  pick(addresses: readonly string[], proto: string, begin = EPHEMERAL_START, end = EPHEMERAL_END): number | null {
    const key = `${proto}/${begin}-${end}`;
    let port = this._last.get(key) ?? begin - 1;
    for (let i = begin; i <= end; i++) {
      port = port >= end ? begin : port + 1;
      if (addresses.every((a) => this.isFree(a, port, proto))) {
        this._last.set(key, port);
        return port;
      }
    }
    return null;
  }

  hold(address: string, port: number, proto: string): void {
    this._held.push({ address, port, proto });
  }

  release(address: string, port: number, proto: string): void {
    const i = this._held.findIndex((h) => h.address === address && h.port === port && h.proto === proto);
    if (i >= 0) this._held.splice(i, 1);
  }
}
