/**
 * The dependency rules of ../shared/DESIGN.md §2 and §6, checked on the source:
 * app → components → lib/{terminal,lessons} → lib/shell → lib/engine, nothing in lib/ imports React, the DOM or
 * Node, and no import cycles between files of lib/. Tests and test helpers may import anything.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'node_modules' || name === '__fixtures__') continue;
      out.push(...files(p));
    } else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const isTestOnly = (f: string) => /\.test\.tsx?$/.test(f) || /[/\\]testing[/\\]/.test(f);

/**
 * Import specifiers of a file. With `runtimeOnly`, `import type`/`export type` are left out: they vanish at compile
 * time, so they count for the layering rules but cannot make a runtime cycle.
 */
function importsOf(file: string, runtimeOnly = false): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /(?:^|[\s;])(import|export)\s(type\s)?(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (runtimeOnly && m[2]) continue;
    out.push((m[3] ?? m[4])!);
  }
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.') && !spec.startsWith('@/')) return null;
  const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const cand of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx'), ...(/\.tsx?$/.test(base) ? [base] : [])]) {
    try {
      if (statSync(cand).isFile()) return cand;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

const area = (f: string) => {
  const rel = path.relative(ROOT, f).split(path.sep);
  if (rel[0] === 'lib') return `lib/${rel[1]}`;
  return rel[0]!;
};

/** Which areas each area may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  'lib/engine': [],
  'lib/shell': ['lib/engine'],
  'lib/terminal': ['lib/shell', 'lib/engine'],
  'lib/lessons': ['lib/shell', 'lib/engine'],
  components: ['lib/terminal', 'lib/lessons', 'lib/shell', 'lib/engine', 'content'],
  app: ['components', 'lib/terminal', 'lib/lessons', 'lib/shell', 'lib/engine', 'content'],
};

const FORBIDDEN_IN_LIB = /^(react|react-dom|next|@xterm\/|node:|fs$|path$|child_process$|os$)/;

const libFiles = files(path.join(ROOT, 'lib')).filter((f) => !isTestOnly(f));
const allFiles = [...libFiles, ...files(path.join(ROOT, 'components')), ...files(path.join(ROOT, 'app'))].filter((f) => !isTestOnly(f));

describe('architecture', () => {
  it('imports follow the arrows of DESIGN.md §2', () => {
    const bad: string[] = [];
    for (const f of allFiles) {
      const from = area(f);
      const allowed = ALLOWED[from];
      if (!allowed) continue;
      for (const spec of importsOf(f)) {
        const target = resolveLocal(f, spec);
        if (!target) continue;
        const to = area(target);
        if (to !== from && !allowed.includes(to)) bad.push(`${path.relative(ROOT, f)} → ${path.relative(ROOT, target)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('lib/ imports no React, DOM or Node modules', () => {
    const bad: string[] = [];
    for (const f of libFiles) for (const spec of importsOf(f)) if (FORBIDDEN_IN_LIB.test(spec)) bad.push(`${path.relative(ROOT, f)}: ${spec}`);
    expect(bad).toEqual([]);
  });

  it('has no import cycles between files of lib/', () => {
    const graph = new Map<string, string[]>();
    for (const f of libFiles) graph.set(f, importsOf(f, true).map((s) => resolveLocal(f, s)).filter((t): t is string => t !== null && !isTestOnly(t)));
    // Tarjan's strongly connected components.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const strong = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(path.relative(ROOT, w));
        } while (w !== v);
        if (comp.length > 1) cycles.push(comp.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) strong(v);
    expect(cycles).toEqual([]);
  });
});
