/** How volumes are used: by which containers (running or not) and how many bytes they hold. */
import type { Container } from '../container/Container';
import type { Volume } from './VolumeStore';

/** IDs of the containers that mount volume `name`. */
export function volumeUsers(containers: readonly Container[], name: string): string[] {
  return containers.filter((c) => c.hostConfig.binds.some((b) => b.kind === 'volume' && b.source === name)).map((c) => c.id);
}

/** Bytes of the regular files in a volume, hard links counted once. */
export function volumeSize(v: Volume): number {
  let total = 0;
  const seen = new Set<number>();
  const walk = (dir: string) => {
    for (const name of v.fs.readdir(dir)) {
      const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const st = v.fs.lstat(p);
      if (st.type === 'dir') walk(p);
      else if (st.type === 'file' && !seen.has(st.ino)) {
        seen.add(st.ino);
        total += st.size;
      }
    }
  };
  walk('/');
  return total;
}
