/**
 * The daemon's side of the Registry HTTP API v2 for registries on the simulated network (`localhost:5000`, a
 * `registry:2` container behind a published port): one request per connection over the host's network stack, as
 * plain HTTP (Docker allows it for localhost). Used by push and pull to non-Hub registries.
 */
import { isNetError } from '../../network/errors';
import { ByteReader, HttpHeaders, encodeRequest, readResponse, type HttpResponse } from '../../network/http';
import type { NetStack } from '../../network/Network';
import { EngineError } from '../../errors';

export class RegistryClient {
  /**
   * Docker tries HTTPS first and falls back to plain HTTP for localhost; the error it reports is the HTTP one.
   */
  constructor(
    private readonly _net: NetStack,
    /** `localhost:5000` */
    readonly host: string,
  ) {}

  private _unreachable(): EngineError {
    return new EngineError('RegistryUnreachable', 'system', `Get "http://${this.host}/v2/": dial tcp ${this._address()}: connect: connection refused`);
  }

  private _address(): string {
    const [name, port] = this.host.split(':');
    return `${this._net.resolve(name ?? '') ?? name}:${port ?? '443'}`;
  }

  async request(method: string, target: string, body: Uint8Array = new Uint8Array(0), headers: Array<[string, string]> = []): Promise<HttpResponse> {
    const [name, portText] = this.host.split(':');
    const address = this._net.resolve(name ?? '');
    const port = Number(portText ?? '443');
    if (!address) throw new EngineError('RegistryUnreachable', 'system', `Get "http://${this.host}/v2/": dial tcp: lookup ${name}: no such host`);
    let socket;
    try {
      socket = this._net.connect(address, port);
    } catch (e) {
      if (isNetError(e)) throw this._unreachable();
      throw e;
    }
    try {
      const h = new HttpHeaders([['Host', this.host], ['User-Agent', 'docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.1.0 os/linux arch/amd64 UpstreamClient(Docker-Client/27.3.1 \\(linux\\))'], ...headers]);
      h.set('Content-Length', String(body.length));
      h.set('Connection', 'close');
      await socket.output.write(encodeRequest({ method, target, version: 'HTTP/1.1', headers: h, body }));
      const res = await readResponse(new ByteReader(socket.input), method);
      if (!res) throw this._unreachable();
      return res;
    } catch (e) {
      if (isNetError(e)) throw this._unreachable();
      throw e;
    } finally {
      socket.close();
    }
  }
}
