/**
 * Small images for engine tests: a BusyBox-style root (one multi-call binary and applet links, passwd, group)
 * built with the same LayerBuilder the catalog uses. Not a stand-in for the real catalog: tests that need real
 * image structure use that.
 */

import { textContent, bytesContent } from '../fs/Content';
import { executableHeader } from '../fs/executable';
import { LayerBuilder } from '../fs/LayerTree';
import { formatRfc3339Nano } from '../format/time';
import { append } from '../image/append';
import type { Image } from '../image/Image';
import { Layer } from '../image/Layer';

export const TINY_APPLETS = ['sh', 'ls', 'cat', 'echo', 'rm', 'mkdir', 'touch', 'sleep', 'pwd', 'id', 'env', 'hostname', 'chmod', 'mv', 'cp', 'true', 'false', 'test', '['];

export function tinyBusyboxImage(createdMs = Date.UTC(2026, 0, 1)): Image {
  const b = new LayerBuilder();
  const dir = { type: 'dir' as const, mode: 0o755, uid: 0, gid: 0, mtimeMs: createdMs };
  for (const d of ['/bin', '/etc', '/root', '/var', '/home', '/usr', '/usr/bin']) b.add(d, dir);
  b.add('/tmp', { ...dir, mode: 0o1777 });
  b.add('/bin/busybox', { type: 'file', mode: 0o755, uid: 0, gid: 0, mtimeMs: createdMs, content: bytesContent(executableHeader('busybox')) });
  for (const a of TINY_APPLETS) b.add(`/bin/${a}`, { type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: createdMs, target: 'busybox' });
  const file = (path: string, text: string) => b.add(path, { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: createdMs, content: textContent(text) });
  file('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  file('/etc/group', 'root:x:0:\nnogroup:x:65534:\n');
  file('/etc/motd', 'Welcome\n');
  const created = formatRfc3339Nano(createdMs);
  return append({
    base: null,
    addenda: [
      { layer: new Layer(b.freeze()), history: { created, created_by: '/bin/sh -c #(nop) ADD file:tiny in / ' } },
      { history: { created, created_by: '/bin/sh -c #(nop)  CMD ["sh"]' } },
    ],
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] },
    created,
  });
}
