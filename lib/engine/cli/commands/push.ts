/**
 * `docker push` / `docker image push` (docker/cli cli/command/image/push.go; daemon side in
 * lib/engine/registry/pushHub.ts). Credentials come from `~/.docker/config.json` (what `docker login` stored).
 * The daemon's progress goes through jsonmessage's display (cli/format/jsonmessage.ts): on a terminal one line per
 * layer rewritten in place (`Pushing [==>  ]  1.2MB/3.4MB`, then `Pushed`); to a pipe one message per line without
 * byte counts. Errors the daemon reports inside the stream (`denied: …`) print without the
 * `Error response from daemon: ` prefix.
 */
import { clientError } from '../../errors';
import { InvalidReferenceError, parseNormalizedNamed, referenceName, type Reference } from '../../format/reference';
import { HUB_SERVER } from '../../registry/hub';
import { pushToHub } from '../../registry/pushHub';
import { RegistryClient } from '../../registry/distribution/client';
import { pushToRemote } from '../../registry/distribution/remotePush';
import { registryUnreachable } from '../../registry/pull';
import { NETWORK } from '../../network/Network';
import { storedCredentials } from '../dockerConfig';
import type { CommandSpec } from '../command';
import { progressDisplay } from '../format/jsonmessage';
import type { PullEvent } from '../../registry/pull';

export const push: CommandSpec = {
  name: 'push',
  usage: '[OPTIONS] NAME[:TAG]',
  short: 'Upload an image to a registry',
  group: 'image',
  topLevel: 'push',
  commonRank: 7,
  flags: [
    { name: 'all-tags', short: 'a', kind: 'bool', usage: 'Push all tags of an image to the repository' },
    { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image signing', default: true },
    { name: 'platform', kind: 'string', usage: 'Push a platform-specific manifest as a single-platform image to the registry.\nImage index won\'t be pushed, meaning that other manifests, including attestations won\'t be preserved.\n\'os[/arch[/variant]]\': Explicit platform (eg. linux/amd64)' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress verbose output' },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    let named: Reference;
    try {
      named = parseNormalizedNamed(ctx.args[0]!);
    } catch (e) {
      if (e instanceof InvalidReferenceError) throw clientError(e.message);
      throw e;
    }
    const all = ctx.flags.bool('all-tags');
    const quiet = ctx.flags.bool('quiet');
    if (all && (named.tag !== undefined || named.digest !== undefined)) throw clientError('tag can\'t be used with --all-tags/-a');
    const refs: Reference[] = [];
    if (all) {
      for (const [r] of ctx.engine.images.references()) {
        if (r.digest === undefined && referenceName(r) === referenceName(named)) refs.push(r);
      }
      refs.sort((a, b) => (a.tag! < b.tag! ? -1 : 1));
      if (refs.length === 0) refs.push({ ...named, tag: 'latest' });
    } else {
      if (named.tag === undefined && named.digest === undefined && !quiet) await ctx.out('Using default tag: latest\n');
      refs.push(named.tag === undefined ? { ...named, tag: 'latest' } : named);
    }
    const creds = storedCredentials(ctx.proc, HUB_SERVER);
    const now = () => ctx.engine.clock.now();
    const display = progressDisplay(ctx.proc.stdout, ctx.proc.tty, now);
    let header = false;
    const onEvent = async (e: PullEvent) => {
      // One header for an --all-tags push.
      if (e.status.startsWith('The push refers to repository')) {
        if (header) return;
        header = true;
      }
      if (!quiet) await display.show(e);
    };
    for (const ref of refs) {
      if (ref.domain === 'docker.io') {
        await pushToHub(ctx.engine, ref, creds, onEvent, now);
        continue;
      }
      // Registries on the simulated network, reached the way the daemon on this host reaches them.
      const net = ctx.proc.sys.service(NETWORK);
      if (!net) throw registryUnreachable(ref.domain);
      await pushToRemote(ctx.engine.images, ctx.engine.hub, new RegistryClient(net, ref.domain), ref, onEvent, now);
    }
    if (quiet) await ctx.out(`${referenceName(named)}${all ? '' : `:${refs[0]!.tag}`}\n`);
  },
};
