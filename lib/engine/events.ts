/**
 * The daemon's event stream (`docker events`, and the one subscription UI panels need): typed messages shaped like
 * moby's events.Message (Type, Action, Actor.ID, Actor.Attributes, time), derived from the stores' changes so no
 * feature has to remember to report them.
 *
 * Containers: create, start, pause, unpause, die (exitCode, execDuration), rename (oldName), destroy; attributes
 * image (as typed) and name, plus the container's labels. Images (graphdriver daemon): tag (name = the familiar
 * reference), untag and delete (name = the image ID).
 */
import type { ContainerStore } from './store/ContainerStore';
import type { ImageStore } from './store/ImageStore';
import type { Clock } from './process/Types';
import type { Container } from './container/Container';
import { familiarString, parseAnyReference, tagNameOnly } from './format/reference';

export interface EngineEvent {
  readonly type: 'container' | 'image';
  readonly action: 'create' | 'start' | 'pause' | 'unpause' | 'die' | 'rename' | 'destroy' | 'tag' | 'untag' | 'delete';
  /** Actor.ID: the container ID, or the image ID (`sha256:…`). */
  readonly id: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Epoch ms. */
  readonly time: number;
}

export class EngineEvents {
  private readonly _listeners = new Set<(e: EngineEvent) => void>();

  subscribe(listener: (e: EngineEvent) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  emit(e: EngineEvent): void {
    for (const l of [...this._listeners]) l(e);
  }
}

/** Derives the event stream from the stores (what each container looked like last, to tell transitions apart). */
export function watchStores(images: ImageStore, containers: ContainerStore, clock: () => Clock): EngineEvents {
  const events = new EngineEvents();
  const last = new Map<string, { status: string; name: string; attrs: Record<string, string> }>();
  const containerAttrs = (c: Container) => ({ ...(c.config.Labels ?? {}), image: c.imageRef, name: c.name });
  const emit = (type: EngineEvent['type'], action: EngineEvent['action'], id: string, attributes: Record<string, string>) =>
    events.emit({ type, action, id, attributes, time: clock().now() });
  containers.onDidChange((ch) => {
    if (ch.kind === 'removed') {
      const was = last.get(ch.id);
      last.delete(ch.id);
      if (was) emit('container', 'destroy', ch.id, was.attrs);
      return;
    }
    const c = containers.get(ch.id);
    if (!c) return;
    const attrs = containerAttrs(c);
    const prev = last.get(c.id);
    last.set(c.id, { status: c.state.status, name: c.name, attrs });
    if (ch.kind === 'added') {
      emit('container', 'create', c.id, attrs);
      return;
    }
    if (ch.kind === 'renamed') {
      emit('container', 'rename', c.id, { ...attrs, oldName: `/${prev?.name ?? c.name}` });
      return;
    }
    const from = prev?.status;
    const to = c.state.status;
    if (from === to) return;
    if (to === 'running' && from === 'paused') emit('container', 'unpause', c.id, attrs);
    else if (to === 'running') emit('container', 'start', c.id, attrs);
    else if (to === 'paused') emit('container', 'pause', c.id, attrs);
    else if (to === 'exited' && (from === 'running' || from === 'paused')) {
      const ran = Math.floor(((c.state.finishedAt ?? 0) - (c.state.startedAt ?? 0)) / 1000);
      emit('container', 'die', c.id, { ...attrs, execDuration: String(Math.max(0, ran)), exitCode: String(c.state.exitCode) });
    }
  });
  images.onDidChange((ch) => {
    if (ch.kind === 'tagged') emit('image', 'tag', ch.id, { ...labelsOf(images, ch.id), name: familiar(ch.ref) });
    else if (ch.kind === 'untagged') emit('image', 'untag', ch.id, { ...labelsOf(images, ch.id), name: ch.id });
    else if (ch.kind === 'deleted') emit('image', 'delete', ch.id, { name: ch.id });
  });
  return events;
}

function labelsOf(images: ImageStore, id: string): Record<string, string> {
  return { ...(images.get(id as Parameters<ImageStore['get']>[0])?.runConfig.Labels ?? {}) };
}

function familiar(canonical: string): string {
  try {
    const r = parseAnyReference(canonical);
    return 'domain' in r ? familiarString(r.digest !== undefined ? r : tagNameOnly(r)) : canonical;
  } catch {
    return canonical;
  }
}

/** moby's RFC3339NanoFixed in UTC: nine fractional digits, `Z`. */
export function eventTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000000Z`;
}

/** `docker events` default line (cli/command/system/events.go prettyPrintEvent): attributes sorted by key. */
export function formatEvent(e: EngineEvent): string {
  const keys = Object.keys(e.attributes).sort();
  const attrs = keys.length > 0 ? ` (${keys.map((k) => `${k}=${e.attributes[k]}`).join(', ')})` : '';
  return `${eventTime(e.time)} ${e.type} ${e.action} ${e.id}${attrs}\n`;
}
