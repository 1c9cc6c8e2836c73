/** Text git prints about commits in several commands: subject lines, dates, and the "files changed" summary. */
import type { FlatEntry, Repo } from './repo';
import { countLines } from './unified';
import { cquote } from './quote';

/** The subject line git shows for a commit: its first paragraph on one line. */
export function subjectOf(message: string): string {
  const para = message.split(/\n\s*\n/)[0] ?? '';
  return para.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');
}

/** ` 2 files changed, 3 insertions(+), 1 deletion(-)` and the create/delete mode lines, as commit and clone print them. */
export function diffSummary(repo: Repo, before: ReadonlyMap<string, FlatEntry>, after: ReadonlyMap<string, FlatEntry>, read?: (oid: string) => Uint8Array): string {
  let files = 0;
  let added = 0;
  let removed = 0;
  const modes: string[] = [];
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const blob = read ?? ((oid: string) => repo.objects.read(oid)?.body ?? new Uint8Array(0));
  for (const p of paths) {
    const a = before.get(p);
    const b = after.get(p);
    if (a && b && a.oid === b.oid && a.mode === b.mode) continue;
    files++;
    const c = countLines(a ? blob(a.oid) : new Uint8Array(0), b ? blob(b.oid) : new Uint8Array(0));
    added += c.added;
    removed += c.removed;
    if (!a) modes.push(` create mode ${b!.mode.toString(8)} ${cquote(p)}\n`);
    else if (!b) modes.push(` delete mode ${a.mode.toString(8)} ${cquote(p)}\n`);
    else if (a.mode !== b.mode) modes.push(` mode change ${a.mode.toString(8)} => ${b.mode.toString(8)} ${cquote(p)}\n`);
  }
  let line = ` ${files} file${files === 1 ? '' : 's'} changed`;
  if (added > 0 || removed === 0) line += `, ${added} insertion${added === 1 ? '' : 's'}(+)`;
  if (removed > 0 || added === 0) line += `, ${removed} deletion${removed === 1 ? '' : 's'}(-)`;
  return `${line}\n${modes.join('')}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** git's default date format, in the commit's own zone: `Mon Jan 1 00:00:00 2024 +0000`. */
export function gitDate(time: number, tz: string): string {
  const off = (tz.startsWith('-') ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3, 5)));
  const d = new Date((time + off * 60) * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} ${tz}`;
}

