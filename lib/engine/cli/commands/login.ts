/**
 * `docker login` / `docker logout` against the simulated Docker Hub (docker/cli cli/command/registry/login.go,
 * logout.go; docker.md §4.11). Prompts `Username: ` / `Password: ` (no echo) on a terminal; `-p` warns that it
 * is insecure; `--password-stdin` reads the password from stdin. The daemon checks the credentials
 * (lib/engine/registry/hub.ts); the CLI stores them in `~/.docker/config.json` with Docker's warning about
 * unencrypted storage, then prints `Login Succeeded`. Other registries (`docker login localhost:5000`, a
 * registry:2 container) are pinged by the daemon (registry/distribution/login.ts); their credentials are stored
 * under the host name, as the CLI's ConvertToHostname does.
 */
import { isEngineError } from '../../errors';
import { loginRemote } from '../../registry/distribution/login';
import { NETWORK } from '../../network/Network';
import { HUB_SERVER, type Credentials } from '../../registry/hub';
import { configPath, eraseCredentials, storeCredentials, storedCredentials } from '../dockerConfig';
import { CliError, type CommandContext, type CommandSpec } from '../command';

const INSECURE = 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n';

function serverOf(arg: string | undefined): string | undefined {
  if (arg === undefined) return undefined;
  const host = arg.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(host) ? undefined : host;
}

async function readLine(ctx: CommandContext): Promise<string> {
  let line = '';
  for (;;) {
    const chunk = await ctx.proc.stdin.read();
    if (chunk === null) return line;
    const text = new TextDecoder().decode(chunk);
    const nl = text.indexOf('\n');
    if (nl >= 0) {
      line += text.slice(0, nl);
      const rest = chunk.subarray(new TextEncoder().encode(text.slice(0, nl + 1)).length);
      if (rest.length) ctx.proc.stdin.unread(rest);
      return line.replace(/\r$/, '');
    }
    line += text;
  }
}

async function readPassword(ctx: CommandContext): Promise<string> {
  const tty = ctx.proc.tty;
  const mode = tty?.getMode();
  tty?.setMode({ echo: false });
  try {
    return await readLine(ctx);
  } finally {
    if (mode) tty?.setMode({ echo: mode.echo });
    await ctx.out('\n');
  }
}

export const login: CommandSpec = {
  name: 'login',
  usage: '[OPTIONS] [SERVER]',
  short: 'Authenticate to a registry',
  commonRank: 9,
  flags: [
    { name: 'password', short: 'p', kind: 'string', usage: 'Password or Personal Access Token (PAT)' },
    { name: 'password-stdin', kind: 'bool', usage: 'Take the Password or Personal Access Token (PAT) from stdin' },
    { name: 'username', short: 'u', kind: 'string', usage: 'Username' },
  ],
  args: { kind: 'max', n: 1 },
  async run(ctx) {
    let username = ctx.flags.string('username');
    let password = ctx.flags.string('password');
    const fromStdin = ctx.flags.bool('password-stdin');
    if (password !== '') {
      await ctx.err(INSECURE);
      if (fromStdin) throw new CliError('--password and --password-stdin are mutually exclusive');
    }
    if (fromStdin) {
      if (username === '') throw new CliError('Must provide --username with --password-stdin');
      const chunks: string[] = [];
      for (let c = await ctx.proc.stdin.read(); c !== null; c = await ctx.proc.stdin.read()) chunks.push(new TextDecoder().decode(c));
      password = chunks.join('').replace(/\n$/, '').replace(/\r$/, '');
    }
    const server = serverOf(ctx.args[0]);
    const key = server ?? HUB_SERVER;
    const engine = ctx.engine;
    // The daemon's check: the Hub knows its accounts; a registry on the network is asked over the Registry API.
    const check = async (c: Credentials) => {
      if (server === undefined) engine.hub.login(c);
      else await loginRemote(ctx.proc.sys.service(NETWORK), server);
    };
    const stored = storedCredentials(ctx.proc, key);
    if (username === '' && password === '' && stored) {
      // Existing credentials are tried first, as docker does.
      await ctx.err(`Authenticating with existing credentials... [Username: ${stored.username}]\n\n`);
      try {
        await check(stored);
        await ctx.out('Login Succeeded\n');
        return;
      } catch (e) {
        if (!isEngineError(e)) throw e;
        // The CLI says why and falls back to asking (docker/cli loginWithStoredCredentials).
        await ctx.err(
          e.kind === 'unauthorized' ? 'Stored credentials invalid or expired\n' : `Login did not succeed, error: ${e.daemon ? 'Error response from daemon: ' : ''}${e.message}\n`,
        );
      }
    }
    if (username === '' || password === '') {
      if (!ctx.proc.stdin.isTTY) throw new CliError('error: cannot perform an interactive login from a non-TTY device');
      if (username === '') {
        const prev = stored?.username;
        await ctx.out(prev ? `Username (${prev}): ` : 'Username: ');
        username = (await readLine(ctx)).trim() || (prev ?? '');
        if (username === '') throw new CliError('Error: Non-null Username Required');
      }
      if (password === '') {
        await ctx.out('Password: ');
        password = await readPassword(ctx);
        if (password === '') throw new CliError('Error: Password Required');
      }
    }
    const credentials: Credentials = { username, password };
    await check(credentials);
    storeCredentials(ctx.proc, key, credentials);
    await ctx.err(
      `\nWARNING! Your credentials are stored unencrypted in '${configPath(ctx.proc)}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`,
    );
    await ctx.out('Login Succeeded\n');
  },
};

export const logout: CommandSpec = {
  name: 'logout',
  usage: '[SERVER]',
  short: 'Log out from a registry',
  commonRank: 10,
  flags: [],
  args: { kind: 'max', n: 1 },
  async run(ctx) {
    const server = serverOf(ctx.args[0]) ?? HUB_SERVER;
    if (!eraseCredentials(ctx.proc, server)) {
      await ctx.out(`Not logged in to ${server}\n`);
      return;
    }
    await ctx.out(`Removing login credentials for ${server}\n`);
  },
};
