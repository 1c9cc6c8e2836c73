/**
 * The part of Flask a hello-world app uses, when the image has Flask installed: `Flask(__name__)`, `@app.route`
 * (static rules and `<name>` / `<int:name>` variables, `methods=`), views returning str, (body, status) or dicts,
 * `jsonify`, and `app.run(host, port, debug)` on Werkzeug's development server with its banner, access log and
 * error pages. Flask 1.x (Werkzeug 1.0, Python 2.7) and Flask 2+ (Werkzeug 2/3) print differently; both are here.
 * Anything else from flask (request, render_template...) says it is not available in this simulation.
 */

import { STATUS_TEXT } from '../../../engine/network/http';
import { builtin } from './builtins';
import { PyException } from './errors';
import type { Interpreter, WebRequest, WebResponse } from './interp';
import { type PyDict, type PyInstance, type PyModule, type PyValue, floatRepr, str } from './values';

interface Rule {
  readonly rule: string;
  readonly re: RegExp;
  readonly params: readonly { name: string; int: boolean }[];
  readonly methods: readonly string[];
  readonly view: PyValue;
}

const NOT_FOUND = '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>';
const NOT_ALLOWED = '<p>The method is not allowed for the requested URL.</p>';
const INTERNAL = '<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>';

/** Werkzeug's HTTPException page: the HTML 3.2 one up to 1.0, the `<!doctype html>` one since 2.0. */
function errorPage(legacy: boolean, status: number, description: string): string {
  const name = STATUS_TEXT[status] ?? '';
  return legacy
    ? `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>${status} ${name}</title>\n<h1>${name}</h1>\n${description}\n`
    : `<!doctype html>\n<html lang=en>\n<title>${status} ${name}</title>\n<h1>${name}</h1>\n${description}\n`;
}

function compileRule(rule: string): { re: RegExp; params: { name: string; int: boolean }[] } {
  const params: { name: string; int: boolean }[] = [];
  let re = '^';
  for (const part of rule.split(/(<[^>]+>)/)) {
    const m = /^<(?:(\w+):)?(\w+)>$/.exec(part);
    if (!m) {
      re += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const int = m[1] === 'int';
    params.push({ name: m[2]!, int });
    re += int ? '(\\d+)' : m[1] === 'path' ? '(.+)' : '([^/]+)';
  }
  return { re: new RegExp(`${re}$`), params };
}

/** json.dumps(sort_keys=True, separators=(",", ":")), as jsonify sends it. */
function toJson(it: Interpreter, v: PyValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return floatRepr(v);
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (v.kind === 'list' || v.kind === 'tuple') return `[${v.items.map((x) => toJson(it, x)).join(',')}]`;
  if (v.kind === 'dict')
    return `{${[...v.map.values()]
      .map(([k, x]) => [str(k, it.major), x] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${toJson(it, x)}`)
      .join(',')}}`;
  throw it.err('TypeError', `Object of type ${v.kind} is not JSON serializable`);
}

function jsonResponse(it: Interpreter, v: PyValue): PyInstance {
  return { kind: 'instance', cls: 'Response', attrs: new Map([['__json__', `${toJson(it, v)}\n`]]), text: '<Response 0 bytes [200 OK]>' };
}

export function flaskModule(it: Interpreter, version: string): PyModule {
  const Flask = { kind: 'type' as const, name: 'Flask', call: ([importName]: PyValue[]) => makeApp(it, version, importName ?? '__main__') };
  const jsonify = builtin('jsonify', ([v], kw) => {
    if (v !== undefined) return jsonResponse(it, v);
    const d: PyDict = { kind: 'dict', map: new Map() };
    for (const [k, x] of kw) d.map.set(`s:${k}`, [k, x]);
    return jsonResponse(it, d);
  });
  return { kind: 'module', name: 'flask', attrs: new Map<string, PyValue>([['Flask', Flask], ['jsonify', jsonify], ['request', request], ['__opaque__', true]]) };
}

/**
 * flask.request: one object whose attributes are set for each request (the development server here handles one
 * request at a time, so a thread-local is not needed): method, path, args, form, headers, remote_addr, get_json().
 */
const request: PyInstance = { kind: 'instance', cls: 'Request', attrs: new Map(), text: '<Request>' };

function dictOf(entries: Iterable<readonly [string, string]>): PyDict {
  const d: PyDict = { kind: 'dict', map: new Map() };
  for (const [k, v] of entries) if (!d.map.has(`s:${k}`)) d.map.set(`s:${k}`, [k, v]);
  return d;
}

function parseQuery(q: string): [string, string][] {
  return q
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const [k, v = ''] = p.split('=');
      const dec = (x: string) => decodeURIComponent(x.replace(/\+/g, ' '));
      return [dec(k!), dec(v)];
    });
}

function fromJson(v: unknown): PyValue {
  if (v === null) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return { kind: 'list', items: v.map(fromJson) };
  const d: PyDict = { kind: 'dict', map: new Map() };
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) d.map.set(`s:${k}`, [k, fromJson(x)]);
  return d;
}

function setRequest(it: Interpreter, req: WebRequest, path: string): void {
  const query = req.target.includes('?') ? req.target.slice(req.target.indexOf('?') + 1) : '';
  const header = (name: string) => req.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const type = header('content-type') ?? '';
  let json: PyValue = null;
  if (type.startsWith('application/json')) {
    try {
      json = fromJson(JSON.parse(req.body));
    } catch {
      json = null;
    }
  }
  const a = request.attrs;
  a.set('method', req.method);
  a.set('path', path);
  a.set('full_path', `${path}?${query}`);
  a.set('args', dictOf(parseQuery(query)));
  a.set('form', dictOf(type.startsWith('application/x-www-form-urlencoded') ? parseQuery(req.body) : []));
  a.set('headers', dictOf(req.headers));
  a.set('remote_addr', req.remote);
  a.set('data', req.body);
  a.set('json', json);
  a.set('get_json', builtin('get_json', () => json));
  void it;
}

function makeApp(it: Interpreter, version: string, importName: PyValue): PyInstance {
  const h = it.host;
  const legacy = Number(version.split('.')[0]) < 2;
  const name = importName === '__main__' ? (h.mainFile ?? '__main__') : str(importName, it.major);
  const rules: Rule[] = [];
  const app: PyInstance = { kind: 'instance', cls: 'Flask', attrs: new Map(), text: `<Flask '${name}'>` };
  app.attrs.set('name', name);
  app.attrs.set(
    'route',
    builtin('route', ([rule], kw) =>
      builtin('decorator', ([view]) => {
        const methods = kw.get('methods');
        const list = methods !== undefined && methods !== null && typeof methods === 'object' && (methods.kind === 'list' || methods.kind === 'tuple') ? methods.items.map((m) => str(m, it.major).toUpperCase()) : ['GET'];
        const text = str(rule ?? '/', it.major);
        rules.push({ rule: text, ...compileRule(text), methods: list, view: view ?? null });
        return view ?? null;
      }),
    ),
  );
  app.attrs.set(
    'run',
    builtin('run', async (args, kw) => {
      const arg = (i: number, key: string) => (kw.has(key) ? kw.get(key)! : args[i]);
      const hostArg = arg(0, 'host');
      const portArg = arg(1, 'port');
      const debugArg = arg(2, 'debug');
      const host = hostArg === undefined || hostArg === null ? '127.0.0.1' : str(hostArg, it.major);
      const port = portArg === undefined || portArg === null ? 5000 : Number(portArg);
      const env = h.env.get('FLASK_ENV') ?? 'production';
      const debug = debugArg === undefined || debugArg === null ? env === 'development' || h.env.get('FLASK_DEBUG') === '1' : debugArg === true || (typeof debugArg === 'bigint' && debugArg !== 0n);
      await banner(it, legacy, name, env, debug);
      // click.echo flushes, so the banner reaches the log even though print output may still be held back.
      await h.flush();
      await h.serve(host, port, (req) => respond(it, version, rules, req), () => h.writeErr(startupLog(it, version, host, port, debug)));
      return null;
    }),
  );
  return app;
}

async function banner(it: Interpreter, legacy: boolean, name: string, env: string, debug: boolean): Promise<void> {
  const h = it.host;
  // click.secho colours only a terminal.
  const style = (text: string, code: number) => (h.stdoutIsTTY ? `\x1b[${code}m${text}\x1b[0m` : text);
  if (legacy) {
    let out = ` * Serving Flask app "${name}" (lazy loading)\n * Environment: ${env}\n`;
    if (env === 'production') out += `${style('   WARNING: This is a development server. Do not use it in a production deployment.', 31)}\n${style('   Use a production WSGI server instead.', 2)}\n`;
    await h.write(`${out} * Debug mode: ${debug ? 'on' : 'off'}\n`);
  } else await h.write(` * Serving Flask app '${name}'\n * Debug mode: ${debug ? 'on' : 'off'}\n`);
}

/** The lines Werkzeug logs once the socket is bound (stderr), the development server's start-up. */
export function startupLog(it: Interpreter, version: string, host: string, port: number, debug: boolean): string {
  const pin = () => Array.from({ length: 3 }, () => String(100 + it.host.randomInt(900))).join('-');
  const tail = debug ? ` * Restarting with stat\n * Debugger is active!\n * Debugger PIN: ${pin()}\n` : '';
  if (Number(version.split('.')[0]) < 2) return ` * Running on http://${host}:${port}/ (Press CTRL+C to quit)\n${tail}`;
  // Werkzeug 2+ styles these with ANSI codes whatever the output is.
  let out = '\x1b[31m\x1b[1mWARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.\x1b[0m\n';
  if (host === '0.0.0.0') out += ` * Running on all addresses (0.0.0.0)\n * Running on http://127.0.0.1:${port}\n * Running on http://${it.host.address}:${port}\n`;
  else out += ` * Running on http://${host}:${port}\n`;
  return `${out}\x1b[33mPress CTRL+C to quit\x1b[0m\n${tail}`;
}

function logTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

async function respond(it: Interpreter, version: string, rules: readonly Rule[], req: WebRequest): Promise<WebResponse> {
  const h = it.host;
  const legacy = Number(version.split('.')[0]) < 2;
  const path = req.target.split('?')[0]!;
  let status = 200;
  let body: string;
  let type = 'text/html; charset=utf-8';
  const matches = rules.map((r) => ({ r, m: r.re.exec(path) })).filter((x) => x.m !== null);
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const hit = matches.find((x) => x.r.methods.includes(method));
  if (matches.length === 0) {
    status = 404;
    body = errorPage(legacy, 404, NOT_FOUND);
  } else if (!hit) {
    status = 405;
    body = errorPage(legacy, 405, NOT_ALLOWED);
  } else {
    setRequest(it, req, path);
    const kw = new Map<string, PyValue>();
    hit.r.params.forEach((p, i) => kw.set(p.name, p.int ? BigInt(hit.m![i + 1]!) : decodeURIComponent(hit.m![i + 1]!)));
    try {
      let v = await it.call(hit.r.view, [], kw);
      if (v !== null && typeof v === 'object' && v.kind === 'tuple') {
        status = Number(v.items[1] ?? 200n);
        v = v.items[0] ?? null;
      }
      if (v !== null && typeof v === 'object' && v.kind === 'dict') v = jsonResponse(it, v);
      if (v !== null && typeof v === 'object' && v.kind === 'instance' && v.attrs.has('__json__')) {
        body = str(v.attrs.get('__json__')!, it.major);
        type = 'application/json';
      } else if (typeof v === 'string') body = v;
      else throw it.err('TypeError', `The view function did not return a valid response. The function either returned None or ended without a return statement.`);
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      await h.writeErr(`[${new Date(h.now()).toISOString().replace('T', ' ').replace('.', ',').slice(0, 23)}] ERROR in app: Exception on ${path} [${req.method}]\n${e.type}: ${e.detail}\n`);
      status = 500;
      body = errorPage(legacy, 500, INTERNAL);
    }
  }
  const code = String(status);
  let line = `${req.method} ${req.target} ${req.version}`;
  if (legacy) {
    // Werkzeug 1.0 colours it with click.style (foreground first, then bold), into the log whatever it is.
    const style = (...c: number[]) => `${c.map((n) => `\x1b[${n}m`).join('')}${line}\x1b[0m`;
    if (code.startsWith('1')) line = style(1);
    else if (code.startsWith('2')) line = style(37);
    else if (code === '304') line = style(36);
    else if (code.startsWith('3')) line = style(32);
    else if (code === '404') line = style(33);
    else if (code.startsWith('4')) line = style(31, 1);
    else line = style(35, 1);
  } else {
    // Werkzeug 2+ colours the request line by status (_ansi_style wraps once per style, so the last comes first).
    const paint = (...c: number[]) => `${[...c].reverse().map((n) => `\x1b[${n}m`).join('')}${line}\x1b[0m`;
    if (code.startsWith('1')) line = paint(1);
    else if (code === '200') {
      /* uncoloured */
    } else if (code === '304') line = paint(36);
    else if (code.startsWith('3')) line = paint(32);
    else if (code === '404') line = paint(33);
    else if (code.startsWith('4')) line = paint(1, 31);
    else line = paint(1, 35);
  }
  await h.writeErr(`${req.remote} - - [${logTime(h.now())}] "${line}" ${code} -\n`);
  const length = String(new TextEncoder().encode(body).length);
  const server = `Werkzeug/${h.packageVersion('Werkzeug') ?? (legacy ? '1.0.1' : '3.1.3')} Python/${h.version}`;
  const date = httpDate(h.now());
  const headers: [string, string][] = legacy
    ? [['Content-Type', type], ['Content-Length', length], ['Server', server], ['Date', date]]
    : [['Server', server], ['Date', date], ['Content-Type', type], ['Content-Length', length], ['Connection', 'close']];
  return { version: legacy ? 'HTTP/1.0' : 'HTTP/1.1', status, headers, body };
}
