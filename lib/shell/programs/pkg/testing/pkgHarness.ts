/**
 * Runs commands in containers of catalog images on an Engine that has (or lacks) the committed package catalog:
 * what a learner's `docker run IMAGE sh -c '...'` does, minus the CLI.
 */
import { Engine } from '../../../../engine/Engine';
import type { Container } from '../../../../engine/container/Container';
import { SeededRandom } from '../../../../engine/process/random';
import { Catalog } from '../../../../engine/registry/catalog';
import { nodeCatalogSource } from '../../../../engine/registry/catalog/testing/nodeCatalogSource';
import { nodePackageSource } from '../../../../engine/packages/testing/nodePackageSource';
import { createTestMachine } from '../../../testing/harness';
import { createRegistry } from '../../index';

let catalog: Promise<Catalog> | undefined;

export interface PkgRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly container: Container;
}

export interface PkgTest {
  readonly engine: Engine;
  /** Runs `sh -c script` in a new container of `image` (or of `container`'s committed state when given). */
  run(image: string, script: string, options?: { user?: string; workingDir?: string; files?: Readonly<Record<string, Uint8Array>> }): Promise<PkgRun>;
}

export async function pkgTest(options: { packages?: boolean } = {}): Promise<PkgTest> {
  const tm = createTestMachine();
  // LAYERLAB_TEST_CATALOG: a catalog directory other than public/catalog (e.g. while it is being regenerated).
  const dir = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.LAYERLAB_TEST_CATALOG;
  const cat = await (catalog ??= Catalog.open(dir ? nodeCatalogSource(dir) : nodeCatalogSource()));
  const engine = new Engine({ clock: tm.clock, random: new SeededRandom(11), programs: createRegistry(), catalog: cat, ...(options.packages === false ? {} : { packages: nodePackageSource() }) });
  return {
    engine,
    async run(image, script, o = {}) {
      const hit = cat.resolve(image);
      if (!hit) throw new Error(`${image}: not in the catalog`);
      const img = engine.images.add(await cat.loadImage(hit));
      const c = engine.createContainer(img, { imageRef: image, entrypoint: '', cmd: ['sh', '-c', script], ...(o.user ? { user: o.user } : {}), ...(o.workingDir ? { workingDir: o.workingDir } : {}) });
      // Extra files in the container before it starts (a binary the image lacks, e.g. /usr/bin/dnf on an EL8 root).
      for (const [path, bytes] of Object.entries(o.files ?? {})) c.rootFs.writeFile(path, bytes, { mode: 0o755 });
      await c.start();
      const status = await c.wait();
      const dec = new TextDecoder();
      let stdout = '';
      let stderr = '';
      for (const chunk of c.logs.all()) {
        if (chunk.stream === 'stdout') stdout += dec.decode(chunk.data);
        else stderr += dec.decode(chunk.data);
      }
      return { status, stdout, stderr, container: c };
    },
  };
}
