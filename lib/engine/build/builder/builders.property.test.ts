/**
 * Properties over random Dockerfiles (RUN that writes, appends, deletes and copies; COPY of context files; ENV, LABEL,
 * WORKDIR, USER, ARG): the classic builder and BuildKit produce the same layers (diff_ids) and the same runtime
 * config; an unchanged rebuild is fully cached in both (same image ID, classic prints only `Using cache`, BuildKit
 * only CACHED vertices).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dockerTest, type DockerTest } from '../../cli/testing/harness';

const APP = '/home/learner/app';

const name = fc.constantFrom('a', 'b', 'c');
const instruction = fc.oneof(
  fc.tuple(name, fc.constantFrom('x', 'yy', 'zzz')).map(([f, t]) => `RUN mkdir -p /d && echo ${t} > /d/${f}`),
  fc.tuple(name, fc.constantFrom('more', 'again')).map(([f, t]) => `RUN mkdir -p /d && echo ${t} >> /d/${f}`),
  name.map((f) => `RUN rm -f /d/${f}`),
  name.map((f) => `RUN mkdir -p /d && touch /d/${f} && cp /d/${f} /copy-${f}`),
  fc.constantFrom('RUN rm -rf /d', 'RUN chmod 0700 /tmp', 'RUN true'),
  name.map((f) => `COPY ${f}.txt /copied/`),
  fc.constantFrom('COPY . /all/', 'COPY sub /sub-contents'),
  fc.tuple(name, fc.nat(9)).map(([k, v]) => `ENV ${k.toUpperCase()}=${v}`),
  fc.tuple(name, fc.nat(9)).map(([k, v]) => `LABEL ${k}=${v}`),
  fc.constantFrom('WORKDIR /w', 'WORKDIR rel', 'USER 1000', 'USER root', 'ARG V=1', 'CMD ["sh"]', 'EXPOSE 80'),
);

function setup(dockerfile: string): DockerTest {
  const t = dockerTest();
  const fs = t.tm.fs;
  fs.mkdir(APP, 0o755);
  fs.mkdir(`${APP}/sub`, 0o755);
  const enc = new TextEncoder();
  fs.writeFile(`${APP}/Dockerfile`, enc.encode(dockerfile));
  for (const f of ['a', 'b', 'c']) fs.writeFile(`${APP}/${f}.txt`, enc.encode(`${f}\n`));
  fs.writeFile(`${APP}/sub/inner.txt`, enc.encode('inner\n'));
  return t;
}

async function buildBoth(dockerfile: string) {
  const t = setup(dockerfile);
  const bk = await t.run(['build', '-q', '-t', 'bk', '.'], { cwd: APP });
  const cl = await t.run(['build', '-q', '-t', 'cl', '.'], { cwd: APP, env: { DOCKER_BUILDKIT: '0' } });
  return { t, bk, cl };
}

describe('classic and BuildKit builders', () => {
  it('produce the same layers and config for the same Dockerfile', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(instruction, { minLength: 1, maxLength: 8 }), async (lines) => {
        const dockerfile = `FROM busybox\n${lines.join('\n')}\n`;
        const { t, bk, cl } = await buildBoth(dockerfile);
        // A step can fail (USER 1000, then writing to /): both builders must then fail.
        expect(cl.status === 0, `${bk.stderr}\n${cl.stderr}`).toBe(bk.status === 0);
        if (bk.status !== 0) return;
        const a = t.engine.images.resolve('bk');
        const b = t.engine.images.resolve('cl');
        // Both builders make a WORKDIR layer only when the directory did not exist.
        expect(a.diffIds).toEqual(b.diffIds);
        const view = (c: typeof a.runConfig) => ({ Env: c.Env, Cmd: c.Cmd ?? null, User: c.User || '', WorkingDir: c.WorkingDir || '', Labels: c.Labels ?? {}, ExposedPorts: c.ExposedPorts ?? {} });
        expect(view(a.runConfig)).toEqual(view(b.runConfig));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('rebuild an unchanged Dockerfile entirely from the cache', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(instruction, { minLength: 1, maxLength: 6 }), async (lines) => {
        const dockerfile = `FROM busybox\n${lines.join('\n')}\n`;
        const { t, bk: b1, cl: c1 } = await buildBoth(dockerfile);
        if (b1.status !== 0 || c1.status !== 0) return;
        const first = { bk: t.engine.images.resolve('bk').id, cl: t.engine.images.resolve('cl').id };
        const bk = await t.run(['build', '-t', 'bk', '.'], { cwd: APP });
        const cl = await t.run(['build', '-t', 'cl', '.'], { cwd: APP, env: { DOCKER_BUILDKIT: '0' } });
        expect(t.engine.images.resolve('bk').id).toBe(first.bk);
        expect(t.engine.images.resolve('cl').id).toBe(first.cl);
        expect(bk.stderr).not.toMatch(/#\d+ DONE 0\.0s\n\n#\d+ exporting/);
        expect(cl.stdout).not.toContain('Running in');
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
