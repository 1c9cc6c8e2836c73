import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DockerignoreError, PatternMatcher, readDockerignore } from './index';
import { goClean } from './goPath';

const matcher = (file: string) => new PatternMatcher(readDockerignore(file));

describe('readDockerignore (ignorefile.ReadAll)', () => {
  it('strips a BOM, skips column-0 comments and blank lines, trims, cleans, drops a leading /', () => {
    expect(readDockerignore('\ufeff# c\n  # not a comment\n\n ./src \n/docs/\n! keep \na//b/../c\r\n/\n')).toEqual([
      '# not a comment',
      'src',
      'docs',
      '!keep',
      'a/c',
      '/',
    ]);
  });
  it('keeps a bare ! (the matcher rejects it)', () => {
    expect(readDockerignore('!\n')).toEqual(['!']);
    expect(() => new PatternMatcher(['!'])).toThrow('illegal exclusion pattern: "!"');
  });
  it('rejects malformed patterns like Go filepath.Match', () => {
    for (const p of ['[', 'a[', '[]', '[-a]', '[a-]', 'x\\']) {
      expect(() => new PatternMatcher([p]), p).toThrow(DockerignoreError);
    }
    expect(() => new PatternMatcher(['[a-z]', '[^a]', 'a]', '\\*'])).not.toThrow();
  });
});

describe('truth table (docker.md §7)', () => {
  const table: [string, [string, boolean][]][] = [
    ['*.md', [['README.md', true], ['docs/a.md', false]]],
    ['**/*.md', [['README.md', true], ['docs/a.md', true], ['a/b/c.md', true]]],
    ['docs', [['docs', true], ['docs/a.md', true], ['src/docs/x', false]]],
    ['/docs/\n./src', [['docs/a', true], ['src/b', true]]],
    ['*/temp*', [['somedir/temporary.txt', true], ['somedir/temp', true], ['temp', false], ['a/b/temp', false]]],
    ['*/*/temp*', [['a/b/temp.txt', true], ['a/temp', false]]],
    ['temp?', [['temp1', true], ['temp12', false]]],
    ['*.md\n!README.md', [['README.md', false], ['CHANGES.md', true]]],
    ['*.md\n!README*.md\nREADME-secret.md', [['README.md', false], ['README-secret.md', true]]],
    ['node_modules\n!node_modules/keep', [['node_modules/x', true], ['node_modules/keep', false]]],
    ['dir/**', [['dir', false], ['dir/a', true], ['dir/a/b', true]]],
    ['.*', [['.git', true], ['.env', true], ['a/.hidden', false]]],
    ['**', [['a', true], ['a/b/c', true]]],
    ['**/x', [['x', true], ['a/x', true], ['a/b/x/y', true], ['ax', false]]],
    ['a/**/b', [['a/b', true], ['a/x/y/b', true], ['a/xb', false]]],
    ['[a-c]?', [['b1', true], ['d1', false]]],
    ['\\*x', [['*x', true], ['ax', false]]],
  ];
  for (const [file, rows] of table) {
    for (const [path, excluded] of rows) {
      it(`${JSON.stringify(file)}: ${path} → ${excluded ? 'excluded' : 'kept'}`, () => {
        expect(matcher(file).matches(path)).toBe(excluded);
      });
    }
  }
});

describe('canSkipDir', () => {
  it('skips excluded directories unless an exception lies inside', () => {
    expect(matcher('node_modules').canSkipDir('node_modules')).toBe(true);
    expect(matcher('node_modules\n!node_modules/keep').canSkipDir('node_modules')).toBe(false);
    expect(matcher('node_modules\n!other').canSkipDir('node_modules')).toBe(true);
    expect(matcher('src').canSkipDir('lib')).toBe(false);
  });
});

describe('properties', () => {
  const seg = fc.stringMatching(/^[a-z.]{1,4}$/).filter((s) => s !== '.' && s !== '..');
  const relPath = fc.array(seg, { minLength: 1, maxLength: 4 }).map((a) => a.join('/'));

  it('goClean is idempotent and never leaves . or empty segments', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z./]{0,12}$/), (p) => {
        const c = goClean(p);
        expect(goClean(c)).toBe(c);
        if (c !== '.' && c !== '/') expect(c.split('/').slice(c.startsWith('/') ? 1 : 0)).not.toContain('.');
      }),
    );
  });
  it('a literal pattern excludes itself and everything below it', () => {
    fc.assert(
      fc.property(relPath, relPath, (dir, below) => {
        const m = new PatternMatcher([dir]);
        expect(m.matches(dir)).toBe(true);
        expect(m.matches(`${dir}/${below}`)).toBe(true);
      }),
    );
  });
  it('the last matching pattern wins: appending !p re-includes p itself', () => {
    fc.assert(
      fc.property(fc.array(relPath, { maxLength: 4 }), relPath, (pats, p) => {
        expect(new PatternMatcher([...pats, p, `!${p}`]).matches(p)).toBe(false);
        expect(new PatternMatcher([...pats, `!${p}`, p]).matches(p)).toBe(true);
      }),
    );
  });
  it('with literal exceptions, everything under a skippable directory is excluded', () => {
    const pattern = fc.oneof(relPath, relPath.map((p) => `!${p}`), relPath.map((p) => `${p}/*`));
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 5 }), relPath, relPath, (pats, dir, below) => {
        const m = new PatternMatcher(pats);
        if (m.canSkipDir(dir)) expect(m.matches(`${dir}/${below}`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
  it('never throws anything but DockerignoreError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          const m = new PatternMatcher(readDockerignore(text));
          m.matches('a/b');
          m.canSkipDir('a');
        } catch (e) {
          expect(e).toBeInstanceOf(DockerignoreError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('trimBuildFilesFromExcludes (classic builder)', () => {
  it('re-includes the Dockerfile and .dockerignore when they are excluded', async () => {
    const { trimBuildFilesFromExcludes } = await import('./index');
    expect(trimBuildFilesFromExcludes(['*'], 'Dockerfile')).toEqual(['*', '!.dockerignore', '!Dockerfile']);
    expect(trimBuildFilesFromExcludes(['.*', 'docker'], 'docker/app.Dockerfile')).toEqual(['.*', 'docker', '!.dockerignore', '!docker/app.Dockerfile']);
    expect(trimBuildFilesFromExcludes(['node_modules'], 'Dockerfile')).toEqual(['node_modules']);
  });
  it('the legacy parent rule only tests the parent at the pattern depth', () => {
    const m = new PatternMatcher(['a']);
    expect(m.matchesLegacy('a/b/c')).toBe(true);
    const deep = new PatternMatcher(['b']);
    expect(deep.matchesLegacy('a/b/c')).toBe(false);
    expect(deep.matches('a/b/c')).toBe(false);
    const two = new PatternMatcher(['a/*']);
    expect(two.matchesLegacy('a/b/c')).toBe(true);
  });
});
