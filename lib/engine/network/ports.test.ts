import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../errors';
import { parsePublish } from './ports';

const err = (values: string[]) => {
  try {
    parsePublish(values);
  } catch (e) {
    if (isEngineError(e)) return { message: e.message, daemon: e.daemon };
    throw e;
  }
  throw new Error('no error');
};

describe('parsePublish (-p)', () => {
  it('the documented forms', () => {
    expect(parsePublish(['8080:80'])).toEqual({ exposedPorts: ['80/tcp'], portBindings: { '80/tcp': [{ hostIp: '', hostPort: '8080' }] } });
    expect(parsePublish(['127.0.0.1:8080:80']).portBindings).toEqual({ '80/tcp': [{ hostIp: '127.0.0.1', hostPort: '8080' }] });
    expect(parsePublish(['127.0.0.1::80']).portBindings).toEqual({ '80/tcp': [{ hostIp: '127.0.0.1', hostPort: '' }] });
    expect(parsePublish(['80']).portBindings).toEqual({ '80/tcp': [{ hostIp: '', hostPort: '' }] });
    expect(parsePublish(['8080:80/UDP']).portBindings).toEqual({ '80/udp': [{ hostIp: '', hostPort: '8080' }] });
    expect(parsePublish(['[::1]:8080:80']).portBindings).toEqual({ '80/tcp': [{ hostIp: '::1', hostPort: '8080' }] });
    expect(parsePublish(['::1:8080:80']).portBindings).toEqual({ '80/tcp': [{ hostIp: '::1', hostPort: '8080' }] });
    expect(parsePublish(['8000-8002:80-82'])).toEqual({
      exposedPorts: ['80/tcp', '81/tcp', '82/tcp'],
      portBindings: { '80/tcp': [{ hostIp: '', hostPort: '8000' }], '81/tcp': [{ hostIp: '', hostPort: '8001' }], '82/tcp': [{ hostIp: '', hostPort: '8002' }] },
    });
    // A host range for one container port is where a free host port is picked.
    expect(parsePublish(['8000-8010:80']).portBindings).toEqual({ '80/tcp': [{ hostIp: '', hostPort: '8000-8010' }] });
    // Two bindings of one port, in order.
    expect(parsePublish(['8080:80', '127.0.0.1:9090:80']).portBindings['80/tcp']).toEqual([
      { hostIp: '', hostPort: '8080' },
      { hostIp: '127.0.0.1', hostPort: '9090' },
    ]);
    expect(parsePublish(['published=8080,target=80,protocol=udp']).portBindings).toEqual({ '80/udp': [{ hostIp: '', hostPort: '8080' }] });
    expect(parsePublish(['target=80']).portBindings).toEqual({ '80/tcp': [{ hostIp: '', hostPort: '' }] });
  });

  it("Docker's error texts, client-side (no daemon prefix)", () => {
    expect(err(['localhost:8080:80'])).toEqual({ message: 'invalid IP address: localhost', daemon: false });
    expect(err(['8080:abc']).message).toBe('invalid containerPort: abc');
    expect(err(['8080:70000']).message).toBe('invalid containerPort: 70000');
    expect(err(['x:80']).message).toBe('invalid hostPort: x');
    expect(err(['520001:443']).message).toBe('invalid hostPort: 520001');
    expect(err(['8080:']).message).toBe('no port specified: 8080:<empty>');
    expect(err(['8080:80/xyz']).message).toBe('invalid proto: xyz');
    expect(err(['8000-8001:80-82']).message).toBe('invalid ranges specified for container and host Ports: 80-82 and 8000-8001');
    expect(err(['82-80']).message).toBe('invalid containerPort: 82-80');
    expect(err(['published=8080,80']).message).toBe("invalid publish opts format (should be name=value but got '80')");
    expect(err(['[::1:8080:80']).message).toBe("invalid IP address [::1: address [::1:: missing ']' in address");
  });

  it('property: every well-formed spec parses to its ports and bindings', () => {
    const port = fc.integer({ min: 0, max: 65535 });
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom('127.0.0.1', '0.0.0.0', '10.1.2.3', '::1', '[::]'), { nil: undefined }),
        fc.option(port, { nil: undefined }),
        fc.integer({ min: 0, max: 65530 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom('', '/tcp', '/udp', '/sctp', '/TCP'),
        (ip, host, start, width, proto) => {
          const range = host === undefined ? `${start}-${start + width}` : `${start}`;
          const spec = `${ip !== undefined ? `${ip}:` : ''}${host !== undefined || ip !== undefined ? `${host ?? ''}:` : ''}${range}${proto}`;
          const r = parsePublish([spec]);
          const p = proto === '' ? 'tcp' : proto.slice(1).toLowerCase();
          const count = host === undefined ? width + 1 : 1;
          expect(r.exposedPorts).toEqual(Array.from({ length: count }, (_, i) => `${start + i}/${p}`));
          for (const key of r.exposedPorts) {
            expect(r.portBindings[key]).toEqual([{ hostIp: (ip ?? '').replace(/^\[|\]$/g, ''), hostPort: host === undefined ? '' : String(host) }]);
          }
        },
      ),
    );
  });

  it('property: any input either parses or fails with a client-side EngineError', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9a-z:.\-/=,[\]]{0,16}$/), { maxLength: 3 }), (values) => {
        try {
          const r = parsePublish(values);
          for (const k of r.exposedPorts) expect(k).toMatch(/^\d+\/(tcp|udp|sctp)$/);
        } catch (e) {
          expect(isEngineError(e)).toBe(true);
          if (isEngineError(e)) expect(e.daemon).toBe(false);
        }
      }),
    );
  });
});
