/**
 * The daemon's side of `docker login <host>` for registries on the simulated network (moby registry/auth.go
 * loginV2): ping `GET /v2/` on the registry's endpoint. `registry:2` as shipped has no `auth` section, so it
 * answers 200 to anyone and every username/password is accepted (Docker still stores them). Endpoints: loopback
 * hosts (`localhost`, 127.0.0.0/8) are insecure registries, reached over plain HTTP, whose error is the one
 * reported; a name nothing resolves fails on its HTTPS endpoint's DNS lookup.
 */
import { EngineError } from '../../errors';
import { STATUS_TEXT } from '../../network/http';
import type { NetStack } from '../../network/Network';
import { RegistryClient } from './client';

export async function loginRemote(net: NetStack | undefined, host: string): Promise<void> {
  const name = host.split(':')[0] ?? host;
  if (!net || !net.resolve(name)) {
    throw new EngineError('RegistryUnreachable', 'system', `Get "https://${host}/v2/": dial tcp: lookup ${name}: no such host`);
  }
  const endpoint = `http://${host}/v2/`;
  const res = await new RegistryClient(net, host).request('GET', '/v2/');
  if (res.status === 200) return;
  throw new EngineError('LoginFailed', 'system', `login attempt to ${endpoint} failed with status: ${res.status} ${STATUS_TEXT[res.status] ?? ''}`);
}
