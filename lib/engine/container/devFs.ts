/**
 * A container's /dev: Docker mounts a fresh tmpfs there with the standard device nodes and links (runc's default
 * devices), so `> /dev/null` reaches the null device and nothing written under /dev ever lands in the writable
 * layer, `docker diff` or a commit.
 */
import { MemFs } from '../fs/MemFs';
import { DEVICE_NODES, DEVICES } from '../process/Machine';

export function containerDevFs(now: () => number): MemFs {
  const fs = new MemFs({ now });
  fs.chmod('/', 0o755);
  for (const [name, rdev, mode] of [...DEVICE_NODES, ['console', DEVICES.console, 0o620] as const]) {
    fs.mknod(`/${name}`, 'chardev', mode, rdev);
    fs.chmod(`/${name}`, mode);
  }
  for (const [dir, mode] of [
    ['/pts', 0o755],
    ['/mqueue', 0o1777],
    ['/shm', 0o1777],
  ] as const) {
    fs.mkdir(dir, mode);
    fs.chmod(dir, mode);
  }
  for (const [name, target] of [
    ['core', '/proc/kcore'],
    ['fd', '/proc/self/fd'],
    ['ptmx', 'pts/ptmx'],
    ['stdin', '/proc/self/fd/0'],
    ['stdout', '/proc/self/fd/1'],
    ['stderr', '/proc/self/fd/2'],
  ] as const) {
    fs.symlink(target, `/${name}`);
  }
  return fs;
}
