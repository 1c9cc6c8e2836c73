/**
 * The daemon's event stream (`docker events`, and the one subscription UI panels need): typed messages shaped like
 * moby's events.Message (Type, Action, Actor.ID, Actor.Attributes, time). State transitions are derived from the
 * stores' changes so no feature has to remember to report them; the rest is logged where moby logs it.
 *
 * Containers: create, start, pause, unpause, die (exitCode, execDuration), rename (oldName), destroy (derived);
 * kill (signal, the number), stop, restart, attach, commit (comment, imageID, imageRef), exec_create: CMD,
 * exec_start: CMD (execID) and exec_die (execID, exitCode) (logged). Attributes image (as typed) and name, plus the
 * container's labels. Networks: connect before a container's start and disconnect before its die (moby releases
 * the network in Cleanup, then logs die), on the default bridge. Images (graphdriver daemon): pull (ID = the
 * familiar reference, name = the repository), tag (name = the familiar reference), untag and delete (name = the ID).
 * The last 256 events are kept for `docker events --since` (moby's events.Events buffer).
 */
import type { ContainerStore } from './store/ContainerStore';
import type { ImageStore } from './store/ImageStore';
import type { Clock } from './process/Types';
import type { Container } from './container/Container';
import { familiarString, parseAnyReference, tagNameOnly } from './format/reference';
import { sha256 } from './format/digest';
import { encodeText } from './process/text';

export interface EngineEvent {
  readonly type: 'container' | 'image' | 'network';
  /** moby's Action: `create`, `kill`, `exec_create: sh -c ls`... */
  readonly action: string;
  /** Actor.ID: the container ID, the image ID (`sha256:…`) or reference (pull), the network ID. */
  readonly id: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Epoch ms. */
  readonly time: number;
}

/** How many past events the daemon keeps (moby daemon/events: eventsLimit). */
export const EVENTS_KEPT = 256;

export class EngineEvents {
  private readonly _listeners = new Set<(e: EngineEvent) => void>();
  private readonly _past: EngineEvent[] = [];

  constructor(private readonly _clock: () => Clock) {}

  subscribe(listener: (e: EngineEvent) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** The events still kept, oldest first. */
  past(): readonly EngineEvent[] {
    return this._past;
  }

  emit(e: EngineEvent): void {
    this._past.push(e);
    if (this._past.length > EVENTS_KEPT) this._past.shift();
    for (const l of [...this._listeners]) l(e);
  }

  /** Logs an event now (moby's LogContainerEventWithAttributes / LogImageEvent). */
  log(type: EngineEvent['type'], action: string, id: string, attributes: Record<string, string>): void {
    this.emit({ type, action, id, attributes, time: this._clock().now() });
  }

  /** A container event with the container's labels, image and name, as moby adds them. */
  logContainer(c: Container, action: string, attributes: Record<string, string> = {}): void {
    this.log('container', action, c.id, { ...containerAttributes(c), ...attributes });
  }
}

/** The ID layerlab gives the default bridge network (`docker inspect` NetworkID, network events). */
export const BRIDGE_NETWORK_ID = sha256(encodeText('layerlab-network:bridge')).slice(7);

export function containerAttributes(c: Container): Record<string, string> {
  return { ...(c.config.Labels ?? {}), image: c.imageRef, name: c.name };
}

/** Containers on the default bridge get network connect/disconnect events (`--network none`/`host` are not modelled). */
function onBridge(c: Container): boolean {
  const mode = c.hostConfig.networkMode ?? '';
  return mode === '' || mode === 'default' || mode === 'bridge';
}

/** Derives the event stream from the stores (what each container looked like last, to tell transitions apart). */
export function watchStores(images: ImageStore, containers: ContainerStore, clock: () => Clock): EngineEvents {
  const events = new EngineEvents(clock);
  const last = new Map<string, { status: string; name: string; attrs: Record<string, string> }>();
  const emit = (type: EngineEvent['type'], action: string, id: string, attributes: Record<string, string>) => events.log(type, action, id, attributes);
  const network = (action: 'connect' | 'disconnect', c: Container) => {
    if (onBridge(c)) emit('network', action, BRIDGE_NETWORK_ID, { container: c.id, name: 'bridge', type: 'bridge' });
  };
  containers.onDidChange((ch) => {
    if (ch.kind === 'removed') {
      const was = last.get(ch.id);
      last.delete(ch.id);
      if (was) emit('container', 'destroy', ch.id, was.attrs);
      return;
    }
    const c = containers.get(ch.id);
    if (!c) return;
    const attrs = containerAttributes(c);
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
    else if (to === 'running') {
      network('connect', c);
      emit('container', 'start', c.id, attrs);
    } else if (to === 'paused') emit('container', 'pause', c.id, attrs);
    else if ((to === 'exited' || to === 'restarting') && (from === 'running' || from === 'paused')) {
      const ran = Math.floor(((c.state.finishedAt ?? 0) - (c.state.startedAt ?? 0)) / 1000);
      network('disconnect', c);
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
