import { describe, expect, test } from 'vitest';
import { pkgTest } from './testing/pkgHarness';

/**
 * python:2.7 as Docker Hub ships it: pip 20.0.2 (get-pip's `pip==$PYTHON_PIP_VERSION`) with the script shebang
 * `#!/usr/local/bin/python` and python -> python2 -> python2.7. The test lays these files down itself so it does
 * not depend on the catalog's copy of the image.
 */
const PY27_PIP =
  'cd /usr/local/lib/python2.7/site-packages && rm -rf pip-*.dist-info && mkdir pip-20.0.2.dist-info && ' +
  'cd /usr/local/bin && ln -sf python2.7 python2 && ln -sf python2 python && ' +
  "printf '#!/usr/local/bin/python\\n# -*- coding: utf-8 -*-\\nimport re\\nimport sys\\nfrom pip._internal.cli.main import main\\nif __name__ == \"__main__\":\\n    sys.argv[0] = re.sub(r\"(-script\\\\.pyw?|\\\\.exe)?$\", \"\", sys.argv[0])\\n    sys.exit(main())\\n' > pip && chmod 755 pip && cp pip pip2 && cd / && ";

const DEPRECATION =
  'DEPRECATION: Python 2.7 reached the end of its life on January 1st, 2020. Please upgrade your Python as Python 2.7 is no longer maintained. A future version of pip will drop support for Python 2.7. More details about Python 2 support in pip, can be found at https://pip.pypa.io/en/latest/development/release-process/#python-2-support\n';
const UPGRADE = "WARNING: You are using pip version 20.0.2; however, version 20.3.4 is available.\nYou should consider upgrading via the '/usr/local/bin/python -m pip install --upgrade pip' command.\n";

describe('pip 20 on python:2.7', () => {
  test('pip --version names the 2.7 site-packages; python -V prints on stderr', async () => {
    const t = await pkgTest();
    const r = await t.run('python:2.7', `${PY27_PIP}pip --version && python -V && python2.7 --version 2>/dev/null; echo "[$?]"`);
    expect(r.stdout).toBe('pip 20.0.2 from /usr/local/lib/python2.7/site-packages/pip (python 2.7)\n[0]\n');
    expect(r.stderr).toBe('Python 2.7.18\n');
    expect(r.status).toBe(0);
  });

  test('pip install flask picks the last Python 2 releases, in the legacy resolver order', async () => {
    const t = await pkgTest();
    const r = await t.run('python:2.7', `${PY27_PIP}pip install flask && pip freeze 2>/dev/null`);
    expect(r.stdout).toBe(
      'Collecting flask\n  Downloading Flask-1.1.4-py2.py3-none-any.whl (94 kB)\n' +
        'Collecting click<8.0,>=5.1\n  Downloading click-7.1.2-py2.py3-none-any.whl (82 kB)\n' +
        'Collecting Werkzeug<2.0,>=0.15\n  Downloading Werkzeug-1.0.1-py2.py3-none-any.whl (298 kB)\n' +
        'Collecting Jinja2<3.0,>=2.10.1\n  Downloading Jinja2-2.11.3-py2.py3-none-any.whl (125 kB)\n' +
        'Collecting itsdangerous<2.0,>=0.24\n  Downloading itsdangerous-1.1.0-py2.py3-none-any.whl (16 kB)\n' +
        'Collecting MarkupSafe>=0.23\n  Downloading MarkupSafe-1.1.1-cp27-cp27mu-manylinux1_x86_64.whl (24 kB)\n' +
        'Installing collected packages: click, Werkzeug, MarkupSafe, Jinja2, itsdangerous, flask\n' +
        'Successfully installed Jinja2-2.11.3 MarkupSafe-1.1.1 Werkzeug-1.0.1 click-7.1.2 flask-1.1.4 itsdangerous-1.1.0\n' +
        'click==7.1.2\nFlask==1.1.4\nitsdangerous==1.1.0\nJinja2==2.11.3\nMarkupSafe==1.1.1\nWerkzeug==1.0.1\n',
    );
    expect(r.stderr).toBe(DEPRECATION + UPGRADE);
    expect(r.status).toBe(0);
  });

  test('requests: markers shown on Collecting lines; -r with an installed requirement walks its dependencies', async () => {
    const t = await pkgTest();
    const r = await t.run('python:2.7', `${PY27_PIP}pip install -q flask 2>/dev/null; printf 'Flask\\nrequests==2.27.1\\n' > /tmp/req.txt && pip install -r /tmp/req.txt 2>/dev/null`);
    expect(r.stdout).toBe(
      'Requirement already satisfied: Flask in /usr/local/lib/python2.7/site-packages (from -r /tmp/req.txt (line 1)) (1.1.4)\n' +
        'Collecting requests==2.27.1\n  Downloading requests-2.27.1-py2.py3-none-any.whl (63 kB)\n' +
        'Requirement already satisfied: click<8.0,>=5.1 in /usr/local/lib/python2.7/site-packages (from Flask->-r /tmp/req.txt (line 1)) (7.1.2)\n' +
        'Requirement already satisfied: Werkzeug<2.0,>=0.15 in /usr/local/lib/python2.7/site-packages (from Flask->-r /tmp/req.txt (line 1)) (1.0.1)\n' +
        'Requirement already satisfied: Jinja2<3.0,>=2.10.1 in /usr/local/lib/python2.7/site-packages (from Flask->-r /tmp/req.txt (line 1)) (2.11.3)\n' +
        'Requirement already satisfied: itsdangerous<2.0,>=0.24 in /usr/local/lib/python2.7/site-packages (from Flask->-r /tmp/req.txt (line 1)) (1.1.0)\n' +
        'Collecting idna<3,>=2.5; python_version < "3"\n  Downloading idna-2.10-py2.py3-none-any.whl (58 kB)\n' +
        'Collecting chardet<5,>=3.0.2; python_version < "3"\n  Downloading chardet-4.0.0-py2.py3-none-any.whl (178 kB)\n' +
        'Collecting urllib3<1.27,>=1.21.1\n  Downloading urllib3-1.26.20-py2.py3-none-any.whl (144 kB)\n' +
        'Collecting certifi>=2017.4.17\n  Downloading certifi-2021.10.8-py2.py3-none-any.whl (149 kB)\n' +
        'Requirement already satisfied: MarkupSafe>=0.23 in /usr/local/lib/python2.7/site-packages (from Jinja2<3.0,>=2.10.1->Flask->-r /tmp/req.txt (line 1)) (1.1.1)\n' +
        'Installing collected packages: idna, chardet, urllib3, certifi, requests\n' +
        'Successfully installed certifi-2021.10.8 chardet-4.0.0 idna-2.10 requests-2.27.1 urllib3-1.26.20\n',
    );
    expect(r.status).toBe(0);
  });

  test('Django resolves to 1.11.29; a py3-only pin lists only the versions Python 2.7 may install', async () => {
    const t = await pkgTest();
    const r = await t.run('python:2.7', `${PY27_PIP}python -m pip install django 2>/dev/null | tail -1; pip install flask==3.1.0; echo "[$?]"`);
    expect(r.stdout).toBe('Successfully installed django-1.11.29 pytz-2025.1\n[1]\n');
    expect(r.stderr).toBe(
      DEPRECATION + 'ERROR: Could not find a version that satisfies the requirement flask==3.1.0 (from versions: 1.1.4)\nERROR: No matching distribution found for flask==3.1.0\n' + UPGRADE,
    );
  });

  test("the tutorial's --trusted-host takes its value; --disable-pip-version-check drops the upgrade warning", async () => {
    const t = await pkgTest();
    const r = await t.run('python:2.7', `${PY27_PIP}printf 'Flask\\nRedis\\n' > /tmp/r.txt && pip install --disable-pip-version-check --trusted-host pypi.python.org -r /tmp/r.txt | tail -2`);
    expect(r.stdout).toBe('Installing collected packages: click, Werkzeug, MarkupSafe, Jinja2, itsdangerous, Flask, Redis\nSuccessfully installed Flask-1.1.4 Jinja2-2.11.3 MarkupSafe-1.1.1 Redis-3.5.3 Werkzeug-1.0.1 click-7.1.2 itsdangerous-1.1.0\n');
    expect(r.stderr).toBe(DEPRECATION);
  });

  test('python:3.12 is unaffected: it still gets the current releases', async () => {
    const t = await pkgTest();
    const r = await t.run('python:3.12', 'pip install -q requests 2>/dev/null; pip freeze');
    expect(r.stdout).toBe('certifi==2025.1.31\ncharset-normalizer==3.4.1\nidna==3.10\nrequests==2.32.3\nurllib3==2.3.0\n');
  });
});
