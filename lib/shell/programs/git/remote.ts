/** `git remote [-v]`, `add <name> <url>`, `remove|rm <name>`, `get-url <name>`: the `remote.*` config sections. */
import { ConfigFile } from './config';
import { validBranchName } from './branch';
import { fatal, GitExit, type Session } from './session';
import { COMMAND_USAGE } from './usages';

export async function gitRemote(s: Session, args: readonly string[]): Promise<number> {
  const repo = s.repo();
  let verbose = false;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    if (args[i] === '-v' || args[i] === '--verbose') verbose = true;
    else throw new GitExit(`error: unknown switch \`${args[i]!.replace(/^-+/, '')}'\n${COMMAND_USAGE.remote}`, 129);
  }
  const [sub, ...rest] = args.slice(i);
  const path = `${repo.gitDir}/config`;
  const file = ConfigFile.read(s.fs, path) ?? new ConfigFile('');
  const names: string[] = [];
  const urls = new Map<string, string>();
  for (const e of file.entries()) {
    const m = /^remote\.(.+)\.url$/.exec(e.key);
    if (m && e.value !== null) {
      if (!names.includes(m[1]!)) names.push(m[1]!);
      urls.set(m[1]!, e.value);
    }
  }
  if (sub === undefined) {
    await s.out(names.map((n) => (verbose ? `${n}\t${urls.get(n)} (fetch)\n${n}\t${urls.get(n)} (push)\n` : `${n}\n`)).join(''));
    return 0;
  }
  if (sub === 'add') {
    const [name, url] = rest;
    if (name === undefined || url === undefined || rest.length > 2) throw new GitExit(COMMAND_USAGE.remote!, 129);
    if (!validBranchName(name)) throw fatal(`'${name}' is not a valid remote name`);
    if (urls.has(name)) throw new GitExit(`error: remote ${name} already exists.\n`, 3);
    file.set(`remote.${name}.url`, url);
    file.set(`remote.${name}.fetch`, `+refs/heads/*:refs/remotes/${name}/*`);
    file.write(s.fs, path);
    return 0;
  }
  if (sub === 'remove' || sub === 'rm') {
    const [name] = rest;
    if (name === undefined || rest.length > 1) throw new GitExit(COMMAND_USAGE.remote!, 129);
    if (!urls.has(name)) throw new GitExit(`error: No such remote: '${name}'\n`, 2);
    file.removeSection(`remote.${name}`);
    for (const e of file.entries()) {
      const m = /^branch\.(.+)\.remote$/.exec(e.key);
      if (m && e.value === name) {
        file.unset(`branch.${m[1]}.remote`);
        file.unset(`branch.${m[1]}.merge`);
      }
    }
    file.write(s.fs, path);
    for (const r of repo.refs(`refs/remotes/${name}/`)) repo.deleteRef(r.name);
    return 0;
  }
  if (sub === 'get-url') {
    const [name] = rest;
    if (name === undefined || rest.length > 1) throw new GitExit(COMMAND_USAGE.remote!, 129);
    const url = urls.get(name);
    if (url === undefined) throw new GitExit(`error: No such remote '${name}'\n`, 2);
    await s.out(`${url}\n`);
    return 0;
  }
  throw new GitExit(`error: unknown subcommand: \`${sub}'\n${COMMAND_USAGE.remote}`, 129);
}
