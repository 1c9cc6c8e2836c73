/** Builds the committed npm index (format.ts NpmIndex) from the resolved registry graph of npm.ts. */

import { PACKAGES_FORMAT_VERSION, type NpmIndex, type NpmVersion } from '../../lib/engine/packages/format';
import { npmClosure, NPM_FAVOURITES, topNames } from './npm';

export async function npmIndex(tsv: string): Promise<NpmIndex> {
  const roots = [...new Set([...topNames(tsv, 100), ...NPM_FAVOURITES])];
  const { infos, latest, resolved } = await npmClosure(roots);
  const versions: Record<string, NpmVersion> = {};
  for (const id of [...infos.keys()].sort()) {
    const info = infos.get(id)!;
    const deps: Record<string, string> = {};
    const ranges: Record<string, string> = {};
    const all = { ...info.dependencies, ...Object.fromEntries(Object.entries(info.peerDependencies).filter(([k]) => !info.peerOptional.includes(k))) };
    for (const [d, r] of Object.entries(all)) {
      const v = resolved.get(`${d}@${r}`);
      if (v && infos.has(`${d}@${v}`)) {
        deps[d] = v;
        ranges[d] = r;
      }
    }
    versions[id] = {
      deps,
      ranges,
      unpackedSize: info.unpackedSize,
      fileCount: info.fileCount,
      ...(info.license ? { license: info.license } : {}),
      ...(info.funding ? { funding: true } : {}),
      ...(Object.keys(info.bin).length > 0 ? { bin: info.bin } : {}),
      ...(info.integrity ? { integrity: info.integrity } : {}),
    };
  }
  const lat: Record<string, string> = {};
  for (const n of [...latest.keys()].sort()) if (infos.has(`${n}@${latest.get(n)}`)) lat[n] = latest.get(n)!;
  return { v: PACKAGES_FORMAT_VERSION, latest: lat, versions };
}
