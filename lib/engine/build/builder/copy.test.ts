import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goMatchRegExp, parseChmod, sourceRel } from './copy';

/** GNU chmod (with umask 0, as BuildKit applies no umask) is the oracle for symbolic --chmod. */
function realChmod(spec: string, start: number, dir: boolean): number {
  const base = mkdtempSync(join(tmpdir(), 'layerlab-chmod-'));
  try {
    const p = join(base, 'x');
    if (dir) mkdirSync(p);
    else writeFileSync(p, '');
    const out = execFileSync('sh', ['-c', `umask 0; chmod ${start.toString(8)} "$1" && chmod -- "$2" "$1" && stat -c %a "$1"`, 'sh', p, spec]).toString();
    return parseInt(out.trim(), 8);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

describe('--chmod', () => {
  it('octal values up to 07777; anything else is BuildKit error', () => {
    expect(parseChmod('755')(0o600, false)).toBe(0o755);
    expect(parseChmod('0644')(0o777, true)).toBe(0o644);
    expect(() => parseChmod('999')).toThrow("invalid chmod parameter: '999'. it should be octal string and between 0 and 07777");
    expect(() => parseChmod('17777')).toThrow('invalid chmod parameter');
    expect(() => parseChmod('u+q')).toThrow('invalid chmod parameter');
  });

  const specs = ['+x', 'u+x', 'a-w', 'go-rwx', 'u=rwX,go=rX', 'g=u', 'o=g', 'u+s,g+s', '+t', 'a=r', 'ug+rw,o-r', '=rw'];
  for (const spec of specs) {
    for (const [start, dir] of [[0o644, false], [0o755, false], [0o600, true], [0o751, true]] as const) {
      it(`${spec} on ${dir ? 'a directory' : 'a file'} ${start.toString(8)} matches chmod(1)`, () => {
        expect(parseChmod(spec)(start, dir).toString(8)).toBe(realChmod(spec, start, dir).toString(8));
      });
    }
  }
});

describe('COPY source words', () => {
  it('are relative to the context and cannot leave it', () => {
    expect(sourceRel('.')).toBe('');
    expect(sourceRel('/')).toBe('');
    expect(sourceRel('./src/')).toBe('src');
    expect(sourceRel('../../etc/passwd')).toBe('etc/passwd');
  });

  it('match wildcards as Go filepath.Match: * and ? stop at /', () => {
    const re = goMatchRegExp('*.txt');
    expect(re.test('a.txt')).toBe(true);
    expect(re.test('dir/a.txt')).toBe(false);
    expect(goMatchRegExp('dir/?.md').test('dir/a.md')).toBe(true);
    expect(goMatchRegExp('[a-c]*').test('beta')).toBe(true);
    expect(goMatchRegExp('[!a-c]*').test('beta')).toBe(false);
    expect(goMatchRegExp('\\*').test('*')).toBe(true);
  });
});
