/**
 * The classic builder's context rule (docker CLI `TrimBuildFilesFromExcludes`, docker.md §7): even when
 * `.dockerignore` excludes the Dockerfile or itself, the CLI re-includes them so the daemon receives them (it then
 * removes them from the context if they were matched, so `COPY . .` does not copy them).
 */
import { PatternMatcher } from './PatternMatcher';

export function trimBuildFilesFromExcludes(excludes: readonly string[], dockerfile: string, dockerfileFromStdin = false): string[] {
  const out = [...excludes];
  if (new PatternMatcher(out).matchesLegacy('.dockerignore')) out.push('!.dockerignore');
  const name = dockerfileFromStdin ? 'Dockerfile' : dockerfile.replace(/\\/g, '/');
  if (new PatternMatcher(out).matchesLegacy(name)) out.push('!' + name);
  return out;
}
