import { describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { connectHost } from '../../../engine/host';
import type { Image } from '../../../engine/image/Image';
import { runCommand } from '../../testing/harness';
import { daemonImage, imageWith } from '../net/testing/images';
import { untilLogged } from '../net/testing/wait';
import type { Container } from '../../../engine/container/Container';
import { decodeText } from '../../../engine/process/text';

const APP = 'from flask import Flask, jsonify, request\napp = Flask(__name__)\n\n@app.route("/")\ndef hello():\n    return "Hello World!"\n\n@app.route("/greet", methods=["GET", "POST"])\ndef greet():\n    if request.method == "POST":\n        return jsonify(got=request.get_json()["x"]), 201\n    return "Hi " + request.args.get("name", "nobody")\n\n@app.route("/user/<name>")\ndef user(name):\n    return jsonify(user=name, n=1)\n\n@app.route("/boom")\ndef boom():\n    return 1 / 0\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0")\n';

/** A python image as far as the app needs it: the interpreter, Flask and Werkzeug's dist-info, the app. */
function pythonImage(base: Image, major: 2 | 3, env: readonly string[] = []): Image {
  const [lib, version, flask, werkzeug] = major === 2 ? ['python2.7', '2.7.18', 'Flask-1.1.4', 'Werkzeug-1.0.1'] : ['python3.12', '3.12.9', 'flask-3.1.0', 'werkzeug-3.1.3'];
  const sp = `/usr/local/lib/${lib}/site-packages`;
  return imageWith(
    base,
    {
      [`/usr/local/bin/${lib}`]: { program: `python${major}` },
      '/usr/local/bin/python': { symlink: lib },
      [`${sp}/flask/__init__.py`]: '',
      [`${sp}/${flask}.dist-info/METADATA`]: '',
      [`${sp}/${werkzeug}.dist-info/METADATA`]: '',
      '/app/app.py': APP,
    },
    { Env: ['PATH=/usr/local/bin:/usr/bin:/bin', `PYTHON_VERSION=${version}`, ...env], Cmd: ['python', 'app.py'], WorkingDir: '/app' },
  );
}

function streams(c: Container): { out: string; err: string } {
  const text = (stream: string) => c.logs.all().filter((e) => e.stream === stream).map((e) => decodeText(e.data)).join('');
  return { out: text('stdout'), err: text('stderr') };
}

async function serve(major: 2 | 3, env: readonly string[] = []) {
  const t = dockerTest();
  connectHost(t.tm.machine, t.engine);
  const c = t.engine.createContainer(pythonImage(t.busybox, major, env), { imageRef: 'app', name: 'web', hostConfig: { portBindings: { '5000/tcp': [{ hostIp: '', hostPort: '4000' }] } } });
  await c.start();
  await untilLogged(c, 'CTRL+C');
  const sh = (cmd: string) => runCommand(t.tm, ['bash', '-c', cmd]);
  return { t, c, sh };
}

describe('a Flask hello-world app served by app.run()', () => {
  it('Flask 1.1.4 on Python 2.7: banner, Werkzeug 1.0 responses, click-coloured access log, 404 and 500 pages', async () => {
    const { c, sh } = await serve(2);
    expect((await sh('curl -si localhost:4000/')).stdout).toBe('HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 12\r\nServer: Werkzeug/1.0.1 Python/2.7.18\r\nDate: Mon, 23 Nov 2026 10:00:00 GMT\r\n\r\nHello World!');
    expect((await sh('curl -s localhost:4000/user/ada')).stdout).toBe('{"n":1,"user":"ada"}\n');
    expect((await sh('curl -s localhost:4000/nope')).stdout).toBe(
      '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
    );
    expect((await sh('curl -s -o /dev/null -w "%{http_code}" localhost:4000/boom')).stdout).toBe('500');
    const { out, err } = streams(c);
    expect(out).toBe(' * Serving Flask app "app" (lazy loading)\n * Environment: production\n   WARNING: This is a development server. Do not use it in a production deployment.\n   Use a production WSGI server instead.\n * Debug mode: off\n');
    expect(err).toContain(' * Running on http://0.0.0.0:5000/ (Press CTRL+C to quit)\n172.17.0.1 - - [23/Nov/2026 10:00:00] "\x1b[37mGET / HTTP/1.1\x1b[0m" 200 -\n');
    expect(err).toContain('"\x1b[33mGET /nope HTTP/1.1\x1b[0m" 404 -\n');
    expect(err).toContain('[2026-11-23 10:00:00,000] ERROR in app: Exception on /boom [GET]\nZeroDivisionError: integer division or modulo by zero\n172.17.0.1 - - [23/Nov/2026 10:00:00] "\x1b[35m\x1b[1mGET /boom HTTP/1.1\x1b[0m" 500 -\n');
  });

  it('FLASK_ENV=development on Flask 1.1: no production warning, debug on, the reloader and debugger lines', async () => {
    const { c } = await serve(2, ['FLASK_ENV=development']);
    const { out, err } = streams(c);
    expect(out).toBe(' * Serving Flask app "app" (lazy loading)\n * Environment: development\n * Debug mode: on\n');
    expect(err).toMatch(/^ \* Running on http:\/\/0\.0\.0\.0:5000\/ \(Press CTRL\+C to quit\)\n \* Restarting with stat\n \* Debugger is active!\n \* Debugger PIN: \d{3}-\d{3}-\d{3}\n$/);
  });

  it('Flask 3 on Python 3.12: its banner, Werkzeug 3 start-up lines and response headers', async () => {
    const { c, sh } = await serve(3);
    expect((await sh('curl -si localhost:4000/')).stdout).toBe('HTTP/1.1 200 OK\r\nServer: Werkzeug/3.1.3 Python/3.12.9\r\nDate: Mon, 23 Nov 2026 10:00:00 GMT\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 12\r\nConnection: close\r\n\r\nHello World!');
    expect((await sh('curl -s "localhost:4000/greet?name=Ada"; echo; curl -s localhost:4000/greet; echo; curl -s -X POST -H "Content-Type: application/json" -d \'{"x": [1, 2.5]}\' localhost:4000/greet')).stdout).toBe('Hi Ada\nHi nobody\n{"got":[1,2.5]}\n');
    const { out, err } = streams(c);
    expect(out).toBe(" * Serving Flask app 'app'\n * Debug mode: off\n");
    expect(err).toBe(
      '\x1b[31m\x1b[1mWARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.\x1b[0m\n * Running on all addresses (0.0.0.0)\n * Running on http://127.0.0.1:5000\n * Running on http://172.17.0.2:5000\n\x1b[33mPress CTRL+C to quit\x1b[0m\n' +
        '172.17.0.1 - - [23/Nov/2026 10:00:00] "GET / HTTP/1.1" 200 -\n172.17.0.1 - - [23/Nov/2026 10:00:00] "GET /greet?name=Ada HTTP/1.1" 200 -\n172.17.0.1 - - [23/Nov/2026 10:00:00] "GET /greet HTTP/1.1" 200 -\n' +
        '172.17.0.1 - - [23/Nov/2026 10:00:00] "\x1b[35m\x1b[1mPOST /greet HTTP/1.1\x1b[0m" 201 -\n',
    );
  });

  it("Docker's get-started app (Flask + Redis on python:2.7): counter disabled without Redis, counting with it", async () => {
    const t = dockerTest();
    connectHost(t.tm.machine, t.engine);
    const sh = (cmd: string) => runCommand(t.tm, ['bash', '-c', cmd]);
    const redis = t.engine.createContainer(daemonImage(t.busybox, 'redis-server', '/usr/local/bin/redis-server', ['redis-server']), { imageRef: 'redis', name: 'redis' });
    await redis.start();
    await untilLogged(redis, 'Ready to accept connections tcp');
    const sp = '/usr/local/lib/python2.7/site-packages';
    const app = (host: string) =>
      `from flask import Flask\nfrom redis import Redis, RedisError\nimport os\nimport socket\n\nredis = Redis(host="${host}", db=0, socket_connect_timeout=2, socket_timeout=2)\n\napp = Flask(__name__)\n\n@app.route("/")\ndef hello():\n    try:\n        visits = redis.incr("counter")\n    except RedisError:\n        visits = "<i>cannot connect to Redis, counter disabled</i>"\n\n    html = "<h3>Hello {name}!</h3>" \\\n           "<b>Hostname:</b> {hostname}<br/>" \\\n           "<b>Visits:</b> {visits}"\n    return html.format(name=os.getenv("NAME", "world"), hostname=socket.gethostname(), visits=visits)\n\nif __name__ == "__main__":\n    app.run(host='0.0.0.0', port=80)\n`;
    const image = (host: string) =>
      imageWith(
        t.busybox,
        { '/usr/local/bin/python2.7': { program: 'python2' }, '/usr/local/bin/python': { symlink: 'python2.7' }, [`${sp}/flask/__init__.py`]: '', [`${sp}/Flask-1.1.4.dist-info/METADATA`]: '', [`${sp}/redis/__init__.py`]: '', [`${sp}/redis-3.5.3.dist-info/METADATA`]: '', '/app/app.py': app(host) },
        { Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'PYTHON_VERSION=2.7.18', 'NAME=World'], Cmd: ['python', 'app.py'], WorkingDir: '/app' },
      );
    const down = t.engine.createContainer(image('redis'), { imageRef: 'friendlyhello', name: 'web1', hostConfig: { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '4000' }] } } });
    await down.start();
    await untilLogged(down, 'CTRL+C');
    expect((await sh('curl -s localhost:4000')).stdout).toBe(`<h3>Hello World!</h3><b>Hostname:</b> ${down.id.slice(0, 12)}<br/><b>Visits:</b> <i>cannot connect to Redis, counter disabled</i>`);
    const up = t.engine.createContainer(image('172.17.0.2'), { imageRef: 'friendlyhello', name: 'web2', hostConfig: { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '4001' }] } } });
    await up.start();
    await untilLogged(up, 'CTRL+C');
    expect((await sh('curl -s localhost:4001; echo; curl -s localhost:4001')).stdout).toBe(
      `<h3>Hello World!</h3><b>Hostname:</b> ${up.id.slice(0, 12)}<br/><b>Visits:</b> 1\n<h3>Hello World!</h3><b>Hostname:</b> ${up.id.slice(0, 12)}<br/><b>Visits:</b> 2`,
    );
  });
});
