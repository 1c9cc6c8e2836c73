/** The simulated web's git repositories (engine/network/gitRepos.ts) turned into objects in a new repository. */
import { hostedRepo } from '../../../engine/network/gitRepos';
import { encodeCommit } from './objects';
import type { Repo } from './repo';

const enc = new TextEncoder();

/**
 * Hosts whose server answers an unknown repository with 401, so git asks for a user name (GitHub does this so
 * private repositories are not revealed); without a terminal git cannot ask and says so.
 */
export const GIT_REPOS_HOST_ERRORS: Readonly<Record<string, true>> = { 'github.com': true };

/** Writes the hosted repository's objects into `repo`; null when the host has no such repository. */
export function hostedRepoObjects(repo: Repo, host: string, path: string): { branches: Map<string, string>; head: string; objectCount: number } | null {
  const hosted = hostedRepo(host, path);
  if (!hosted) return null;
  const files = Object.entries(hosted.files).map(([p, f]) => ({ path: p, mode: f.mode ?? 0o100644, oid: repo.objects.write('blob', enc.encode(f.text)) }));
  const before = countObjects(repo);
  const tree = repo.writeTree(files);
  const sig = { name: hosted.author.name, email: hosted.author.email, time: hosted.time, tz: '+0000' };
  const commit = repo.objects.write('commit', encodeCommit({ tree, parents: [], author: sig, committer: sig, message: hosted.message }));
  const objectCount = new Set(files.map((f) => f.oid)).size + (countObjects(repo) - before);
  return { branches: new Map([[hosted.defaultBranch, commit]]), head: hosted.defaultBranch, objectCount };
}

function countObjects(repo: Repo): number {
  let n = 0;
  try {
    for (const d of repo.fs.readdir(`${repo.gitDir}/objects`)) if (/^[0-9a-f]{2}$/.test(d)) n += repo.fs.readdir(`${repo.gitDir}/objects/${d}`).length;
  } catch {
    return n;
  }
  return n;
}
