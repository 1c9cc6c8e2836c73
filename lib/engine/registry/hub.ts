/**
 * The simulated Docker Hub's accounts and storage for what learners push. Official images come from the catalog;
 * `docker login` creates an account on first use (any Docker ID and a non-empty password) and checks the password
 * afterwards; a logged-in user may push to their own namespace only (`alice/app`), everything else is Docker
 * Hub's `denied: requested access to the resource is denied`.
 */
import { EngineError } from '../errors';
import type { Digest } from '../format/digest';
import type { NetStack } from '../network/Network';
import { RegistryStore } from './RegistryStore';

export const HUB_SERVER = 'https://index.docker.io/v1/';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export const accessDenied = () => new EngineError('Denied', 'forbidden', 'denied: requested access to the resource is denied', {}, false);

const incorrect = () =>
  new EngineError('Unauthorized', 'unauthorized', 'Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password');

/** Docker IDs: 4 to 30 lower-case letters and digits. */
const DOCKER_ID = /^[a-z0-9]{4,30}$/;

export class Hub {
  readonly registry = new RegistryStore();
  /**
   * Layers this daemon pushed to registries on the network: `<host> <diff_id>` → blob digest, size, repository
   * (the daemon's v2 metadata, which lets a later push mount the blob instead of uploading it).
   */
  readonly remoteBlobs = new Map<string, { digest: Digest; size: number; repo: string }>();
  /** The network stack of the host the daemon runs on (set when the host connects); registries are reached through it. */
  hostNetwork: (() => NetStack | undefined) | undefined;
  private readonly _accounts = new Map<string, string>();

  /** Checks credentials (registering a new Docker ID on first login). */
  login(c: Credentials): void {
    if (!DOCKER_ID.test(c.username) || c.password === '') throw incorrect();
    const known = this._accounts.get(c.username);
    if (known === undefined) this._accounts.set(c.username, c.password);
    else if (known !== c.password) throw incorrect();
  }

  /** Whether `c` may push to the repository at `path` (`alice/app`). */
  mayPush(c: Credentials | undefined, path: string): boolean {
    if (!c || this._accounts.get(c.username) !== c.password) return false;
    return path.startsWith(`${c.username}/`);
  }
}
