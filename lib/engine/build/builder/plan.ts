/**
 * What both builders do before the first step: pick the stages to build (`--target`, and for BuildKit only the
 * stages the target depends on), name them, and find base images (pulling them when missing).
 */
import type { Engine } from '../../Engine';
import { InvalidReferenceError, parseNormalizedNamed, tagNameOnly, type Reference } from '../../format/reference';
import type { Image } from '../../image/Image';
import type { PullEvent } from '../../registry/pull';
import type { ParsedDockerfile, Stage } from '../parser';
import { BuildStepError } from './errors';

/** The stage a `--from` or `FROM` word names: by (lower-cased) name or by index among earlier stages. */
export function stageByName(df: ParsedDockerfile, word: string, before: number): Stage | undefined {
  const lower = word.toLowerCase();
  for (const s of df.stages) {
    if (s.index >= before) break;
    if (s.from.stageName === lower) return s;
  }
  if (/^[0-9]+$/.test(word)) {
    const i = Number(word);
    if (i < before) return df.stages[i];
  }
  return undefined;
}

/** Index of the last stage to build. */
export function targetIndex(df: ParsedDockerfile, target: string | undefined): number {
  if (target === undefined || target === '') return df.stages.length - 1;
  const i = df.stages.findIndex((s) => s.from.stageName === target.toLowerCase());
  if (i < 0) throw new BuildStepError(`target stage "${target}" could not be found`);
  return i;
}

/** Normalises an image name (`alpine` → `docker.io/library/alpine:latest`). */
export function baseReference(name: string): Reference {
  try {
    return tagNameOnly(parseNormalizedNamed(name));
  } catch (e) {
    if (e instanceof InvalidReferenceError) throw new BuildStepError(`failed to parse stage name "${name}": ${e.message}`);
    throw e;
  }
}

/** The local image for a FROM/--from name, pulling it from the catalog when missing. */
export async function resolveImage(
  engine: Engine,
  name: string,
  onPull: (e: PullEvent) => Promise<void>,
): Promise<{ image: Image; pulled: boolean }> {
  const local = engine.images.find(name);
  if (local) return { image: local, pulled: false };
  const ref = baseReference(name);
  const byRef = engine.images.lookupRef(ref);
  if (byRef) return { image: engine.images.get(byRef)!, pulled: false };
  const r = await engine.pull(ref, onPull);
  return { image: r.image, pulled: true };
}

/** Stages the target needs (BuildKit skips the rest): its FROM chain and every `COPY --from` stage, transitively. */
export function neededStages(df: ParsedDockerfile, target: number, expandFrom: (s: Stage) => string, expandCopyFrom: (stage: Stage, word: string) => string): Set<number> {
  const needed = new Set<number>();
  const visit = (i: number) => {
    if (needed.has(i)) return;
    needed.add(i);
    const s = df.stages[i]!;
    const base = stageByName(df, expandFrom(s), s.index);
    if (base) visit(base.index);
    for (const ins of s.instructions) {
      if (ins.keyword === 'COPY' && ins.from !== undefined) {
        const dep = stageByName(df, expandCopyFrom(s, ins.from), s.index);
        if (dep) visit(dep.index);
      }
    }
  };
  visit(target);
  return needed;
}
