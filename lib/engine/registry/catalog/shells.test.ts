import { beforeAll, describe, expect, it } from 'vitest';
import { dockerTest } from '../../cli/testing/harness';
import { Catalog } from './Catalog';
import { nodeCatalogSource } from './testing/nodeCatalogSource';

// Every pullable catalog image (hello-world aside: it is one static binary) must give a learner a working shell:
// its /bin/sh, ls and cat are program binaries the engine runs, whatever the image's entrypoint does.
let catalog: Catalog;
beforeAll(async () => {
  catalog = await Catalog.open(nodeCatalogSource());
});

describe('a shell runs in every catalog image', () => {
  it('pull, then sh -c "ls / && cat /etc/passwd" as root', async () => {
    const t = dockerTest({ catalog });
    const refs: string[] = [];
    const seen = new Set<string>();
    for (const repo of catalog.repositories()) {
      for (const [tag, digest] of Object.entries(repo.tags)) {
        if (repo.name === 'hello-world' || seen.has(digest)) continue;
        seen.add(digest);
        refs.push(`${repo.name}:${tag}`);
      }
    }
    expect(refs.length).toBeGreaterThan(30);
    for (const ref of refs) {
      const pulled = await t.run(['pull', '-q', ref]);
      expect({ ref, ...pulled }).toMatchObject({ ref, status: 0, stderr: '' });
      const r = await t.run(['run', '--rm', '--entrypoint', '/bin/sh', ref, '-c', 'ls / >/dev/null && head -n 1 /etc/passwd']);
      expect({ ref, ...r }).toMatchObject({ ref, status: 0, stderr: '', stdout: expect.stringMatching(/^root:x:0:0:root:\/root:\/bin\/(ba)?sh\n$/) });
    }
  }, 300_000);
});

describe('scratch', () => {
  it('is not an image: docker pull scratch is refused with Docker’s reserved-name error', async () => {
    const t = dockerTest({ catalog });
    const r = await t.run(['pull', 'scratch']);
    expect(r).toMatchObject({ status: 1, stderr: "Error response from daemon: 'scratch' is a reserved name\n" });
    expect(catalog.repository('scratch')).toBeUndefined();
  });
});
