/**
 * The client's `~/.docker/config.json` (docker/cli cli/config/configfile): where `docker login` stores credentials
 * (`auths.<server>.auth` = base64 of `user:password`, the plain file store) and `docker push` finds them. The CLI
 * writes it with tab indentation, mode 0600, in a 0700 directory; `$DOCKER_CONFIG` moves the directory.
 */
import { resolvePath } from '../fs/path';
import { isFsError } from '../fs/Types';
import { goMarshalIndent, parseGoJson, type GoJson } from '../format/json';
import type { ProcessContext } from '../process/Types';
import type { Credentials } from '../registry/hub';

export function configDir(ctx: ProcessContext): string {
  const override = ctx.env.get('DOCKER_CONFIG');
  if (override) return resolvePath(ctx.cwd, override);
  return `${ctx.env.get('HOME') ?? '/root'}/.docker`;
}

export const configPath = (ctx: ProcessContext) => `${configDir(ctx)}/config.json`;

type Auths = Record<string, { auth?: string }>;

function readConfig(ctx: ProcessContext): Record<string, unknown> {
  try {
    const raw = parseGoJson(ctx.fs.readFile(configPath(ctx)));
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  } catch (e) {
    if (isFsError(e)) return {};
    // A config file that is not JSON: docker warns and carries on with an empty one.
    return {};
  }
}

function writeConfig(ctx: ProcessContext, cfg: Record<string, unknown>): void {
  const dir = configDir(ctx);
  try {
    ctx.fs.mkdir(dir, 0o700);
  } catch (e) {
    if (!isFsError(e, 'EEXIST')) throw e;
  }
  const text = goMarshalIndent(cfg as GoJson, '', '\t');
  ctx.fs.writeFile(configPath(ctx), new TextEncoder().encode(text), { mode: 0o600 });
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (Go's base64.StdEncoding, what the auth field holds). */
function b64(s: string): string {
  const b = new TextEncoder().encode(s);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < b.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < b.length ? B64[n & 63]! : '=');
  }
  return out;
}

function unb64(s: string): string {
  const clean = s.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean)) throw new RangeError('illegal base64 data');
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return new TextDecoder().decode(new Uint8Array(out));
}

export function storedCredentials(ctx: ProcessContext, server: string): Credentials | undefined {
  const auths = (readConfig(ctx).auths ?? {}) as Auths;
  const auth = auths[server]?.auth;
  if (!auth) return undefined;
  try {
    const text = unb64(auth);
    const i = text.indexOf(':');
    return i < 0 ? undefined : { username: text.slice(0, i), password: text.slice(i + 1) };
  } catch {
    return undefined;
  }
}

export function storeCredentials(ctx: ProcessContext, server: string, c: Credentials): void {
  const cfg = readConfig(ctx);
  const auths = { ...((cfg.auths ?? {}) as Auths), [server]: { auth: b64(`${c.username}:${c.password}`) } };
  writeConfig(ctx, { ...cfg, auths });
}

/** Removes the server's entry; false when there was none. */
export function eraseCredentials(ctx: ProcessContext, server: string): boolean {
  const cfg = readConfig(ctx);
  const auths = { ...((cfg.auths ?? {}) as Auths) };
  if (!(server in auths)) return false;
  delete auths[server];
  writeConfig(ctx, { ...cfg, auths });
  return true;
}
