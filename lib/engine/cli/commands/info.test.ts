import { describe, expect, it } from 'vitest';
import { dockerTest } from '../testing/harness';

describe('docker info', () => {
  it('counts containers by state and images; describes the simulated overlay2 daemon', async () => {
    const t = dockerTest();
    const up = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'up', cmd: ['sleep', '100'] });
    const frozen = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'frozen', cmd: ['sleep', '100'] });
    t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'idle', cmd: ['true'] });
    await up.start();
    await frozen.start();
    frozen.pause();
    t.engine.commit(up);
    const r = await t.run(['info']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 17)).toEqual([
      'Client: Docker Engine - Community',
      ' Version:    28.5.2',
      ' Context:    default',
      ' Debug Mode: false',
      '',
      'Server:',
      ' Containers: 3',
      '  Running: 1',
      '  Paused: 1',
      '  Stopped: 1',
      ' Images: 2',
      ' Server Version: 28.5.2',
      ' Storage Driver: overlay2',
      '  Backing Filesystem: extfs',
      '  Supports d_type: true',
      '  Using metacopy: false',
      '  Native Overlay Diff: true',
    ]);
    expect(lines).toContain(' Kernel Version: 6.8.0-layerlab');
    expect(lines).toContain(' Total Memory: 3.841GiB');
    expect(lines).toContain(' CPUs: 2');
    expect(lines).toContain(' Name: layerlab');
    expect(lines.find((l) => l.startsWith(' ID: '))).toMatch(/^ ID: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.stdout.endsWith(' Live Restore Enabled: false\n\n')).toBe(true);
    // The ID is the daemon's: stable across calls.
    expect((await t.run(['info', '--format', '{{.ID}}'])).stdout).toBe(`${t.engine.daemonId}\n`);
  });

  it('--format reads system.Info fields; a bad template is a parsing error', async () => {
    const t = dockerTest();
    expect((await t.run(['info', '-f', '{{.Containers}} {{.Images}} {{.Driver}} {{.OSType}} {{.NCPU}} {{.ServerVersion}}'])).stdout).toBe('0 1 overlay2 linux 2 28.5.2\n');
    expect((await t.run(['info', '--format', '{{json .DriverStatus}}'])).stdout).toBe(
      '[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]\n',
    );
    const bad = await t.run(['info', '--format', '{{.Nope'])
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^template parsing error: /);
    expect((await t.run(['system', 'info', '-f', '{{.Images}}'])).stdout).toBe('1\n');
    expect((await t.run(['system', '--help'])).stdout).toBe(
      "\nUsage:  docker system COMMAND\n\nManage Docker\n\nCommands:\n  df          Show docker disk usage\n  events      Get real time events from the server\n  info        Display system-wide information\n  prune       Remove unused data\n\nRun 'docker system COMMAND --help' for more information on a command.\n",
    );
    expect((await t.run(['info', 'x'])).stderr).toBe("docker: 'docker info' accepts no arguments\n\nUsage:  docker info [OPTIONS]\n\nRun 'docker info --help' for more information\n");
  });
});
