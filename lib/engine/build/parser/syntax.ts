/**
 * BuildKit's frontend selection (`DetectSyntax`): the `syntax` directive, also written as `// syntax=…` or a JSON
 * first document `{"syntax": "…"}`, with a leading `#!` shebang line skipped. The classic builder ignores it.
 */
const directiveRe = (comment: string) =>
  new RegExp(`^${comment}[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*$`, 's');

export interface DetectedSyntax {
  /** The frontend image (the value up to the first space). */
  readonly image: string;
  /** The whole value (BuildKit passes the rest as frontend options). */
  readonly cmdline: string;
  /** 1-based line. */
  readonly line: number;
}

export function detectSyntax(text: string): DetectedSyntax | undefined {
  let dt = text.startsWith('\ufeff') ? text.slice(1) : text;
  let line = 0;
  const firstNl = dt.indexOf('\n');
  const first = firstNl < 0 ? dt : dt.slice(0, firstNl);
  if (first.startsWith('#!')) {
    dt = firstNl < 0 ? '' : dt.slice(firstNl + 1);
    line = 1;
  }
  for (const comment of ['#', '//']) {
    const re = directiveRe(comment);
    const seen = new Set<string>();
    const lines = dt.split('\n');
    for (let i = 0; i < lines.length; i++) {
      // bufio.ScanLines drops a trailing \r
      const l = lines[i]!.replace(/\r$/, '');
      if (i === lines.length - 1 && l === '') break;
      const m = re.exec(l);
      if (!m) break;
      const k = m[1]!.toLowerCase();
      if (k !== 'syntax' && k !== 'escape' && k !== 'check') break;
      if (seen.has(k)) break;
      seen.add(k);
      if (k === 'syntax') {
        const v = m[2]!;
        const sp = v.indexOf(' ');
        return { image: sp < 0 ? v : v.slice(0, sp), cmdline: v, line: line + i + 1 };
      }
    }
  }
  try {
    const doc: unknown = JSON.parse(dt);
    if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
      const v = (doc as Record<string, unknown>)['syntax'];
      if (typeof v === 'string') return { image: v, cmdline: v, line: line + 1 };
    }
  } catch {
    // not JSON
  }
  return undefined;
}
