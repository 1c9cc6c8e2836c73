import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineBench } from '../types';

const OUT = path.resolve('out');

function gzipKiB(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => f.endsWith(ext) && statSync(f).isFile());
}

/**
 * What the static export costs a learner, gzipped: the JS and CSS /play/ loads up front (its HTML's own tags),
 * and all JS in the export (the terminal, engine, shell and programs arrive in chunks loaded on demand).
 * Reads out/ as left by the last `next build`. Reported only.
 */
export default defineBench({
  name: 'web: static export size (gzip)',
  async run() {
    const html = readFileSync(path.join(OUT, 'play/index.html'), 'utf8');
    const refs = new Set([...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? ''));
    let playJs = 0;
    let playCss = 0;
    for (const ref of refs) {
      const kib = gzipKiB(path.join(OUT, ref));
      if (ref.endsWith('.js')) playJs += kib;
      else playCss += kib;
    }
    const allJs = filesUnder(path.join(OUT, '_next/static'), '.js').reduce((sum, f) => sum + gzipKiB(f), 0);
    return { play_initial_js_kib: playJs, play_css_kib: playCss, all_js_kib: allJs };
  },
});
