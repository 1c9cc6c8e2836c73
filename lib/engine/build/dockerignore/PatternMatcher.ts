/**
 * moby/patternmatcher (v0.6) matching, as the docker CLI and BuildKit apply `.dockerignore` (docker.md §7):
 * `*` and `?` stop at `/`, `[...]` classes, `\` escapes, `**` spans directories; a pattern matches a path or any
 * of its parent directories; patterns apply in order and the last match wins; `!` patterns re-include.
 */
import { goClean, goDir } from './goPath';
import { DockerignoreError } from './readDockerignore';

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

export interface Pattern {
  /** The cleaned pattern without its `!`. */
  readonly text: string;
  readonly exclusion: boolean;
}

class CompiledPattern implements Pattern {
  private _type: MatchType = 'exact';
  private _re: RegExp | undefined;
  constructor(
    readonly text: string,
    readonly exclusion: boolean,
  ) {
    this._compile();
  }

  matches(path: string): boolean {
    switch (this._type) {
      case 'exact':
        return path === this.text;
      case 'prefix':
        return path.startsWith(this.text.slice(0, -2));
      case 'suffix': {
        const suffix = this.text.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix[0] === '/' && path === suffix.slice(1);
      }
      case 'regexp':
        return this._re!.test(path);
    }
  }

  private _compile(): void {
    const chars = Array.from(this.text);
    let re = '^';
    let type: MatchType = 'exact';
    for (let i = 0, k = 0; k < chars.length; i++) {
      const ch = chars[k++]!;
      if (ch === '*') {
        if (chars[k] === '*') {
          k++;
          if (chars[k] === '/') k++; // `**/` is `**`
          if (k >= chars.length) {
            if (type === 'exact') type = 'prefix';
            else {
              re += '[^]*';
              type = 'regexp';
            }
          } else {
            re += '([^]*/)?';
            type = 'regexp';
          }
          if (i === 0) type = 'suffix';
        } else {
          re += '[^/]*';
          type = 'regexp';
        }
      } else if (ch === '?') {
        re += '[^/]';
        type = 'regexp';
      } else if ('.+(){}$|^'.includes(ch)) {
        re += '\\' + ch;
      } else if (ch === '\\') {
        if (k < chars.length) {
          re += escapeRegExpChar(chars[k++]!);
          type = 'regexp';
        } else re += '\\\\';
      } else if (ch === '[' || ch === ']') {
        re += ch;
        type = 'regexp';
      } else re += ch; // as Go: plain characters go into the expression unchanged (they include `-` in classes)
    }
    this._type = type;
    if (type !== 'regexp') return;
    try {
      this._re = new RegExp(re + '$', 'u');
    } catch {
      // Go's RE2 takes a lone `]` literally where JS's unicode mode refuses it; retry without that mode.
      try {
        this._re = new RegExp(re + '$');
      } catch {
        throw new DockerignoreError('syntax error in pattern');
      }
    }
  }
}

/** `\c` in a pattern becomes `\c` in Go's regexp: punctuation is literal, `\d` `\w` `\s` `\b` are classes. */
function escapeRegExpChar(c: string): string {
  if (/^[dDsSwWbB]$/.test(c)) return '\\' + c;
  if (/^[\p{L}\p{N}]$/u.test(c)) return c;
  return /^[\\^$.*+?()[\]{}|/-]$/.test(c) ? '\\' + c : c;
}

/** Go's filepath.Match syntax check (it rejects bad patterns even when the name does not match). */
function checkGoPattern(p: string): void {
  const bad = () => new DockerignoreError('syntax error in pattern');
  const chars = Array.from(p);
  let i = 0;
  const esc = (): void => {
    // one class character: not `-` or `]` unless escaped
    const c = chars[i];
    if (c === undefined || c === '-' || c === ']') throw bad();
    if (c === '\\') {
      i++;
      if (chars[i] === undefined) throw bad();
    }
    i++;
  };
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '\\') {
      if (i + 1 >= chars.length) throw bad();
      i += 2;
    } else if (c === '[') {
      i++;
      if (chars[i] === '^') i++;
      let n = 0;
      for (;;) {
        if (chars[i] === ']' && n > 0) {
          i++;
          break;
        }
        esc();
        if (chars[i] === '-') {
          i++;
          esc();
        }
        n++;
      }
    } else i++;
  }
}

export class PatternMatcher {
  private readonly _patterns: CompiledPattern[] = [];
  /** True when some pattern is an exception (`!`). */
  readonly hasExclusions: boolean;

  /** Patterns as `readDockerignore` returns them; throws DockerignoreError for `!` alone or bad syntax. */
  constructor(patterns: readonly string[]) {
    let exclusions = false;
    for (const raw of patterns) {
      let p = raw.trim();
      if (p === '') continue;
      p = goClean(p);
      let exclusion = false;
      if (p[0] === '!') {
        if (p.length === 1) throw new DockerignoreError('illegal exclusion pattern: "!"');
        exclusion = true;
        p = p.slice(1);
        exclusions = true;
      }
      checkGoPattern(p);
      this._patterns.push(new CompiledPattern(p, exclusion));
    }
    this.hasExclusions = exclusions;
  }

  get patterns(): readonly Pattern[] {
    return this._patterns;
  }

  /** Whether `path` (relative to the context root, `/`-separated) is excluded: MatchesOrParentMatches. */
  matches(path: string): boolean {
    const file = goClean(path);
    const parent = goDir(file);
    const parentDirs = parent.split('/');
    let matched = false;
    for (const p of this._patterns) {
      if (p.exclusion !== matched) continue;
      let match = p.matches(file);
      if (!match && parent !== '.') {
        for (let i = 0; i < parentDirs.length; i++) {
          if (p.matches(parentDirs.slice(0, i + 1).join('/'))) {
            match = true;
            break;
          }
        }
      }
      if (match) matched = !p.exclusion;
    }
    return matched;
  }

  /**
   * patternmatcher's older `Matches`: parents are tested only at the pattern's own depth (`a/b` is tried against
   * the first two components of the parent path). The docker CLI still uses it for the Dockerfile and
   * `.dockerignore` themselves (`trimBuildFilesFromExcludes`).
   */
  matchesLegacy(path: string): boolean {
    const file = goClean(path);
    const parent = goDir(file);
    const parentDirs = parent.split('/');
    let matched = false;
    for (const p of this._patterns) {
      if (p.exclusion !== matched) continue;
      let match = p.matches(file);
      const depth = p.text.split('/').length;
      if (!match && parent !== '.' && depth <= parentDirs.length) match = p.matches(parentDirs.slice(0, depth).join('/'));
      if (match) matched = !p.exclusion;
    }
    return matched;
  }

  /**
   * Whether a walker may skip the excluded directory `dir` without looking inside, as the docker CLI's context
   * walker decides (go-archive TarWithOptions): yes unless an exception pattern starts with `dir/`.
   * Returns false when `dir` itself is not excluded.
   */
  canSkipDir(dir: string): boolean {
    const d = goClean(dir);
    if (!this.matches(d)) return false;
    if (!this.hasExclusions) return true;
    const dirSlash = d + '/';
    return !this._patterns.some((p) => p.exclusion && (p.text + '/').startsWith(dirSlash));
  }
}
