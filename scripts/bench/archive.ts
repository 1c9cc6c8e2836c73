/**
 * `docker save` / `docker load` throughput against GNU tar on the same tree (scripts/bench/benches/archive-*.ts).
 *
 * Ours: `saveImages` streamed chunk by chunk into a real file (what `docker save > file` costs), then `planLoad` +
 * `applyLoad` of that file into a fresh store. GNU tar: the image's merged tree written to disk once, then
 * `tar -cf` of it and `tar -xf` of that. Ratios are ours ÷ tar's time (lower is better). Peak memory while
 * saving is the highest RSS above the starting RSS, sampled after every chunk.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLoad, planLoad } from '../../lib/engine/archive/load';
import { saveImages } from '../../lib/engine/archive/save';
import type { MergedNode } from '../../lib/engine/fs/MergedTree';
import type { Image } from '../../lib/engine/image/Image';
import { ImageStore } from '../../lib/engine/store/ImageStore';

const CHUNK = 1 << 20;

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The merged tree as real files (regular files, directories and symlinks; devices skipped). */
function writeTree(node: MergedNode, dir: string): void {
  for (const [name, child] of node.children ?? []) {
    const path = join(dir, name);
    const inode = child.inode;
    if (inode.type === 'dir') {
      mkdirSync(path);
      writeTree(child, path);
      chmodSync(path, child.mode & 0o7777 || 0o755);
    } else if (inode.type === 'file') {
      const fd = openSync(path, 'w');
      for (let off = 0; off < inode.content.size; off += CHUNK) writeSync(fd, inode.content.read(off, CHUNK));
      closeSync(fd);
      chmodSync(path, child.mode & 0o7777);
    } else if (inode.type === 'symlink') {
      symlinkSync(inode.target, path);
    }
  }
}

export function measureArchive(store: ImageStore, image: Image, name: string): Record<string, number> {
  const work = mkdtempSync(join(tmpdir(), 'layerlab-bench-archive-'));
  try {
    const ours = join(work, 'ours.tar');
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    let t = process.hrtime.bigint();
    const archive = saveImages(store, [name]);
    const fd = openSync(ours, 'w');
    for (let off = 0; off < archive.size; off += CHUNK) {
      writeSync(fd, archive.read(off, CHUNK));
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    closeSync(fd);
    const saveS = seconds(t);

    t = process.hrtime.bigint();
    const fresh = new ImageStore();
    applyLoad(fresh, planLoad(fresh, readFileSync(ours), { maxBytes: 2 ** 32 }));
    const loadS = seconds(t);

    const tree = join(work, 'tree');
    mkdirSync(tree);
    writeTree(image.merged().root, tree);
    const gnu = join(work, 'gnu.tar');
    t = process.hrtime.bigint();
    execFileSync('tar', ['-cf', gnu, '-C', tree, '.']);
    const tarCreateS = seconds(t);
    const out = join(work, 'out');
    mkdirSync(out);
    t = process.hrtime.bigint();
    execFileSync('tar', ['-xf', gnu, '-C', out]);
    const tarExtractS = seconds(t);

    const mb = archive.size / 1e6;
    return {
      archive_mb: mb,
      save_mb_s: mb / saveS,
      load_mb_s: mb / loadS,
      tar_create_mb_s: mb / tarCreateS,
      tar_extract_mb_s: mb / tarExtractS,
      save_vs_tar_ratio: saveS / tarCreateS,
      load_vs_tar_ratio: loadS / tarExtractS,
      save_peak_rss_mb: (peak - rss0) / 1e6,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
