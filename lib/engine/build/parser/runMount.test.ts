import { describe, expect, it } from 'vitest';
import { parseRunMount, RunMountError } from './runMount';

describe('parseRunMount (commands_runmount.go with an expander)', () => {
  it('defaults: bind, read-only; cache and tmpfs read-write', () => {
    expect(parseRunMount('target=/src')).toMatchObject({ type: 'bind', target: '/src', readOnly: true });
    expect(parseRunMount('type=cache,target=/root/.cache,id=go,sharing=LOCKED,mode=0755,uid=1000')).toMatchObject({
      type: 'cache',
      readOnly: false,
      id: 'go',
      sharing: 'locked',
      mode: 0o755,
      uid: 1000,
    });
    expect(parseRunMount('type=bind,from=build,source=/out,dst=/in,rw')).toMatchObject({ from: 'build', source: '/out', target: '/in', readOnly: false });
    expect(parseRunMount('type=secret,id=tok,required')).toMatchObject({ type: 'secret', id: 'tok', required: true, readOnly: true });
    expect(parseRunMount('"type=bind","target=/a,b"')).toMatchObject({ target: '/a,b' });
  });
  it('expands values with the builder expander', () => {
    expect(parseRunMount('type=cache,target=$DIR', (w) => w.replace('$DIR', '/c')).target).toBe('/c');
  });
  const errors: [string, string][] = [
    ['type=foo', 'unsupported mount type "foo"'],
    ['type=cahce', 'unsupported mount type "cahce" (did you mean cache?)'],
    ['target=/a,tagret=/b', "unexpected key 'tagret' in 'tagret=/b' (did you mean target?)"],
    ['target=/a,required', "unexpected key 'required' for mount type 'bind'"],
    ['target', "invalid field 'target' must be a key=value pair"],
    ['ro=maybe', 'invalid value for ro: maybe'],
    ['type=cache,mode=999', 'invalid value 999 for mode'],
    ['type=bind,mode=0755', 'mode not allowed for "bind" type mounts'],
    ['type=tmpfs,sharing=shared', 'invalid cache sharing set for tmpfs mount'],
    ['type=cache,sharing=all', 'unsupported sharing value "all"'],
    ['type=secret', 'invalid secret mount. one of source, target required'],
    ['type=secret,id=a,source=b', "both source and id can't be set"],
    ['type=secret,id=a,from=x', 'secret mount should not have a from'],
    ['a"b', 'failed to parse csv mounts: parse error on line 1, column 2: bare " in non-quoted-field'],
  ];
  for (const [value, message] of errors) {
    it(`${value} → ${message}`, () => {
      expect(() => parseRunMount(value)).toThrow(RunMountError);
      expect(() => parseRunMount(value)).toThrow(message);
    });
  }
});
