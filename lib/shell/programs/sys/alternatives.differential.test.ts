/**
 * update-alternatives against dpkg's own (with --altdir/--admindir in a temporary directory): messages, statuses,
 * the administrative file and where the links point must agree.
 */
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../../testing/harness';
import { hasTool, runReal } from '../testing/real-tools';

const SCRIPTS: string[][][] = [
  [['--install', '@/bin/python', 'python', '@/bin/python3', '1'], ['--install', '@/bin/python', 'python', '@/bin/python2', '5'], ['--display', 'python']],
  [['--install', '@/bin/python', 'python', '@/bin/python3', '1'], ['--install', '@/bin/python', 'python', '@/bin/python2', '5'], ['--set', 'python', '@/bin/python3'], ['--display', 'python'], ['--auto', 'python'], ['--list', 'python']],
  [['--display', 'nosuch'], ['--set', 'nosuch', '@/bin/python3']],
  [['--install', '@/bin/python', 'python', '@/bin/python3', '1'], ['--set', 'python', '/nope'], ['--remove', 'python', '@/bin/python3'], ['--display', 'python']],
];

describe('update-alternatives matches dpkg', () => {
  for (const script of SCRIPTS) {
    it.skipIf(!hasTool('update-alternatives'))(script.map((s) => s.join(' ')).join(' ; '), async () => {
      const dir = mkdtempSync(join(tmpdir(), 'layerlab-alt-'));
      try {
        for (const d of ['alt', 'adm', 'bin']) mkdirSync(join(dir, d));
        for (const f of ['python2', 'python3']) writeFileSync(join(dir, 'bin', f), '');
        const tm = createTestMachine();
        tm.fs.mkdir('/w');
        for (const d of ['alt', 'adm', 'bin']) tm.fs.mkdir(`/w/${d}`);
        for (const f of ['python2', 'python3']) tm.fs.writeFile(`/w/bin/${f}`, new Uint8Array(0));
        for (const step of script) {
          const real = runReal(['update-alternatives', '--altdir', `${dir}/alt`, '--admindir', `${dir}/adm`, ...step.map((a) => a.replace('@', dir))]);
          const sim = await runCommand(tm, ['update-alternatives', '--altdir', '/w/alt', '--admindir', '/w/adm', ...step.map((a) => a.replace('@', '/w'))], { user: 'root' });
          const norm = (s: string) => s.split(dir).join('/w');
          expect({ step, stdout: sim.stdout, stderr: sim.stderr, status: sim.status }).toEqual({ step, stdout: norm(real.stdout), stderr: norm(real.stderr), status: real.status });
        }
        let admin: string | null = null;
        try {
          admin = readFileSync(join(dir, 'adm', 'python'), 'utf8').split(dir).join('/w');
        } catch {
          admin = null;
        }
        let simAdmin: string | null = null;
        try {
          simAdmin = new TextDecoder().decode(tm.fs.readFile('/w/adm/python'));
        } catch {
          simAdmin = null;
        }
        expect(simAdmin).toBe(admin);
        if (admin !== null) expect(tm.fs.readlink('/w/alt/python')).toBe(readlinkSync(join(dir, 'alt', 'python')).split(dir).join('/w'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
