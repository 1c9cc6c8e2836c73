import { describe, expect, it } from 'vitest';
import { dockerTest, type DockerTest } from '../testing/harness';

const APP = '/home/learner/app';
const CLASSIC = { DOCKER_BUILDKIT: '0' };
const DEPRECATION =
  'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n' +
  '            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n' +
  '            environment-variable.\n\n';

function setup(files: Record<string, string>): DockerTest {
  const t = dockerTest();
  const fs = t.tm.fs;
  fs.mkdir(APP, 0o755);
  fs.chown(APP, 1000, 1000);
  for (const [name, text] of Object.entries(files)) {
    const path = `${APP}/${name}`;
    const parts = name.split('/');
    let dir = APP;
    for (const p of parts.slice(0, -1)) {
      dir += `/${p}`;
      try {
        fs.mkdir(dir, 0o755);
      } catch {
        // exists
      }
    }
    fs.writeFile(path, new TextEncoder().encode(text));
  }
  return t;
}

const build = (t: DockerTest, args: string[], env: Record<string, string> = {}) => t.run(['build', ...args], { cwd: APP, env });

const SIMPLE = {
  Dockerfile: 'FROM busybox\nENV GREETING=hello\nCOPY app.sh /app/\nRUN echo hi > /hello.txt && echo out\nCMD ["sh", "/app/app.sh"]\n',
  'app.sh': 'echo $GREETING\n',
};

describe('docker build (classic builder)', () => {
  it('prints steps, intermediate containers and the result; a rebuild uses the cache', async () => {
    const t = setup(SIMPLE);
    const r = await build(t, ['-t', 'myapp', '.'], CLASSIC);
    expect(r.stderr).toBe(DEPRECATION);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Sending build context to Docker daemon  3.072kB');
    expect(r.stdout).toMatch(
      /^Sending build context to Docker daemon  3\.072kB\nStep 1\/5 : FROM busybox\n ---> ([0-9a-f]{12})\nStep 2\/5 : ENV GREETING=hello\n ---> Running in ([0-9a-f]{12})\n ---> Removed intermediate container \2\n ---> ([0-9a-f]{12})\nStep 3\/5 : COPY app.sh \/app\/\n ---> ([0-9a-f]{12})\nStep 4\/5 : RUN echo hi > \/hello.txt && echo out\n ---> Running in ([0-9a-f]{12})\nout\n ---> Removed intermediate container \5\n ---> ([0-9a-f]{12})\nStep 5\/5 : CMD \["sh", "\/app\/app.sh"\]\n ---> Running in ([0-9a-f]{12})\n ---> Removed intermediate container \7\n ---> ([0-9a-f]{12})\nSuccessfully built \8\nSuccessfully tagged myapp:latest\n$/,
    );
    const id = /Successfully built (\w+)/.exec(r.stdout)![1]!;
    expect(lines[2]).toBe(` ---> ${t.busybox.shortId}`);

    const again = await build(t, ['-t', 'myapp', '.'], CLASSIC);
    expect(again.stdout).toBe(
      [
        'Sending build context to Docker daemon  3.072kB',
        'Step 1/5 : FROM busybox',
        ` ---> ${t.busybox.shortId}`,
        'Step 2/5 : ENV GREETING=hello',
        ' ---> Using cache',
        ` ---> ${lines[6]!.slice(6)}`,
        'Step 3/5 : COPY app.sh /app/',
        ' ---> Using cache',
        ` ---> ${lines[8]!.slice(6)}`,
        'Step 4/5 : RUN echo hi > /hello.txt && echo out',
        ' ---> Using cache',
        ` ---> ${lines[13]!.slice(6)}`,
        'Step 5/5 : CMD ["sh", "/app/app.sh"]',
        ' ---> Using cache',
        ` ---> ${id}`,
        `Successfully built ${id}`,
        'Successfully tagged myapp:latest',
        '',
      ].join('\n'),
    );

    // docker history walks the parent chain: every row has an ID, created_by in the classic style.
    const h = await t.run(['history', '--no-trunc', '--format', '{{.CreatedBy}}|{{.Size}}', 'myapp']);
    expect(h.stdout.split('\n').slice(0, 4)).toEqual([
      '/bin/sh -c #(nop)  CMD ["sh" "/app/app.sh"]|0B',
      '/bin/sh -c echo hi > /hello.txt && echo out|3B',
      expect.stringMatching(/^\/bin\/sh -c #\(nop\) COPY file:[0-9a-f]{64} in \/app\/ \|15B$/),
      '/bin/sh -c #(nop)  ENV GREETING=hello|0B',
    ]);
    const q = await t.run(['history', '-q', 'myapp']);
    expect(q.stdout.split('\n').slice(0, 5).every((l) => /^[0-9a-f]{12}$/.test(l))).toBe(true);
  });

  it('touching a file keeps the cache; changing its content misses from that step on', async () => {
    const t = setup(SIMPLE);
    await build(t, ['.'], CLASSIC);
    t.tm.fs.utimes(`${APP}/app.sh`, Date.UTC(2027, 0, 1));
    const touched = await build(t, ['.'], CLASSIC);
    expect(touched.stdout.match(/Using cache/g)?.length).toBe(4);
    t.tm.fs.writeFile(`${APP}/app.sh`, new TextEncoder().encode('echo changed\n'));
    const changed = await build(t, ['.'], CLASSIC);
    expect(changed.stdout.match(/Using cache/g)?.length).toBe(1);
    expect(changed.stdout).toContain('Step 3/5 : COPY app.sh /app/\n ---> ');
    expect(changed.stdout).toContain(' ---> Running in ');
  });

  it('a failing RUN prints the command and its code, exits with it, and keeps the last good image', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nRUN echo before > /b\nRUN echo oops && exit 3\nRUN echo never\n' });
    const r = await build(t, ['-t', 'broken', '.'], CLASSIC);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`${DEPRECATION}The command '/bin/sh -c echo oops && exit 3' returned a non-zero code: 3\n`);
    expect(r.stdout).toMatch(/Step 3\/4 : RUN echo oops && exit 3\n ---> Running in [0-9a-f]{12}\noops\n$/);
    const kept = / ---> ([0-9a-f]{12})\nStep 3\/4/.exec(r.stdout)![1]!;
    // The image of the last successful step is there to debug in; no tag was made.
    const img = await t.run(['image', 'inspect', '--format', '{{.Id}}', kept]);
    expect(img.status).toBe(0);
    expect((await t.run(['image', 'inspect', 'broken'])).status).toBe(1);
    // The failed step's container is kept (docker ps -a shows it as exited).
    const ps = await t.run(['ps', '-a', '--format', '{{.Command}} {{.Status}}']);
    expect(ps.stdout).toContain('"/bin/sh -c \'echo oo…" Exited (3)');
  });

  it('reports Dockerfile errors as the daemon does', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nRUNN echo\n' });
    const r = await build(t, ['.'], CLASSIC);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${DEPRECATION}Error response from daemon: dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)\n`);
    const empty = setup({ Dockerfile: '' });
    const e = await build(empty, ['.'], CLASSIC);
    expect(e.stderr).toBe(`${DEPRECATION}Error response from daemon: the Dockerfile (Dockerfile) cannot be empty\n`);
  });

  it('COPY of a missing file fails with the classic message', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nCOPY nope.txt /x\n' });
    const r = await build(t, ['.'], CLASSIC);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${DEPRECATION}COPY failed: file not found in build context or excluded by .dockerignore: stat nope.txt: file does not exist\n`);
  });

  it('-q prints only the image ID', async () => {
    const t = setup(SIMPLE);
    const r = await build(t, ['-q', '.'], CLASSIC);
    expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
  });

  it('warns about unused build args', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nARG USED=1\nRUN echo $USED\n' });
    const r = await build(t, ['--build-arg', 'USED=2', '--build-arg', 'ZED=1', '--build-arg', 'ALPHA=3', '.'], CLASSIC);
    expect(r.stdout).toContain('\n2\n');
    expect(r.stdout).toContain('[Warning] One or more build-args [ALPHA ZED] were not consumed\nSuccessfully built ');
    const h = await t.run(['history', '--no-trunc', '--format', '{{.CreatedBy}}', (/Successfully built (\w+)/.exec(r.stdout))![1]!]);
    expect(h.stdout.split('\n')[0]).toBe('|1 USED=2 /bin/sh -c echo $USED');
  });
});

describe('docker build (BuildKit plain progress)', () => {
  it('prints vertices on stderr, and CACHED on a rebuild with the same image ID', async () => {
    const t = setup(SIMPLE);
    const r = await build(t, ['-t', 'myapp', '.']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const id = (await t.run(['image', 'inspect', '--format', '{{.Id}}', 'myapp'])).stdout.trim();
    const digest = t.busybox.id;
    expect(r.stderr).toBe(
      [
        '#0 building with "default" instance using docker driver',
        '',
        '#1 [internal] load build definition from Dockerfile',
        '#1 transferring dockerfile: 113B done',
        '#1 DONE 0.0s',
        '',
        '#2 [internal] load metadata for docker.io/library/busybox:latest',
        '#2 DONE 0.0s',
        '',
        '#3 [internal] load .dockerignore',
        '#3 transferring context: 2B done',
        '#3 DONE 0.0s',
        '',
        `#4 [1/3] FROM docker.io/library/busybox:latest@${digest}`,
        '#4 CACHED',
        '',
        '#5 [internal] load build context',
        // Only what the Dockerfile names is synced (FollowPaths): app.sh's 15 bytes, not the Dockerfile.
        '#5 transferring context: 15B done',
        '#5 DONE 0.0s',
        '',
        '#6 [2/3] COPY app.sh /app/',
        '#6 DONE 0.0s',
        '',
        '#7 [3/3] RUN echo hi > /hello.txt && echo out',
        '#7 0.000 out',
        '#7 DONE 0.0s',
        '',
        '#8 exporting to image',
        '#8 exporting layers 0.0s done',
        `#8 writing image ${id} done`,
        '#8 naming to docker.io/library/myapp:latest done',
        '#8 DONE 0.0s',
        '',
      ].join('\n'),
    );
    const again = await build(t, ['-t', 'myapp', '.']);
    expect(again.stderr).toContain('#6 [2/3] COPY app.sh /app/\n#6 CACHED\n\n#7 [3/3] RUN echo hi > /hello.txt && echo out\n#7 CACHED\n');
    expect(again.stderr).toContain(`#8 exporting layers done\n#8 writing image ${id} done\n`);
    const h = await t.run(['history', '--no-trunc', '--format', '{{.ID}}|{{.CreatedBy}}|{{.Comment}}', 'myapp']);
    expect(h.stdout.split('\n').slice(0, 4)).toEqual([
      `${id}|CMD ["sh" "/app/app.sh"]|buildkit.dockerfile.v0`,
      '<missing>|RUN /bin/sh -c echo hi > /hello.txt && echo out # buildkit|buildkit.dockerfile.v0',
      '<missing>|COPY app.sh /app/ # buildkit|buildkit.dockerfile.v0',
      '<missing>|ENV GREETING=hello|buildkit.dockerfile.v0',
    ]);
  });

  it('a failing RUN prints the error block with the source excerpt and exits 1', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nRUN echo hi\nRUN echo oops; exit 3\n' });
    const r = await build(t, ['-t', 'x', '.']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      [
        '#6 [3/3] RUN echo oops; exit 3',
        '#6 0.000 oops',
        '#6 ERROR: process "/bin/sh -c echo oops; exit 3" did not complete successfully: exit code: 3',
        '------',
        ' > [3/3] RUN echo oops; exit 3:',
        '0.000 oops',
        '------',
        'Dockerfile:3',
        '--------------------',
        '   1 |     FROM busybox',
        '   2 |     RUN echo hi',
        '   3 | >>> RUN echo oops; exit 3',
        '   4 |     ',
        '--------------------',
        'ERROR: failed to build: failed to solve: process "/bin/sh -c echo oops; exit 3" did not complete successfully: exit code: 3',
        '',
      ].join('\n'),
    );
    expect((await t.run(['image', 'inspect', 'x'])).status).toBe(1);
    expect((await t.run(['ps', '-aq'])).stdout).toBe('');
  });

  it('parse errors name the line', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nRUNN echo\n' });
    const r = await build(t, ['.']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /#1 DONE 0\.0s\nDockerfile:2\n--------------------\n   1 \|     FROM busybox\n   2 \| >>> RUNN echo\n   3 \|     \n--------------------\nERROR: failed to build: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN \(did you mean RUN\?\)\n$/,
    );
  });

  it('-q prints the ID on stdout and nothing on stderr', async () => {
    const t = setup(SIMPLE);
    const r = await build(t, ['-q', '.']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
  });

  it('a LABEL change does not rebuild a later RUN; an ENV change does', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nLABEL v=1\nENV REFRESHED_AT=1\nRUN echo ran\n' });
    await build(t, ['.']);
    t.tm.fs.writeFile(`${APP}/Dockerfile`, new TextEncoder().encode('FROM busybox\nLABEL v=2\nENV REFRESHED_AT=1\nRUN echo ran\n'));
    expect((await build(t, ['.'])).stderr).toContain('RUN echo ran\n#5 CACHED');
    t.tm.fs.writeFile(`${APP}/Dockerfile`, new TextEncoder().encode('FROM busybox\nLABEL v=2\nENV REFRESHED_AT=2\nRUN echo ran\n'));
    expect((await build(t, ['.'])).stderr).toContain('RUN echo ran\n#5 0.000 ran\n#5 DONE');
  });

  it('lint warnings are reported under the definition and summarised', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nMAINTAINER Jo\nENV A 1\nCMD echo hi\n' });
    const r = await build(t, ['.']);
    expect(r.stderr).toContain(
      '#1 WARN: MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 2)\n#1 WARN: LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format (line 3)\n#1 WARN: JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 4)\n#1 DONE 0.0s\n',
    );
    expect(r.stderr).toMatch(/#\d DONE 0\.0s\n\n 3 warnings found \(use docker --debug to expand\):\n - MaintainerDeprecated: .* \(line 2\)\n - LegacyKeyValueFormat: .* \(line 3\)\n - JSONArgsRecommended: .* \(line 4\)\n$/);
  });
});

describe('docker build: stages, files and interruption', () => {
  const MULTI = {
    Dockerfile:
      'FROM busybox AS builder\nRUN echo built > /out\nFROM busybox AS unused\nRUN echo never\nFROM busybox\nCOPY --from=builder /out /result\nCMD ["cat", "/result"]\n',
  };

  it('BuildKit builds only the stages the target needs, with stage prefixes', async () => {
    const t = setup(MULTI);
    const r = await build(t, ['-t', 'multi', '.']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`#4 [builder 1/2] FROM docker.io/library/busybox:latest@${t.busybox.id}\n#4 CACHED\n\n#5 [builder 2/2] RUN echo built > /out\n#5 DONE 0.0s\n\n#6 [stage-2 2/2] COPY --from=builder /out /result\n#6 DONE 0.0s\n`);
    expect(r.stderr).not.toContain('never');
    const c = await t.run(['run', '--rm', 'multi']);
    expect(c.stdout).toBe('built\n');
    const target = await build(t, ['--target', 'unused', '-t', 'u', '.']);
    expect(target.stderr).toContain('[unused 2/2] RUN echo never');
    expect(target.stderr).not.toContain('builder');
    const bad = await build(t, ['--target', 'nope', '.']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('ERROR: failed to build: failed to solve: target stage "nope" could not be found\n');
  });

  it('the classic builder builds every stage up to the target', async () => {
    const t = setup(MULTI);
    const r = await build(t, ['-t', 'multi', '.'], CLASSIC);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Step 4/7 : RUN echo never\n ---> Running in ');
    expect(r.stdout).toContain('Step 6/7 : COPY --from=builder /out /result\n');
    const bad = await build(t, ['--target', 'nope', '.'], CLASSIC);
    expect(bad.stderr).toBe(`${DEPRECATION}target stage "nope" could not be found\n`);
  });

  it('ONBUILD triggers run in the child build and are not inherited further', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nONBUILD RUN echo triggered > /t\n' });
    expect((await build(t, ['-t', 'parent', '.'])).status).toBe(0);
    t.tm.fs.writeFile(`${APP}/Dockerfile`, new TextEncoder().encode('FROM parent\nRUN cat /t\n'));
    const r = await build(t, ['-t', 'child', '.']);
    expect(r.stderr).toContain('[2/3] ONBUILD RUN echo triggered > /t\n');
    expect(r.stderr).toContain('[3/3] RUN cat /t\n#6 0.000 triggered\n');
    const cfg = await t.run(['image', 'inspect', '--format', '{{json .Config.OnBuild}}', 'child']);
    expect(cfg.stdout).toBe('null\n');
    const classic = await build(t, ['-t', 'child2', '.'], CLASSIC);
    expect(classic.stdout).toMatch(/Step 1\/2 : FROM parent\n# Executing 1 build trigger\n ---> Running in [0-9a-f]{12}\n ---> Removed intermediate container [0-9a-f]{12}\n ---> [0-9a-f]{12}\nStep 2\/2 : RUN cat \/t\n ---> Running in [0-9a-f]{12}\ntriggered\n/);
  });

  it('-f names another Dockerfile and -f - reads it from stdin; FROM scratch', async () => {
    const t = setup({ 'build/Other.Dockerfile': 'FROM scratch\nCOPY hello.txt /\n', 'hello.txt': 'hi\n' });
    const r = await build(t, ['-f', 'build/Other.Dockerfile', '-t', 'other', '.']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('#1 [internal] load build definition from Other.Dockerfile\n');
    expect(r.stderr).toContain('#4 [1/1] COPY hello.txt /\n');
    const s = await t.run(['build', '-f', '-', '-t', 'fromstdin', '.'], { cwd: APP, stdin: 'FROM busybox\nRUN echo piped\n', env: CLASSIC });
    expect(s.status).toBe(0);
    expect(s.stdout).toContain('Step 2/2 : RUN echo piped\n');
    const classicScratch = await build(t, ['-f', 'build/Other.Dockerfile', '.'], CLASSIC);
    expect(classicScratch.stdout).toContain('Step 1/2 : FROM scratch\n ---> \nStep 2/2 : COPY hello.txt /\n');
    const missing = await build(t, ['-f', 'nope', '.']);
    expect(missing.stderr).toContain('ERROR: failed to build: failed to solve: failed to read dockerfile: open nope: no such file or directory\n');
    const noDir = await t.run(['build', 'nowhere'], { cwd: APP });
    expect(noDir.stderr).toBe('ERROR: failed to build: unable to prepare context: path "nowhere" not found\n');
  });

  it('.dockerignore keeps files out of the context and COPY . .', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nWORKDIR /app\nCOPY . .\nRUN ls -a /app\n', '.dockerignore': 'secret.txt\n*.log\n', 'secret.txt': 's', 'a.log': 'l', 'app.js': 'x' });
    const r = await build(t, ['.'], CLASSIC);
    expect(r.stdout).toContain('\n.\n..\n.dockerignore\nDockerfile\napp.js\n');
  });

  it('Ctrl-C stops the build: status 130, no tag, no container left', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nRUN echo start; sleep 1000; echo end\n' });
    for (const env of [{}, CLASSIC] as Array<Record<string, string>>) {
      const before = t.engine.images.list().length;
      const { machine } = t.tm;
      let child: { kill(sig: 'SIGINT'): void } | undefined;
      let seen = '';
      const watcher = {
        isTTY: false,
        write: async (d: string | Uint8Array) => {
          seen += typeof d === 'string' ? d : new TextDecoder().decode(d);
          if (/(^|\n)(#\d+ \d\.\d+ )?start\n/.test(seen)) child?.kill('SIGINT');
        },
        close: () => {},
      };
      const { emptyReader } = await import('../../process/streams');
      const spawned = machine.spawn({
        argv: ['docker', 'build', '-t', 'stopped', '.'],
        env: new Map<string, string>([['PATH', '/usr/local/bin:/usr/bin:/bin'], ...Object.entries(env)]),
        cwd: APP,
        cred: { uid: 1000, gid: 1000, groups: [1000] },
        umask: 0o022,
        stdin: emptyReader,
        stdout: watcher,
        stderr: watcher,
        tty: null,
        ppid: 1,
      });
      if (!spawned.ok) throw new Error('spawn failed');
      child = spawned.child;
      expect(await spawned.child.exited).toBe(130);
      expect(seen).not.toMatch(/\nend\n|#\d+ \d\.\d+ end/);
      expect(seen).not.toContain('ERROR');
      if (!env.DOCKER_BUILDKIT) expect(seen).toMatch(/\n#5 CANCELED\n$/);
      expect((await t.run(['image', 'inspect', 'stopped'])).status).toBe(1);
      expect((await t.run(['ps', '-aq'])).stdout).toBe('');
      expect(t.engine.images.list().length).toBe(before);
    }
  });
});

describe('docker build: flags and lint', () => {
  it('tags several names; --rm=false keeps containers, --force-rm removes the failed one too', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nRUN echo a > /a\n' });
    const r = await build(t, ['-t', 'one', '-t', 'two:v2', '.'], CLASSIC);
    expect(r.stdout).toMatch(/Successfully tagged one:latest\nSuccessfully tagged two:v2\n$/);
    const ids = await t.run(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
    const id = /Successfully built (\w+)/.exec(r.stdout)![1]!;
    expect(ids.stdout).toContain(`one:latest ${id}`);
    expect(ids.stdout).toContain(`two:v2 ${id}`);
    const keep = await build(t, ['--no-cache', '--rm=false', '.'], CLASSIC);
    expect(keep.stdout).not.toContain('Removed intermediate container');
    expect((await t.run(['ps', '-aq'])).stdout.trim().split('\n')).toHaveLength(1);
    t.tm.fs.writeFile(`${APP}/Dockerfile`, new TextEncoder().encode('FROM busybox\nRUN exit 1\n'));
    const failed = await build(t, ['--force-rm', '.'], CLASSIC);
    expect(failed.status).toBe(1);
    expect((await t.run(['ps', '-aq'])).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('BuildKit reads <Dockerfile>.dockerignore before the context one', async () => {
    const t = setup({
      'app.Dockerfile': 'FROM busybox\nCOPY . /c/\nRUN ls /c\n',
      'app.Dockerfile.dockerignore': 'b.txt\n',
      '.dockerignore': 'a.txt\n',
      'a.txt': 'a',
      'b.txt': 'b',
    });
    const r = await build(t, ['-f', 'app.Dockerfile', '.']);
    expect(r.stderr).toContain('#7 0.000 a.txt\n');
    expect(r.stderr).not.toContain('0.000 b.txt');
  });

  it('reports StageNameCasing, FromAsCasing and WorkdirRelativePath', async () => {
    const t = setup({ Dockerfile: 'FROM busybox as Build\nWORKDIR app\nWORKDIR /abs\nWORKDIR rel\n' });
    const r = await build(t, ['.']);
    expect(r.stderr).toContain(
      "#1 WARN: StageNameCasing: Stage name 'Build' should be lowercase (line 1)\n#1 WARN: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)\n#1 WARN: WorkdirRelativePath: Relative workdir \"app\" can have unexpected results if the base image changes (line 2)\n#1 DONE",
    );
  });
});

describe('docker build: RUN that cannot start', () => {
  it('FROM scratch has no shell: the runtime error, in each builder', async () => {
    const t = setup({ Dockerfile: 'FROM scratch\nRUN echo hi\n' });
    const bk = await build(t, ['.']);
    expect(bk.status).toBe(1);
    expect(bk.stderr).toMatch(
      /\nERROR: failed to build: failed to solve: process "\/bin\/sh -c echo hi" did not complete successfully: runc run failed: unable to start container process: error during container init: exec: "\/bin\/sh": stat \/bin\/sh: no such file or directory\n$/,
    );
    const cl = await build(t, ['.'], CLASSIC);
    expect(cl.status).toBe(127);
    expect(cl.stdout).toMatch(/Step 2\/2 : RUN echo hi\n ---> Running in [0-9a-f]{12}\n$/);
    expect(cl.stderr).toBe(
      `${DEPRECATION}failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown\n`,
    );
  });

  it('the classic builder notes an overridden HEALTHCHECK', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nHEALTHCHECK CMD true\nHEALTHCHECK --interval=5m CMD false\n' });
    const r = await build(t, ['.'], CLASSIC);
    expect(r.stdout).toContain('Step 3/3 : HEALTHCHECK --interval=5m CMD false\nNote: overriding previous HEALTHCHECK: [CMD-SHELL true]\n ---> Running in ');
    const h = await t.run(['history', '--no-trunc', '--format', '{{.CreatedBy}}', (/Successfully built (\w+)/.exec(r.stdout))![1]!]);
    expect(h.stdout.split('\n')[0]).toBe('/bin/sh -c #(nop)  HEALTHCHECK &{Test:[CMD-SHELL false] Interval:5m0s Timeout:0s StartPeriod:0s StartInterval:0s Retries:0}');
  });
});

describe('docker build: WORKDIR ownership', () => {
  it('BuildKit creates WORKDIR as the current USER, the classic builder as root', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nUSER nobody\nWORKDIR /home/work\nRUN ls -ld /home/work\n' });
    const bk = await build(t, ['.']);
    expect(bk.stderr).toMatch(/#\d+ 0\.000 drwxr-xr-x +2 nobody +nogroup +\d+ .* \/home\/work\n/);
    const cl = await build(t, ['.'], CLASSIC);
    expect(cl.stdout).toMatch(/\ndrwxr-xr-x +2 root +root +\d+ .* \/home\/work\n/);
  });
});

describe('docker build: secrets lint', () => {
  it('warns about ARG/ENV names that look like secrets', async () => {
    const t = setup({ Dockerfile: 'FROM busybox\nARG API_TOKEN\nENV MYSQL_ROOT_PASSWORD=x PUBLIC_KEY=y MONKEY=z\n' });
    const r = await build(t, ['.']);
    expect(r.stderr).toContain(
      '#1 WARN: SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "API_TOKEN") (line 2)\n#1 WARN: SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "MYSQL_ROOT_PASSWORD") (line 3)\n#1 DONE',
    );
  });
});
