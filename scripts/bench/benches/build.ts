import { dockerTest, type DockerTest } from '../../../lib/engine/cli/testing/harness';
import { median } from '../shell-driver';
import { defineBench } from '../types';

/**
 * `docker build` on the simulated host (BuildKit builder, plain progress), timed from the CLI invocation to its exit:
 * the seed node app cold and fully cached, a 50-instruction Dockerfile, and a COPY of a 5,000-file context.
 */

const APP = '/home/learner/app';
const enc = new TextEncoder();

const NODE_DOCKERFILE = `FROM busybox
WORKDIR /var/apps/app_name

# dependencies first
COPY ./package.json ./
RUN echo "installing the dependencies of" && cat package.json

# then the project files
COPY ./ ./

EXPOSE 3000
CMD [ "node", "app.js" ]
`;

function host(files: Record<string, string>): DockerTest {
  const t = dockerTest();
  t.tm.fs.mkdir(APP, 0o755);
  t.tm.fs.chown(APP, 1000, 1000);
  for (const [name, text] of Object.entries(files)) {
    let dir = APP;
    for (const part of name.split('/').slice(0, -1)) {
      dir += `/${part}`;
      try {
        t.tm.fs.mkdir(dir, 0o755);
      } catch {
        // exists
      }
    }
    t.tm.fs.writeFile(`${APP}/${name}`, enc.encode(text));
  }
  return t;
}

async function timedBuild(t: DockerTest, args: string[] = ['-t', 'app', '.']): Promise<number> {
  const start = performance.now();
  const r = await t.run(['build', ...args], { cwd: APP });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  return ms;
}

const NODE_FILES = { Dockerfile: NODE_DOCKERFILE, 'package.json': '{\n  "name": "app_name",\n  "main": "app.js"\n}\n', 'app.js': 'console.log("hi");\n', '.dockerignore': 'node_modules\n' };

const cold = defineBench({
  name: 'build: seed node Dockerfile, cold',
  budget: { metric: 'median_ms', max: 100, unit: 'ms' },
  async run() {
    const times: number[] = [];
    for (let i = 0; i < 12; i++) times.push(await timedBuild(host(NODE_FILES)));
    times.splice(0, 2); // the first builds warm up the JIT
    return { trials: times.length, median_ms: median(times), max_ms: Math.max(...times) };
  },
});

const cached = defineBench({
  name: 'build: seed node Dockerfile, fully cached rebuild',
  budget: { metric: 'median_ms', max: 10, unit: 'ms' },
  async run() {
    const t = host(NODE_FILES);
    await timedBuild(t);
    // Steady state: the first few dozen rebuilds are the JIT compiling the builder, not the cache lookups.
    for (let i = 0; i < 30; i++) await timedBuild(t);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) times.push(await timedBuild(t));
    return { trials: times.length, median_ms: median(times), max_ms: Math.max(...times) };
  },
});

const fifty = defineBench({
  name: 'build: 50-instruction Dockerfile, cold',
  async run() {
    const lines = ['FROM busybox'];
    for (let i = 0; lines.length < 50; i++) {
      const k = i % 4;
      if (k === 0) lines.push(`ENV V${i}=${i}`);
      else if (k === 1) lines.push(`RUN echo ${i} > /f${i}`);
      else if (k === 2) lines.push(`COPY f.txt /copies/f${i}.txt`);
      else lines.push(`LABEL l${i}=${i}`);
    }
    const files = { Dockerfile: `${lines.join('\n')}\n`, 'f.txt': 'x\n' };
    const times: number[] = [];
    for (let i = 0; i < 6; i++) times.push(await timedBuild(host(files)));
    times.splice(0, 1);
    const t = host(files);
    await timedBuild(t);
    const rebuild = await timedBuild(t);
    return { trials: times.length, median_ms: median(times), cached_rebuild_ms: rebuild };
  },
});

const manyFiles = defineBench({
  name: 'build: COPY of a 5,000-file context',
  async run() {
    const files: Record<string, string> = { Dockerfile: 'FROM busybox\nCOPY . /src/\n' };
    for (let d = 0; d < 50; d++) for (let f = 0; f < 100; f++) files[`dir${d}/file${f}.txt`] = `${d}/${f}\n`;
    const times: number[] = [];
    for (let i = 0; i < 4; i++) times.push(await timedBuild(host(files)));
    times.splice(0, 1);
    const t = host(files);
    await timedBuild(t);
    const rebuild = await timedBuild(t);
    return { trials: times.length, median_ms: median(times), cached_rebuild_ms: rebuild };
  },
});

export default [cold, cached, fifty, manyFiles];
