/**
 * `docker build [OPTIONS] PATH | -` (and `docker image build`): reads the context directory from the host
 * filesystem (with `.dockerignore`), the Dockerfile (`-f`, `-f -` for stdin), and runs the BuildKit builder, or the
 * classic one when `DOCKER_BUILDKIT=0` (docker.md §5). Ctrl-C kills the running step and ends the build with no
 * tag and no image from the interrupted step.
 */
import { ContextError, readContext } from '../../build/context';
import { classicBuild } from '../../build/builder/classic';
import { buildkitBuild } from '../../build/builder/buildkit';
import { BuildCancellation } from '../../build/builder/run';
import { DockerignoreError } from '../../build/dockerignore';
import { InvalidReferenceError, parseNormalizedNamed, tagNameOnly, type Reference } from '../../format/reference';
import { isFsError } from '../../fs/Types';
import { resolvePath } from '../../fs/path';
import { humanSize } from '../format/units';
import { progressDisplay } from '../format/jsonmessage';
import type { PullEvent } from '../../registry/pull';
import { SignalExit } from '../../process/Types';
import { CliError, type CommandSpec } from '../command';

const DEPRECATION =
  'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n' +
  '            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n' +
  '            environment-variable.\n\n';

function isClassic(env: ReadonlyMap<string, string>): boolean {
  const v = env.get('DOCKER_BUILDKIT');
  return v !== undefined && ['0', 'false', 'FALSE', 'False', 'f', 'F'].includes(v);
}

async function readAll(read: () => Promise<Uint8Array | null>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (let c = await read(); c !== null; c = await read()) {
    chunks.push(c);
    n += c.length;
  }
  const out = new Uint8Array(n);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

export const build: CommandSpec = {
  name: 'build',
  usage: '[OPTIONS] PATH | URL | -',
  short: 'Build an image from a Dockerfile',
  group: 'image',
  topLevel: 'build',
  commonRank: 3,
  flags: [
    { name: 'build-arg', kind: 'list', usage: 'Set build-time variables' },
    { name: 'file', short: 'f', kind: 'string', usage: "Name of the Dockerfile (Default is 'PATH/Dockerfile')" },
    { name: 'force-rm', kind: 'bool', usage: 'Always remove intermediate containers' },
    { name: 'label', kind: 'list', usage: 'Set metadata for an image' },
    { name: 'no-cache', kind: 'bool', usage: 'Do not use cache when building the image' },
    { name: 'platform', kind: 'string', usage: 'Set platform if server is multi-platform capable' },
    { name: 'progress', kind: 'string', usage: 'Set type of progress output ("auto", "plain", "tty", "rawjson"). Use plain to show container output', default: 'auto' },
    { name: 'pull', kind: 'bool', usage: 'Always attempt to pull a newer version of the image' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress the build output and print image ID on success' },
    { name: 'rm', kind: 'bool', usage: 'Remove intermediate containers after a successful build', default: true },
    { name: 'tag', short: 't', kind: 'list', usage: 'Name and optionally a tag in the "name:tag" format' },
    { name: 'target', kind: 'string', usage: 'Set the target build stage to build.' },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    const proc = ctx.proc;
    const classic = isClassic(proc.env);
    const fail = (message: string): never => {
      throw new CliError(classic ? message : `ERROR: failed to build: ${message}`, 1);
    };
    const tags: Reference[] = [];
    for (const t of ctx.flags.list('tag')) {
      try {
        tags.push(tagNameOnly(parseNormalizedNamed(t)));
      } catch (e) {
        if (e instanceof InvalidReferenceError) throw new CliError(`invalid argument "${t}" for "-t, --tag" flag: ${e.message}`, 125);
        throw e;
      }
    }
    const buildArgs = new Map<string, string | undefined>();
    for (const a of ctx.flags.list('build-arg')) {
      const eq = a.indexOf('=');
      if (eq < 0) buildArgs.set(a, proc.env.get(a));
      else buildArgs.set(a.slice(0, eq), a.slice(eq + 1));
    }
    const labels: Record<string, string> = {};
    for (const l of ctx.flags.list('label')) {
      const eq = l.indexOf('=');
      labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
    }
    const progress = ctx.flags.string('progress');
    if (!['auto', 'plain', 'tty', 'rawjson', 'quiet'].includes(progress) && !classic) fail(`invalid progress mode "${progress}"`);
    const quiet = ctx.flags.bool('quiet') || progress === 'quiet';
    // BuildKit's display: the redrawn TTY view when stderr is a terminal (auto) or asked for, else plain lines.
    const terminal = proc.stderr.isTTY && proc.tty !== null ? proc.tty : null;
    if (progress === 'tty' && !terminal && !classic) throw new CliError('ERROR: failed to get console: provided file is not a console', 1);
    const display: 'plain' | 'tty' = (progress === 'auto' || progress === 'tty') && terminal ? 'tty' : 'plain';

    const arg = ctx.args[0]!;
    if (arg === '-') throw new CliError(classic ? 'layerlab does not simulate a build context read from stdin' : 'ERROR: layerlab does not simulate a build context read from stdin', 1);
    if (/^(https?|git):\/\/|^git@/.test(arg)) fail(`unable to prepare context: layerlab does not simulate remote build contexts (${arg})`);
    const root = resolvePath(proc.cwd, arg);
    try {
      if (proc.fs.stat(root).type !== 'dir') fail(`unable to prepare context: path "${arg}" not found`);
    } catch (e) {
      if (isFsError(e)) fail(`unable to prepare context: path "${arg}" not found`);
      throw e;
    }

    // The Dockerfile: -f is relative to the current directory; the default is PATH/Dockerfile.
    const fileFlag = ctx.flags.string('file');
    let dockerfileText: string;
    let dockerfileRel: string | undefined;
    let dockerfileName = 'Dockerfile';
    let dockerfilePath: string | undefined;
    if (fileFlag === '-') {
      dockerfileText = new TextDecoder().decode(await readAll(() => proc.stdin.read()));
    } else {
      const path = fileFlag === '' ? `${root === '/' ? '' : root}/Dockerfile` : resolvePath(proc.cwd, fileFlag);
      dockerfileName = path.slice(path.lastIndexOf('/') + 1);
      dockerfilePath = path;
      if (path.startsWith(`${root === '/' ? '' : root}/`)) dockerfileRel = path.slice(root === '/' ? 1 : root.length + 1);
      try {
        dockerfileText = new TextDecoder().decode(proc.fs.readFile(path));
      } catch (e) {
        if (!isFsError(e)) throw e;
        if (classic) throw new CliError(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${path}: no such file or directory`, 1);
        if (!quiet) {
          await ctx.err(`#0 building with "default" instance using docker driver\n\n#1 [internal] load build definition from ${dockerfileName}\n#1 transferring dockerfile: 2B done\n#1 DONE 0.0s\n`);
        }
        throw new CliError(`ERROR: failed to build: failed to solve: failed to read dockerfile: open ${dockerfileName}: no such file or directory`, 1);
      }
    }

    let read;
    try {
      read = readContext(proc.fs, {
        root,
        ...(dockerfileRel !== undefined ? { dockerfile: dockerfileRel } : {}),
        // BuildKit: `<Dockerfile>.dockerignore` next to the Dockerfile wins over the context's .dockerignore.
        ...(!classic && dockerfilePath !== undefined ? { ignoreFile: `${dockerfilePath}.dockerignore` } : {}),
        classic,
      });
    } catch (e) {
      if (e instanceof ContextError) return fail(e.message);
      if (e instanceof DockerignoreError) return fail(e.message);
      throw e;
    }

    const cancellation = new BuildCancellation();
    const off = proc.signals.onSignal((sig) => {
      if (sig === 'SIGINT' || sig === 'SIGTERM' || sig === 'SIGKILL' || sig === 'SIGHUP') cancellation.cancel();
    });
    const pullDisplay = progressDisplay(proc.stdout, proc.tty, () => ctx.engine.clock.now());
    const request = {
      engine: ctx.engine,
      dockerfileText: classic && Object.keys(labels).length > 0 ? withLabelInstruction(dockerfileText, labels) : dockerfileText,
      dockerfileName,
      context: read.context,
      dockerignore: read.dockerignore,
      tags,
      buildArgs,
      labels,
      noCache: ctx.flags.bool('no-cache'),
      target: ctx.flags.changed.has('target') ? ctx.flags.string('target') : undefined,
      quiet,
      progress: display,
      ...(terminal ? { terminal: () => ({ columns: terminal.columns, rows: terminal.rows }) } : {}),
      removeIntermediate: ctx.flags.bool('rm'),
      forceRemove: ctx.flags.bool('force-rm'),
      cancellation,
      showPull: (e: PullEvent) => pullDisplay.show(e),
      out: (d: string | Uint8Array) => proc.stdout.write(d),
      err: (d: string | Uint8Array) => proc.stderr.write(d),
    };
    try {
      if (classic) {
        await proc.stderr.write(DEPRECATION);
        if (!quiet) await proc.stdout.write(`Sending build context to Docker daemon ${humanSize(read.context.tarSize).padStart(8)}\n`);
        const status = await classicBuild(request);
        if (cancellation.cancelled) throw new SignalExit('SIGINT');
        return status;
      }
      const status = await buildkitBuild(request);
      if (cancellation.cancelled) throw new SignalExit('SIGINT');
      return status;
    } finally {
      off();
    }
  },
};

/** The classic builder adds `--label`s as one more LABEL instruction at the end of the Dockerfile (moby builder.go). */
function withLabelInstruction(text: string, labels: Readonly<Record<string, string>>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${JSON.stringify(k)}=${JSON.stringify(labels[k])}`);
  return `${text.endsWith('\n') ? text : `${text}\n`}LABEL ${pairs.join(' ')}\n`;
}
