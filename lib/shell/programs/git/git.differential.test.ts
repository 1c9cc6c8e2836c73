/**
 * Differential tests for `git`: each scenario runs the same steps with the host's real git (2.39) in a temporary
 * directory and with ours in a simulated machine, comparing every command's stdout, stderr and status, then the
 * resulting work tree, the repository's refs/config/reflogs and its set of objects. Dates and identities are fixed
 * through GIT_AUTHOR_DATE/GIT_COMMITTER_DATE and user.name/user.email, so object names must agree. Finally the
 * simulated repository is copied out and real git reads it (`fsck`, `ls-files -s`, `status`), which checks the
 * on-disk formats (loose objects, index) byte for byte where git cares.
 */
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, lstatSync, readlinkSync, chmodSync, appendFileSync, cpSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MemFs } from '../../../engine/fs/MemFs';
import { createTestMachine, runCommand, type TestMachine } from '../../testing/harness';
import { hasTool, runReal } from '../testing/real-tools';

type Step =
  | { readonly git: readonly string[]; readonly cwd?: string }
  | { readonly write: string; readonly text: string }
  | { readonly append: string; readonly text: string }
  | { readonly rm: string }
  | { readonly mkdir: string }
  | { readonly chmod: string; readonly mode: number };

const DATE = { GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' };
const IDENTITY: Step[] = [
  { git: ['config', '--global', 'user.name', 'Ada Learner'] },
  { git: ['config', '--global', 'user.email', 'ada@example.com'] },
];

const TEMPLATES = '/usr/share/git-core/templates';

/** Puts the host's git templates into the simulated machine, as the git package installs them. */
function copyTemplates(fs: MemFs, from: string, to: string): void {
  fs.mkdir(to, 0o755);
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const st = lstatSync(src);
    if (st.isDirectory()) copyTemplates(fs, src, `${to}/${name}`);
    else {
      fs.writeFile(`${to}/${name}`, new Uint8Array(readFileSync(src)), { mode: st.mode & 0o777 });
      fs.chmod(`${to}/${name}`, st.mode & 0o777);
    }
  }
}

function mkdirs(fs: MemFs, path: string): void {
  let p = '';
  for (const part of path.split('/').filter((x) => x)) {
    p += `/${part}`;
    try {
      fs.mkdir(p, 0o755);
    } catch {
      // exists
    }
  }
}

/** Replaces what legitimately differs between the two machines: the temporary prefix and the host name. */
function normalize(text: string, prefix: string): string {
  return text.split(prefix).join('').replace(/\(got '([^@']+)@[^']*'\)/g, "(got '$1@HOST')");
}

interface Outcome {
  readonly outputs: string[];
  readonly files: Record<string, string>;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** What the run leaves behind: the work tree's files, and the repository's text files and object names. */
function snapshotSim(fs: MemFs, root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of fs.readdir(dir)) {
      const p = `${dir}/${name}`;
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstat(p);
      if (st.type === 'dir') walk(p, r);
      else out[r] = describeEntry(r, st.type === 'symlink' ? `-> ${fs.readlink(p)}` : dec.decode(fs.readFile(p)), st.mode);
    }
  };
  walk(root, '');
  return filterSnapshot(out);
}

function snapshotReal(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p, r);
      else out[r] = describeEntry(r, st.isSymbolicLink() ? `-> ${readlinkSync(p)}` : readFileSync(p, 'utf8'), st.mode & 0o7777);
    }
  };
  walk(root, '');
  return filterSnapshot(out);
}

function describeEntry(rel: string, text: string, mode: number): string {
  // Object files and the index hold compressed/binary data whose bytes may legitimately differ (zlib level,
  // stat fields); their names and modes are what must agree. Real git reads ours in the final check.
  if (/(^|\/)\.git\/objects\/[0-9a-f]{2}\//.test(rel)) return `object ${(mode & 0o777).toString(8)}`;
  if (/(^|\/)\.git\/index$/.test(rel)) return 'index';
  return `${(mode & 0o777).toString(8)} ${text}`;
}

function filterSnapshot(s: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(s).sort()) out[k] = s[k]!;
  return out;
}

async function runSim(steps: readonly Step[], env: Record<string, string>): Promise<{ outcome: Outcome; tm: TestMachine }> {
  const tm = createTestMachine();
  mkdirs(tm.fs, "/usr/share/git-core");
  copyTemplates(tm.fs, TEMPLATES, TEMPLATES);
  mkdirs(tm.fs, '/work');
  const outputs: string[] = [];
  for (const step of steps) {
    if ('git' in step) {
      const r = await runCommand(tm, ['git', ...step.git], { user: 'root', cwd: step.cwd ? `/work/${step.cwd}` : '/work', env: { ...DATE, TERM: 'dumb', ...env } });
      outputs.push(`$ git ${step.git.join(' ')}\n[${r.status}]\n${r.stdout}---\n${normalize(r.stderr, '')}`);
    } else if ('write' in step) {
      mkdirs(tm.fs, `/work/${step.write}`.replace(/\/[^/]*$/, ''));
      tm.fs.writeFile(`/work/${step.write}`, enc.encode(step.text), { mode: 0o644 });
    } else if ('append' in step) tm.fs.writeFile(`/work/${step.append}`, enc.encode(step.text), { append: true });
    else if ('rm' in step) tm.fs.unlink(`/work/${step.rm}`);
    else if ('mkdir' in step) mkdirs(tm.fs, `/work/${step.mkdir}`);
    else tm.fs.chmod(`/work/${step.chmod}`, step.mode);
  }
  return { outcome: { outputs, files: snapshotSim(tm.fs, '/work') }, tm };
}

function runHost(steps: readonly Step[], env: Record<string, string>): Outcome {
  const tmp = mkdtempSync(join(tmpdir(), 'layerlab-git-'));
  try {
    mkdirSync(join(tmp, 'work'));
    mkdirSync(join(tmp, 'root'));
    const outputs: string[] = [];
    for (const step of steps) {
      if ('git' in step) {
        const r = runReal(['git', ...step.git], {
          cwd: join(tmp, 'work', step.cwd ?? ''),
          env: { ...DATE, HOME: join(tmp, 'root'), GIT_CONFIG_NOSYSTEM: '1', XDG_CONFIG_HOME: join(tmp, 'root', '.config'), TERM: 'dumb', GIT_TERMINAL_PROMPT: '0', ...env },
        });
        outputs.push(`$ git ${step.git.join(' ')}\n[${r.status}]\n${normalize(r.stdout, tmp)}---\n${normalize(r.stderr, tmp)}`);
      } else if ('write' in step) {
        mkdirSync(join(tmp, 'work', step.write, '..'), { recursive: true });
        writeFileSync(join(tmp, 'work', step.write), step.text, { mode: 0o644 });
      } else if ('append' in step) appendFileSync(join(tmp, 'work', step.append), step.text);
      else if ('rm' in step) unlinkSync(join(tmp, 'work', step.rm));
      else if ('mkdir' in step) mkdirSync(join(tmp, 'work', step.mkdir), { recursive: true });
      else chmodSync(join(tmp, 'work', step.chmod), step.mode);
    }
    const files = snapshotReal(join(tmp, 'work'));
    for (const k of Object.keys(files)) files[k] = normalize(files[k]!, tmp);
    return { outputs, files };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Copies the simulated /work out and lets real git read it. */
function realGitReads(tm: TestMachine, repoDir: string): { fsck: string; lsFiles: string; status: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'layerlab-git-check-'));
  try {
    const copy = (from: string, to: string) => {
      mkdirSync(to, { recursive: true });
      for (const name of tm.fs.readdir(from)) {
        const st = tm.fs.lstat(`${from}/${name}`);
        if (st.type === 'dir') copy(`${from}/${name}`, join(to, name));
        else if (st.type === 'file') writeFileSync(join(to, name), tm.fs.readFile(`${from}/${name}`), { mode: st.mode });
      }
    };
    copy(repoDir, join(tmp, 'r'));
    const env = { HOME: tmp, GIT_CONFIG_NOSYSTEM: '1' };
    const cwd = join(tmp, 'r');
    const fsck = runReal(['git', 'fsck', '--strict', '--no-dangling'], { cwd, env });
    const ls = runReal(['git', 'ls-files', '-s'], { cwd, env });
    const st = runReal(['git', 'status', '--porcelain'], { cwd, env });
    return { fsck: `${fsck.status} ${fsck.stdout}${fsck.stderr}`, lsFiles: ls.stdout, status: st.stdout };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const SCENARIOS: Record<string, { steps: Step[]; env?: Record<string, string>; check?: string }> = {
  'init, status, add, commit, log': {
    check: '.',
    steps: [
      ...IDENTITY,
      { git: ['init'] },
      { git: ['init'] },
      { git: ['status'] },
      { git: ['log'] },
      { write: 'a.txt', text: 'hi\n' },
      { git: ['status'] },
      { git: ['status', '-s'] },
      { git: ['add', 'a.txt'] },
      { git: ['status'] },
      { git: ['commit', '-m', 'first'] },
      { git: ['status'] },
      { git: ['log'] },
      { git: ['log', '--oneline'] },
      { append: 'a.txt', text: 'more\n' },
      { git: ['status'] },
      { git: ['status', '--short'] },
      { git: ['diff'] },
      { git: ['commit', '-m', 'nothing staged'] },
      { git: ['commit', '-am', 'second'] },
      { git: ['log', '--oneline'] },
      { git: ['log', '-1'] },
      { git: ['show'] },
      { git: ['show', 'HEAD~1'] },
      { git: ['show', 'HEAD:a.txt'] },
      { git: ['commit', '-m', 'again'] },
    ],
  },
  'a tree with directories, .gitignore and deletions': {
    check: '.',
    steps: [
      ...IDENTITY,
      { git: ['init', '-q'] },
      { write: 'src/index.js', text: 'console.log("hi");\n' },
      { write: 'src/lib/util.js', text: 'module.exports = 1;\n' },
      { write: 'README.md', text: '# App\n' },
      { write: 'node_modules/x/index.js', text: 'x\n' },
      { write: 'debug.log', text: 'log\n' },
      { write: '.gitignore', text: 'node_modules/\n*.log\n' },
      { git: ['status'] },
      { git: ['status', '-s'] },
      { git: ['add', '.'] },
      { git: ['status', '-s'] },
      { git: ['add', 'debug.log'] },
      { git: ['add', 'nope'] },
      { git: ['add'] },
      { git: ['commit', '-m', 'Initial commit', '-m', 'With a body line.'] },
      { git: ['log'] },
      { rm: 'README.md' },
      { write: 'src/new.js', text: 'new\n' },
      { chmod: 'src/index.js', mode: 0o755 },
      { git: ['status'] },
      { git: ['status'], cwd: 'src' },
      { git: ['status', '-s'], cwd: 'src' },
      { git: ['diff'] },
      { git: ['diff', 'src/index.js'] },
      { git: ['diff', 'src'], cwd: '' },
      { git: ['diff', 'index.js'], cwd: 'src' },
      { git: ['diff', 'nope.js'] },
      { git: ['diff', 'HEAD', '--', 'src'] },
      { git: ['add', '-A'] },
      { git: ['diff', '--cached'] },
      { git: ['commit', '-m', 'Restructure'] },
      { git: ['log', '--oneline'] },
      { git: ['log', '--oneline', 'src/lib'] },
      { git: ['log', '--oneline', '--', 'README.md'] },
      { git: ['log', '--oneline', 'nope'] },
      { git: ['log', '--oneline', 'index.js'], cwd: 'src' },
    ],
  },
  'branches and checkout': {
    check: '.',
    steps: [
      ...IDENTITY,
      { git: ['init', '-q'] },
      { git: ['branch'] },
      { git: ['branch', 'early'] },
      { write: 'a.txt', text: 'one\n' },
      { git: ['add', 'a.txt'] },
      { git: ['commit', '-q', '-m', 'one'] },
      { git: ['branch'] },
      { git: ['branch', 'feature'] },
      { git: ['branch', 'feature'] },
      { git: ['branch', 'bad name'] },
      { git: ['branch', '-v'] },
      { git: ['checkout', '-b', 'topic'] },
      { git: ['checkout', '-b', 'topic'] },
      { write: 'b.txt', text: 'two\n' },
      { git: ['add', 'b.txt'] },
      { git: ['commit', '-m', 'two'] },
      { git: ['checkout', 'master'] },
      { git: ['checkout', 'master'] },
      { git: ['status', '-s'] },
      { git: ['branch', '-d', 'topic'] },
      { git: ['branch', '-d', 'master'] },
      { git: ['branch', '-d', 'nope'] },
      { git: ['checkout', 'topic'] },
      { append: 'a.txt', text: 'local\n' },
      { git: ['checkout', 'master'] },
      { git: ['checkout', '--', 'a.txt'] },
      { git: ['checkout', 'nope'] },
      { git: ['branch', '-m', 'renamed'] },
      { git: ['branch'] },
      { git: ['branch', '-D', 'feature'] },
      { git: ['log', '--oneline', 'master'] },
      { git: ['switch', '-c', 's1'] },
      { git: ['switch', 'renamed'] },
      { git: ['switch', 'nope'] },
      { git: ['switch'] },
      { git: ['branch', '-D', 's1'] },
    ],
  },
  'colors (color.ui=always, as on a terminal)': {
    steps: [
      ...IDENTITY,
      { git: ['init', '-q'] },
      { git: ['config', 'color.ui', 'always'] },
      { write: 'm.c', text: 'int main() {\n\n  a;\n  b;\n  c;\n  d;\n  e;\n}' },
      { write: 'b', text: 'b\n' },
      { git: ['add', 'm.c'] },
      { git: ['commit', '-q', '-m', 'c'] },
      { git: ['branch', 'f'] },
      { write: 'm.c', text: 'int main() {\n\n  a;\n  b;\n  c;\n  d;\n  E;  \n}\n' },
      { git: ['add', 'b'] },
      { write: 'u', text: 'u\n' },
      { git: ['status'] },
      { git: ['status', '-s'] },
      { git: ['diff'] },
      { git: ['diff', '--cached'] },
      { git: ['log'] },
      { git: ['log', '--oneline', '--decorate'] },
      { git: ['branch'] },
      { git: ['branch', '-v'] },
      { git: ['clone', '.', 'copy'] },
      { git: ['branch', '-a'], cwd: 'copy' },
      { git: ['log', '--decorate'], cwd: 'copy' },
      { git: ['show'] },
      { git: ['-c', 'color.ui=never', 'show', 'HEAD'] },
      { git: ['show', 'HEAD:m.c'] },
      { git: ['show', 'nope'] },
      { git: ['show', 'HEAD:nope'] },
      { git: ['-c', 'user.name=X', 'config', '--list'] },
      { git: ['-c', 'user.name=X', 'config', 'user.name'] },
    ],
  },
  'restore and rm, as the status hints suggest': {
    check: '.',
    steps: [
      ...IDENTITY,
      { git: ['init', '-q'] },
      { write: 'a', text: 'a\n' },
      { write: 'b', text: 'b\n' },
      { write: 'd/c', text: 'c\n' },
      { write: 'd/e', text: 'e\n' },
      { git: ['add', '.'] },
      { git: ['rm', '--cached', 'd/e'] },
      { git: ['status', '-s'] },
      { git: ['add', 'd/e'] },
      { git: ['commit', '-q', '-m', 'one'] },
      { append: 'a', text: 'x\n' },
      { git: ['restore', 'a'] },
      { git: ['status', '-s'] },
      { append: 'a', text: 'y\n' },
      { git: ['add', 'a'] },
      { git: ['status'] },
      { git: ['restore', '--staged', 'a'] },
      { git: ['status', '-s'] },
      { git: ['restore', 'nope'] },
      { git: ['restore'] },
      { git: ['rm', 'b'] },
      { git: ['rm', 'a'] },
      { git: ['rm', 'd'] },
      { git: ['rm', '-r', 'd'] },
      { git: ['rm', 'nope'] },
      { write: 'n', text: 'n\n' },
      { git: ['add', 'n'] },
      { git: ['rm', 'n'] },
      { git: ['rm', '-f', 'n'] },
      { git: ['status'] },
      { git: ['restore', '--staged', 'b'] },
      { git: ['restore', 'b'] },
      { git: ['status', '-s'] },
      { git: ['restore', '.'] },
      { git: ['commit', '-q', '-a', '-m', 'two'] },
      { git: ['status'] },
    ],
  },
  'log --stat, --all, show of binary and long paths': {
    check: '.',
    steps: [
      ...IDENTITY,
      { git: ['init', '-q'] },
      { write: 'big', text: '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n26\n27\n28\n29\n30\n31\n32\n33\n34\n35\n36\n37\n38\n39\n40\n41\n42\n43\n44\n45\n46\n47\n48\n49\n50\n51\n52\n53\n54\n55\n56\n57\n58\n59\n60\n61\n62\n63\n64\n65\n66\n67\n68\n69\n70\n71\n72\n73\n74\n75\n76\n77\n78\n79\n80\n81\n82\n83\n84\n85\n86\n87\n88\n89\n90\n91\n92\n93\n94\n95\n96\n97\n98\n99\n100\n101\n102\n103\n104\n105\n106\n107\n108\n109\n110\n111\n112\n113\n114\n115\n116\n117\n118\n119\n120\n121\n122\n123\n124\n125\n126\n127\n128\n129\n130\n131\n132\n133\n134\n135\n136\n137\n138\n139\n140\n141\n142\n143\n144\n145\n146\n147\n148\n149\n150\n151\n152\n153\n154\n155\n156\n157\n158\n159\n160\n161\n162\n163\n164\n165\n166\n167\n168\n169\n170\n171\n172\n173\n174\n175\n176\n177\n178\n179\n180\n181\n182\n183\n184\n185\n186\n187\n188\n189\n190\n191\n192\n193\n194\n195\n196\n197\n198\n199\n200\n' },
      { write: 'a', text: 'a\n' },
      { write: 'bin', text: '\u0000bin' },
      { write: 'very/long/directory/name/for/testing/the/width/file-with-a-long-name.txt', text: 'z\n' },
      { git: ['add', '.'] },
      { git: ['commit', '-q', '-m', 'one'] },
      { git: ['branch', 'side'] },
      { write: 'big', text: '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n26\n27\n28\n29\n30\n31\n32\n33\n34\n35\n36\n37\n38\n39\n40\n41\n42\n43\n44\n45\n46\n47\n48\n49\n50\n51\n52\n53\n54\n55\n56\n57\n58\n59\n60\n61\n62\n63\n64\n65\n66\n67\n68\n69\n70\n71\n72\n73\n74\n75\n76\n77\n78\n79\n80\n81\n82\n83\n84\n85\n86\n87\n88\n89\n90\n91\n92\n93\n94\n95\n96\n97\n98\n99\n100\n101\n102\n103\n104\n105\n106\n107\n108\n109\n110\n111\n112\n113\n114\n115\n116\n117\n118\n119\n120\n121\n122\n123\n124\n125\n126\n127\n128\n129\n130\n131\n132\n133\n134\n135\n136\n137\n138\n139\n140\n141\n142\n143\n144\n145\n146\n147\n148\n149\n150\n' },
      { append: 'a', text: 'b\n' },
      { write: 'bin', text: '\u0000bi2' },
      { git: ['commit', '-q', '-a', '-m', 'two'] },
      { git: ['checkout', '-q', 'side'] },
      { write: 's', text: 's\n' },
      { git: ['add', 's'] },
      { git: ['commit', '-q', '-m', 'side work'] },
      { git: ['log', '--stat'] },
      { git: ['log', '--oneline', '--stat'] },
      { git: ['log', '--oneline', '--all'] },
      { git: ['log', '--oneline', '--all', '--decorate'] },
      { git: ['log', '-p'] },
      { git: ['log', '-p', '--oneline', '-1'] },
      { git: ['log', '-p', '--stat', '-1'] },
      { git: ['log', '--graph'] },
      { git: ['log', '--graph', '--oneline'] },
      { git: ['log', '--graph', '--stat', '-1'] },
      { git: ['-c', 'color.ui=always', 'log', '--graph', 'master'] },
      { git: ['show', 'master'] },
      { git: ['diff', 'master'] },
      { git: ['diff', 'master', 'side'] },
    ],
  },
  'fetch and pull from a local remote': {
    check: 'clone',
    steps: [
      ...IDENTITY,
      { git: ['init', '-q', 'o1'] },
      { write: 'o1/a', text: 'a\n' },
      { git: ['-C', 'o1', 'add', 'a'] },
      { git: ['-C', 'o1', 'commit', '-q', '-m', 'one'] },
      { git: ['clone', '-q', 'o1', 'clone'] },
      { git: ['pull'], cwd: 'clone' },
      { append: 'o1/a', text: 'b\n' },
      { write: 'o1/n', text: 'n\n' },
      { git: ['-C', 'o1', 'add', '.'] },
      { git: ['-C', 'o1', 'commit', '-q', '-m', 'two'] },
      { git: ['-C', 'o1', 'branch', 'newb'] },
      { git: ['fetch'], cwd: 'clone' },
      { git: ['status'], cwd: 'clone' },
      { git: ['pull'], cwd: 'clone' },
      { git: ['pull', 'origin'], cwd: 'clone' },
      { git: ['remote', 'add', 'other', '../o1'], cwd: 'clone' },
      { git: ['pull', 'other'], cwd: 'clone' },
      { append: 'o1/a', text: 'c\n' },
      { git: ['-C', 'o1', 'commit', '-q', '-a', '-m', 'three'] },
      { git: ['pull'], cwd: 'clone' },
      { git: ['log', '--oneline'], cwd: 'clone' },
      { append: 'o1/a', text: 'd\n' },
      { git: ['-C', 'o1', 'commit', '-q', '-a', '-m', 'four'] },
      { write: 'clone/l', text: 'l\n' },
      { git: ['add', 'l'], cwd: 'clone' },
      { git: ['commit', '-q', '-m', 'local'], cwd: 'clone' },
      { git: ['pull'], cwd: 'clone' },
      { git: ['status'], cwd: 'clone' },
      { git: ['status', '-sb'], cwd: 'clone' },
      { git: ['status', '-s', '-b'], cwd: 'o1' },
      { git: ['pull', 'nope'], cwd: 'clone' },
      { git: ['pull', 'origin', 'nope'], cwd: 'clone' },
      { git: ['fetch', 'nope'], cwd: 'clone' },
      { git: ['pull'], cwd: 'o1' },
    ],
  },
  'reset and tag': {
    check: '.',
    steps: [
      ...IDENTITY,
      { git: ['init', '-q'] },
      { write: 'a', text: 'a\n' },
      { git: ['add', 'a'] },
      { git: ['commit', '-q', '-m', 'one'] },
      { append: 'a', text: 'b\n' },
      { write: 'n', text: 'n\n' },
      { git: ['add', '.'] },
      { git: ['reset'] },
      { git: ['add', '.'] },
      { git: ['reset', 'a'] },
      { git: ['reset', 'HEAD', 'n'] },
      { git: ['status', '-s'] },
      { git: ['add', '.'] },
      { git: ['commit', '-q', '-m', 'two'] },
      { git: ['reset', '--soft', 'HEAD~1'] },
      { git: ['status', '-s'] },
      { git: ['reset', '--hard'] },
      { git: ['status', '-s'] },
      { git: ['reset', 'nope'] },
      { git: ['tag'] },
      { git: ['tag', 'v1'] },
      { git: ['tag', 'v1'] },
      { git: ['tag', '-a', 'v2', '-m', 'Release 2'] },
      { git: ['tag'] },
      { git: ['tag', '-l', 'v1*'] },
      { git: ['log', '--oneline', '--decorate'] },
      { git: ['show', '--no-decorate', 'v2'] },
      { git: ['tag', '-d', 'v1'] },
      { git: ['tag', '-d', 'v1'] },
      { git: ['tag', 'bad tag'] },
      { write: 'c', text: 'c\n' },
      { git: ['add', 'c'] },
      { git: ['commit', '-q', '-m', 'three'] },
      { git: ['reset', '--hard', 'HEAD~1'] },
      { git: ['log', '--oneline'] },
    ],
  },
  'commit --amend': {
    check: '.',
    env: { GIT_COMMITTER_DATE: '2024-01-02T00:00:00Z' },
    steps: [
      ...IDENTITY,
      { git: ['commit', '--amend', '-m', 'x'] },
      { git: ['init', '-q'] },
      { git: ['commit', '--amend', '-m', 'x'] },
      { write: 'a', text: 'a\n' },
      { git: ['add', 'a'] },
      { git: ['commit', '-q', '-m', 'one'] },
      { write: 'b', text: 'b\n' },
      { git: ['add', 'b'] },
      { git: ['commit', '--amend', '-m', 'one, amended'] },
      { git: ['commit', '--amend', '--no-edit'] },
      { write: 'c', text: 'c\n' },
      { git: ['add', 'c'] },
      { git: ['commit', '-m', 'two'] },
      { git: ['-c', 'user.name=Bob', 'commit', '--amend', '--no-edit'] },
      { git: ['log'] },
      { git: ['diff', '--stat', 'HEAD~1'] },
    ],
  },
  'unusual file names are quoted as git quotes them': {
    steps: [
      ...IDENTITY,
      { git: ['init', '-q'] },
      { write: 'my file.txt', text: '' },
      { write: '\u00e9.txt', text: '' },
      { write: 'a"b', text: '' },
      { git: ['status'] },
      { git: ['status', '-s'] },
      { git: ['status', '-sb'] },
      { git: ['add', '.'] },
      { git: ['status', '-s'] },
      { git: ['commit', '-m', 'x'] },
      { git: ['log', '--stat', '--oneline'] },
      { append: 'my file.txt', text: 'x\n' },
      { git: ['diff'] },
      { git: ['status'] },
      { git: ['rm', '-q', '--cached', '\u00e9.txt'] },
      { git: ['commit', '-m', 'y'] },
    ],
  },
  'config': {
    steps: [
      { git: ['config', '--global', '--list'] },
      { git: ['config', '--list'] },
      { git: ['config', 'user.name', 'x'] },
      { git: ['config', '--global', 'user.name'] },
      { git: ['config', '--global', 'user.name', 'A B'] },
      { git: ['config', '--global', 'core.editor', 'nano -w # editor'] },
      { git: ['config', '--global', '--list'] },
      { git: ['config', '--global', '--unset', 'user.email'] },
      { git: ['config', 'nosection'] },
      { git: ['config', 'a.b.'] },
      { git: ['init', '-q'] },
      { git: ['config', 'user.email', 'local@example.com'] },
      { git: ['config', 'User.Email'] },
      { git: ['config', '--list'] },
      { git: ['config', '--local', '--list', '--show-origin'] },
      { git: ['config', '--get', 'user.nope'] },
      { git: ['config'] },
      { git: ['config', '--global', 'init.defaultBranch', 'main'] },
      { git: ['init', 'withmain'] },
      { git: ['-C', 'withmain', 'status'] },
      { git: ['init', '-b', 'trunk', 'withtrunk'] },
      { git: ['-C', 'withtrunk', 'status', '-s'] },
      { git: ['-C', 'withtrunk', 'branch'] },
    ],
  },
  'who am I: commits without an identity': {
    steps: [
      { git: ['init', '-q'] },
      { write: 'a', text: 'a\n' },
      { git: ['add', 'a'] },
      { git: ['commit', '-m', 'x'] },
      { git: ['config', 'user.email', 'only@example.com'] },
      { git: ['commit', '-m', 'x'] },
      { git: ['log'] },
      { git: ['commit', '-m', ''] },
      { git: ['commit'] },
    ],
  },
  'top level: version, usage, unknown commands, outside a repository': {
    steps: [
      { git: ['--version'] },
      { git: [] },
      { git: ['help'] },
      { git: ['frobnicate'] },
      { git: ['status'] },
      { git: ['add', '.'] },
      { git: ['log'] },
      { git: ['-C', 'nope', 'status'] },
      { git: ['init', '--bogus'] },
      { git: ['commit', '-x'] },
      { git: ['status', '--frob'] },
      { mkdir: 'sub' },
      { git: ['-C', 'sub', 'init'] },
      { git: ['-C', 'sub', 'status', '-s'] },
      { git: ['init', 'other'] },
    ],
  },
  'local clone': {
    steps: [
      ...IDENTITY,
      { git: ['init', '-q', 'origin'] },
      { write: 'origin/README.md', text: '# Hello\n' },
      { write: 'origin/src/app.js', text: 'app\n' },
      { git: ['-C', 'origin', 'add', '.'] },
      { git: ['-C', 'origin', 'commit', '-q', '-m', 'Initial'] },
      { git: ['clone', 'origin', 'copy'] },
      { git: ['clone', 'origin', 'copy'] },
      { git: ['clone', 'missing'] },
      { git: ['clone'] },
      { git: ['status'], cwd: 'copy' },
      { git: ['log', '--oneline', '--decorate'], cwd: 'copy' },
      { git: ['branch', '-a'], cwd: 'copy' },
      { write: 'copy/new.txt', text: 'n\n' },
      { git: ['add', 'new.txt'], cwd: 'copy' },
      { git: ['commit', '-m', 'Add new'], cwd: 'copy' },
      { git: ['status'], cwd: 'copy' },
      { git: ['remote', '-v'], cwd: 'copy' },
      { git: ['remote', 'add', 'upstream', 'https://github.com/docker/getting-started-app.git'], cwd: 'copy' },
      { git: ['remote', 'add', 'upstream', 'x'], cwd: 'copy' },
      { git: ['remote', 'add', 'bad name', 'x'], cwd: 'copy' },
      { git: ['remote'], cwd: 'copy' },
      { git: ['remote', 'get-url', 'upstream'], cwd: 'copy' },
      { git: ['remote', 'get-url', 'nope'], cwd: 'copy' },
      { git: ['remote', 'remove', 'nope'], cwd: 'copy' },
      { git: ['remote', 'rm', 'upstream'], cwd: 'copy' },
      { git: ['remote', 'frob'], cwd: 'copy' },
      { git: ['remote', '-v'], cwd: 'copy' },
      { git: ['clone', '--depth', '1', 'origin', 'shallow'] },
      { git: ['clone', '--single-branch', '-b', 'master', 'origin', 'single'] },
      { git: ['clone', '-b', 'nope', 'origin', 'nobranch'] },
      { git: ['clone', '--depth', 'x', 'origin', 'baddepth'] },
      { git: ['init', '-q', 'empty'] },
      { git: ['clone', 'empty', 'empty-copy'] },
    ],
  },
};

describe.skipIf(!hasTool('git'))('git against the host git 2.39', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const env = scenario.env ?? {};
      const real = runHost(scenario.steps, env);
      const { outcome: sim, tm } = await runSim(scenario.steps, env);
      for (let i = 0; i < real.outputs.length; i++) expect(sim.outputs[i]).toBe(real.outputs[i]);
      expect(sim.outputs.length).toBe(real.outputs.length);
      expect(sim.files).toEqual(real.files);
      if (scenario.check) {
        const reads = realGitReads(tm, scenario.check === '.' ? '/work' : `/work/${scenario.check}`);
        expect(reads.fsck).toBe('0 ');
        expect(reads.status).toBe('');
      }
    }, 60_000);
  }
});
