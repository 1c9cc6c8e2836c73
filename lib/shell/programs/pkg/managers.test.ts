import { describe, expect, test } from 'vitest';
import { programOf } from '../../../engine/fs/executable';
import { pkgTest } from './testing/pkgHarness';

const dec = new TextDecoder();
const REPOS = ['https://dl-cdn.alpinelinux.org/alpine/v3.21/main', 'https://dl-cdn.alpinelinux.org/alpine/v3.21/community'];
const FETCH = REPOS.map((r) => `fetch ${r}/x86_64/APKINDEX.tar.gz\n`).join('');

describe('apk in alpine', () => {
  test('apk update && apk add iputils (the seed): fetch lines, index versions, the meta package last, the busybox trigger', async () => {
    const t = await pkgTest();
    const r = await t.run('alpine', 'apk update && apk add iputils && ls -l /bin/ping');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      FETCH +
        `v3.21.3-37-g2ba8a0b09f1 [${REPOS[0]}]\nv3.21.3-39-g7cd1fd2a99c [${REPOS[1]}]\nOK: 25256 distinct packages available\n` +
        '(1/5) Installing iputils-arping (20240905-r0)\n(2/5) Installing iputils-clockdiff (20240905-r0)\n(3/5) Installing iputils-ping (20240905-r0)\n' +
        '(4/5) Installing iputils-tracepath (20240905-r0)\n(5/5) Installing iputils (20240905-r0)\nExecuting busybox-1.37.0-r9.trigger\nOK: 7 MiB in 20 packages\n' +
        '-rwxr-xr-x    1 root     root         57344 Nov 23 10:00 /bin/ping\n',
    );
    expect(programOf(r.container.overlay.readFile('/bin/ping').slice(0, 128))).toBe('ping');
    expect(dec.decode(r.container.overlay.readFile('/etc/apk/world'))).toContain('iputils\n');
    expect(dec.decode(r.container.overlay.readFile('/lib/apk/db/installed'))).toContain('P:iputils-ping\nV:20240905-r0\n');
  });

  test('apk add --no-cache fetches the indexes itself and stores none; dependencies come first', async () => {
    const t = await pkgTest();
    const r = await t.run('alpine', 'apk add --no-cache curl; ls /var/cache/apk');
    expect(r.stdout).toBe(
      FETCH +
        ['brotli-libs (1.1.0-r2)', 'c-ares (1.34.3-r0)', 'libunistring (1.2-r0)', 'libidn2 (2.3.7-r0)', 'libpsl (0.21.5-r3)', 'nghttp2-libs (1.64.0-r0)', 'zstd-libs (1.5.6-r2)', 'libcurl (8.11.1-r0)', 'curl (8.11.1-r0)']
          .map((p, i) => `(${i + 1}/9) Installing ${p}\n`)
          .join('') +
        'Executing busybox-1.37.0-r9.trigger\nOK: 12 MiB in 24 packages\n',
    );
  });

  test('an unknown name: ERROR: unable to select packages, exit 1', async () => {
    const t = await pkgTest();
    const r = await t.run('alpine', 'apk add --no-cache ngin');
    expect(r).toMatchObject({ status: 1, stdout: FETCH, stderr: 'ERROR: unable to select packages:\n  ngin (no such package):\n    required by: world[ngin]\n' });
  });

  test('packages leave the commands a learner runs: links and entry-point scripts, versions from the apk database', async () => {
    const t = await pkgTest();
    const r = await t.run(
      'alpine',
      'apk add -q --no-cache python3 py3-pip nodejs npm vim curl bash iputils nginx git >/dev/null 2>&1; readlink /usr/bin/python3 /usr/bin/npm /usr/bin/view; python3 --version; pip3 --version; pip --version; node --version; npm --version; ' +
        'for c in python3 pip3 pip node npm vim curl bash ping nginx git; do command -v $c; done; python; echo "[$?]"',
    );
    expect(r.stdout).toBe(
      'python3.12\n../lib/node_modules/npm/bin/npm-cli.js\nvim\nPython 3.12.8\n' +
        'pip 24.3.1 from /usr/lib/python3.12/site-packages/pip (python 3.12)\npip 24.3.1 from /usr/lib/python3.12/site-packages/pip (python 3.12)\nv22.11.0\n10.9.1\n' +
        '/usr/bin/python3\n/usr/bin/pip3\n/usr/bin/pip\n/usr/bin/node\n/usr/bin/npm\n/usr/bin/vim\n/usr/bin/curl\n/bin/bash\n/bin/ping\n/usr/sbin/nginx\n/usr/bin/git\n[127]\n',
    );
    // Alpine's python3 has no `python` link (Dockerfiles add one with `ln -s python3 /usr/bin/python`).
    expect(r.stderr).toBe('sh: python: not found\n');
  });

  test('offline: the CDN cannot be reached', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run('alpine', 'apk add curl');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(FETCH);
    expect(r.stderr).toBe(REPOS.map((x) => `WARNING: fetching ${x}: temporary error (try again later)\n`).join('') + 'ERROR: unable to select packages:\n  curl (no such package):\n    required by: world[curl]\n');
  });
});

describe('pip in python:3.12', () => {
  test('pip install -r requirements.txt (the seed): Collecting/Downloading/Installing/Successfully installed and the root warning', async () => {
    const t = await pkgTest();
    const r = await t.run('python:3.12', 'printf "flask\\n" > requirements.txt && pip install -r requirements.txt && pip freeze', { workingDir: '/app' });
    const bar = (s: string) => `     ${'━'.repeat(40)} ${s} 9.8 MB/s eta 0:00:00\n`;
    expect(r.stdout).toBe(
      'Collecting flask (from -r requirements.txt (line 1))\n  Downloading flask-3.1.0-py3-none-any.whl (102 kB)\n' +
        bar('103.0/103.0 kB') +
        'Collecting Werkzeug>=3.1\n  Downloading werkzeug-3.1.3-py3-none-any.whl (224 kB)\n' +
        bar('224.5/224.5 kB') +
        'Collecting Jinja2>=3.1.2\n  Downloading jinja2-3.1.5-py3-none-any.whl (134 kB)\n' +
        bar('134.6/134.6 kB') +
        'Collecting itsdangerous>=2.2\n  Downloading itsdangerous-2.2.0-py3-none-any.whl (16 kB)\n' +
        'Collecting click>=8.1.3\n  Downloading click-8.1.8-py3-none-any.whl (98 kB)\n' +
        bar('98.2/98.2 kB') +
        'Collecting blinker>=1.9\n  Downloading blinker-1.9.0-py3-none-any.whl (8.5 kB)\n' +
        'Collecting MarkupSafe>=2.1.1\n  Downloading markupsafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (23 kB)\n' +
        'Installing collected packages: MarkupSafe, blinker, click, itsdangerous, Jinja2, Werkzeug, flask\n' +
        'Successfully installed Jinja2-3.1.5 MarkupSafe-3.0.2 Werkzeug-3.1.3 blinker-1.9.0 click-8.1.8 flask-3.1.0 itsdangerous-2.2.0\n' +
        'blinker==1.9.0\nclick==8.1.8\nflask==3.1.0\nitsdangerous==2.2.0\nJinja2==3.1.5\nMarkupSafe==3.0.2\nWerkzeug==3.1.3\n',
    );
    expect(r.stderr).toBe(
      "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv\n" +
        '\n[notice] A new release of pip is available: 23.0.1 -> 25.0.1\n[notice] To update, run: pip install --upgrade pip\n',
    );
    expect(r.container.changes().map((c) => `${c.kind} ${c.path}`)).toContain('A /usr/local/bin/flask');
  });

  test('what is installed already is reported with where the requirement came from', async () => {
    const t = await pkgTest();
    const r = await t.run('python:3.12', 'pip install -q flask 2>/dev/null; echo Flask > requirements.txt; pip install -r requirements.txt gunicorn 2>/dev/null');
    expect(r.stdout).toBe(
      'Requirement already satisfied: Flask in /usr/local/lib/python3.12/site-packages (from -r requirements.txt (line 1)) (3.1.0)\n' +
        'Collecting gunicorn\n  Downloading gunicorn-23.0.0-py3-none-any.whl (85 kB)\n' +
        `     ${'━'.repeat(40)} 85.0/85.0 kB 9.8 MB/s eta 0:00:00\n` +
        'Collecting packaging\n  Downloading packaging-24.2-py3-none-any.whl (65 kB)\n' +
        `     ${'━'.repeat(40)} 65.5/65.5 kB 9.8 MB/s eta 0:00:00\n` +
        'Installing collected packages: packaging, gunicorn\nSuccessfully installed gunicorn-23.0.0 packaging-24.2\n',
    );
  });

  test('an unknown project: ERROR: Could not find a version that satisfies the requirement, exit 1', async () => {
    const t = await pkgTest();
    const r = await t.run('python:3.12', 'pip install flaskk 2>&1 | head -3; python3 -m pip install flask==9.9 2>&1 | sed -n 2p');
    expect(r.stdout).toBe(
      'Collecting flaskk\nERROR: Could not find a version that satisfies the requirement flaskk (from versions: none)\nERROR: No matching distribution found for flaskk\n' +
        'ERROR: Could not find a version that satisfies the requirement flask==9.9 (from versions: 1.1.4, 3.1.0)\n',
    );
  });
});

describe('npm in node:20', () => {
  test('npm install from package.json: added/audited/funding lines, a hoisted node_modules and package-lock.json', async () => {
    const t = await pkgTest();
    const r = await t.run('node:20', `echo '{"name":"app","version":"1.0.0","dependencies":{"express":"^5.0.0"}}' > package.json && npm install && ls node_modules | wc -l && cat node_modules/express/package.json | sed -n 3p`, { workingDir: '/app' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\nadded (\d+) packages, and audited (\d+) packages in \d+m?s\n\n\d+ packages are looking for funding\n {2}run `npm fund` for details\n\nfound 0 vulnerabilities\n/);
    const [, added, audited] = /added (\d+) packages, and audited (\d+)/.exec(r.stdout)!;
    expect(Number(audited)).toBe(Number(added) + 1);
    const lock = JSON.parse(dec.decode(r.container.overlay.readFile('/app/package-lock.json'))) as { lockfileVersion: number; packages: Record<string, { version?: string }> };
    expect(lock.lockfileVersion).toBe(3);
    expect(Object.keys(lock.packages).length).toBe(Number(added) + 1);
    expect(lock.packages['node_modules/express']?.version).toMatch(/^5\./);
    expect(r.stdout).toContain(`${added}\n  "version": "${lock.packages['node_modules/express']?.version}",\n`);
  });

  test('a package.json on express 4 gets express 4 (ranges resolve against the versions the catalog holds)', async () => {
    const t = await pkgTest();
    const r = await t.run('node:20', `echo '{"dependencies":{"express":"^4.18.2"}}' > package.json && npm install >/dev/null && sed -n 3p node_modules/express/package.json && ls node_modules/.bin`, { workingDir: '/app' });
    expect(r.stdout).toMatch(/^ {2}"version": "4\.\d+\.\d+",\nmime\n$/);
  });

  test('npm install of an unknown package: npm error 404 and the log path', async () => {
    const t = await pkgTest();
    const r = await t.run('node:20', 'npm install expresss', { workingDir: '/app' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      [
        'npm error code E404',
        'npm error 404 Not Found - GET https://registry.npmjs.org/expresss - Not found',
        'npm error 404',
        "npm error 404  'expresss@*' is not in this registry.",
        'npm error 404',
        'npm error 404 Note that you can also install from a',
        'npm error 404 tarball, folder, http url, or git url.',
        'npm error A complete log of this run can be found in: /root/.npm/_logs/2026-11-23T10_00_00_000Z-debug-0.log',
        '',
      ].join('\n'),
    );
  });

  test('npm install --production warns that the config is deprecated and skips devDependencies', async () => {
    const t = await pkgTest();
    const r = await t.run('node:20', `echo '{"dependencies":{"ms":"*"},"devDependencies":{"express":"*"}}' > package.json && npm install --production >/dev/null && ls node_modules`, { workingDir: '/app' });
    expect(r.stderr).toBe('npm warn config production Use `--omit=dev` instead.\n');
    expect(r.stdout).toBe('ms\n');
  });

  test('npm install <pkg> saves it to package.json with a caret range; a second install is up to date', async () => {
    const t = await pkgTest();
    const r = await t.run('node:20', 'npm install ms >/dev/null && cat package.json && npm install', { workingDir: '/app' });
    const version = /"ms": "\^([^"]+)"/.exec(r.stdout)?.[1];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.stdout).toBe(`{\n  "dependencies": {\n    "ms": "^${version}"\n  }\n}\n\nup to date, audited 2 packages in 300ms\n\nfound 0 vulnerabilities\n`);
  });
});
