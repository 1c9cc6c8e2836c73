/**
 * Tab completion for `docker` on the learner's host, in the manner of docker's bash completion
 * (contrib/completion/bash/docker): subcommands and management groups, a command's flags when the word starts with
 * `-`, container names filtered by the state the command needs (`docker start` offers stopped ones, `docker stop`
 * running ones), image names (`alpine` and `alpine:3.20`) where an image goes (`docker pull` too, as there). Flag values are not completed (the flag's argument is skipped).
 *
 * Pure: words in, candidates out (already filtered by the word being completed); the shell's `registerCompletion`
 * hook calls it with the session's engine.
 */
import type { Container } from '../container/Container';
import type { Engine } from '../Engine';
import { familiarName, familiarString } from '../format/reference';
import type { CommandSpec } from './command';
import type { FlagSpec } from './flags';

type ContainerFilter = (c: Container) => boolean;
type ArgKind = { readonly kind: 'containers'; readonly which: ContainerFilter } | { readonly kind: 'images' } | { readonly kind: 'none' };

const all: ContainerFilter = () => true;
const running: ContainerFilter = (c) => c.state.status === 'running';
const runningOrPaused: ContainerFilter = (c) => c.running;
const paused: ContainerFilter = (c) => c.state.status === 'paused';
const stopped: ContainerFilter = (c) => !c.running;

/** What the positional arguments of each command are (by the name in its group, or the top-level name). */
const ARGS: Readonly<Record<string, { readonly kind: ArgKind; readonly onlyFirst?: boolean }>> = {
  'container:rm': { kind: { kind: 'containers', which: all } },
  'container:inspect': { kind: { kind: 'containers', which: all } },
  'container:logs': { kind: { kind: 'containers', which: all }, onlyFirst: true },
  'container:diff': { kind: { kind: 'containers', which: all }, onlyFirst: true },
  'container:commit': { kind: { kind: 'containers', which: all }, onlyFirst: true },
  'container:rename': { kind: { kind: 'containers', which: all }, onlyFirst: true },
  'container:port': { kind: { kind: 'containers', which: all }, onlyFirst: true },
  'container:export': { kind: { kind: 'containers', which: all }, onlyFirst: true },
  'container:wait': { kind: { kind: 'containers', which: all } },
  'container:start': { kind: { kind: 'containers', which: stopped } },
  'container:restart': { kind: { kind: 'containers', which: all } },
  'container:stop': { kind: { kind: 'containers', which: runningOrPaused } },
  'container:kill': { kind: { kind: 'containers', which: runningOrPaused } },
  'container:pause': { kind: { kind: 'containers', which: running } },
  'container:unpause': { kind: { kind: 'containers', which: paused } },
  'container:top': { kind: { kind: 'containers', which: runningOrPaused }, onlyFirst: true },
  'container:exec': { kind: { kind: 'containers', which: running }, onlyFirst: true },
  'container:attach': { kind: { kind: 'containers', which: runningOrPaused }, onlyFirst: true },
  'container:run': { kind: { kind: 'images' }, onlyFirst: true },
  'container:create': { kind: { kind: 'images' }, onlyFirst: true },
  'image:rm': { kind: { kind: 'images' } },
  'image:inspect': { kind: { kind: 'images' } },
  'image:history': { kind: { kind: 'images' }, onlyFirst: true },
  'image:tag': { kind: { kind: 'images' } },
  'image:save': { kind: { kind: 'images' } },
  'image:push': { kind: { kind: 'images' }, onlyFirst: true },
  'image:ls': { kind: { kind: 'images' }, onlyFirst: true },
  // As docker's bash completion: the local names (pulling again updates them).
  'image:pull': { kind: { kind: 'images' }, onlyFirst: true },
};

/** `docker inspect` takes both kinds. */
const INSPECT_ANY = 'inspect';

export interface DockerCompletionSource {
  readonly commands: readonly CommandSpec[];
  /** Absent when the daemon is not reachable: subcommands and flags still complete. */
  readonly engine?: Engine;
}

const GLOBAL_FLAGS = ['--help', '--version', '-h', '-v'];
const GROUP_NAMES = ['container', 'image', 'system'] as const;

function flagWords(flags: readonly FlagSpec[]): string[] {
  const out: string[] = ['--help'];
  for (const f of flags) {
    if (f.hidden) continue;
    out.push(`--${f.name}`);
    if (f.short) out.push(`-${f.short}`);
  }
  return out;
}

/** Positional arguments before `index` once flags (and the values they take) are skipped; null after `--`-less end of flags. */
function positionalsBefore(words: readonly string[], from: number, index: number, flags: readonly FlagSpec[], interspersed: boolean): { count: number; afterFlagValue: boolean } {
  let count = 0;
  let flagsDone = false;
  for (let i = from; i < index; i++) {
    const w = words[i]!;
    if (!flagsDone && w === '--') {
      flagsDone = true;
      continue;
    }
    if (!flagsDone && w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const f = flags.find((x) => x.name === (eq < 0 ? w.slice(2) : w.slice(2, eq)));
      if (f && f.kind !== 'bool' && eq < 0) {
        if (i + 1 === index) return { count, afterFlagValue: true };
        i++;
      }
      continue;
    }
    if (!flagsDone && w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        const f = flags.find((x) => x.short === w[j]);
        if (f && f.kind !== 'bool') {
          if (j === w.length - 1) {
            if (i + 1 === index) return { count, afterFlagValue: true };
            i++;
          }
          break;
        }
      }
      continue;
    }
    count++;
    if (!interspersed) flagsDone = true;
  }
  return { count, afterFlagValue: false };
}

function containerNames(engine: Engine | undefined, which: ContainerFilter): string[] {
  return engine ? engine.containers.list().filter(which).map((c) => c.name) : [];
}

function imageNames(engine: Engine | undefined): string[] {
  if (!engine) return [];
  const out = new Set<string>();
  for (const [ref] of engine.images.references()) {
    if (ref.digest !== undefined) continue;
    out.add(familiarName(ref));
    out.add(familiarString(ref));
  }
  return [...out];
}

function candidatesFor(kind: ArgKind, engine: Engine | undefined): string[] {
  switch (kind.kind) {
    case 'containers':
      return containerNames(engine, kind.which);
    case 'images':
      return imageNames(engine);
    case 'none':
      return [];
  }
}

/** Candidates for `words[index]` of a `docker …` command line (words[0] is `docker`). */
export function completeDocker(words: readonly string[], index: number, src: DockerCompletionSource): string[] {
  const current = words[index] ?? '';
  const keep = (cands: Iterable<string>) => [...new Set(cands)].filter((c) => c.startsWith(current)).sort();
  const top = new Map<string, CommandSpec>();
  const groups = new Map<string, Map<string, CommandSpec>>();
  for (const c of src.commands) {
    if (c.group) {
      const g = groups.get(c.group) ?? new Map<string, CommandSpec>();
      groups.set(c.group, g);
      for (const n of [c.name, ...(c.groupAliases ?? [])]) g.set(n, c);
      if (c.topLevel) top.set(c.topLevel, c);
    } else top.set(c.name, c);
  }
  // Skip the global flags to find the command word.
  let i = 1;
  while (i < index && words[i]!.startsWith('-')) i++;
  if (i === index) {
    if (current.startsWith('-')) return keep(GLOBAL_FLAGS);
    return keep([...top.keys(), ...GROUP_NAMES.filter((g) => groups.has(g))]);
  }
  const first = words[i]!;
  let spec: CommandSpec | undefined;
  let key: string;
  const group = groups.get(first);
  if (group) {
    i++;
    if (i === index) return current.startsWith('-') ? keep(['--help']) : keep(group.keys());
    spec = group.get(words[i]!);
    key = `${first}:${spec?.name ?? ''}`;
  } else {
    spec = top.get(first);
    key = spec?.group ? `${spec.group}:${spec.name}` : first;
  }
  if (!spec) return [];
  if (current.startsWith('-')) return keep(flagWords(spec.flags));
  const { count, afterFlagValue } = positionalsBefore(words, i + 1, index, spec.flags, spec.interspersed ?? true);
  if (afterFlagValue) return [];
  if (key === INSPECT_ANY) return keep([...containerNames(src.engine, all), ...imageNames(src.engine)]);
  const rule = ARGS[key];
  if (!rule || (rule.onlyFirst && count > 0)) return [];
  return keep(candidatesFor(rule.kind, src.engine));
}
