/**
 * Prints syntax trees back as shell text, in bash's layout for `type f` / `declare -f` (four-space indents,
 * `;` after each command of a multi-line list, `elif` printed as a nested `else if`). Words are printed as written.
 */

import type { AndOr, CaseItem, Command, CompoundCommand, CondExpr, List, ListItem, Pipeline, Redir, Word } from './ast';

const IND = '    ';

/** `name () \n{ \n    body\n}` as bash shows a function. */
export function printFunction(name: string, body: Command): string {
  const inner = body.type === 'compound' && body.body.type === 'group' && body.redirs.length === 0 ? body.body.body : null;
  const lines = inner ? printListLines(inner, 1) : [IND + printCommandInline(body, 1)];
  const redirs = body.type === 'compound' && body.body.type === 'group' && body.redirs.length ? ' ' + printRedirs(body.redirs) : '';
  return `${name} () \n{ \n${lines.join('\n')}\n}${redirs}`;
}

/** A whole list as a script (one item per line, bash layout). */
export function printList(list: List): string {
  return printListLines(list, 0).join('\n');
}

/**
 * Lines of a multi-line list at `depth`: items end with `;` (or `&`), except the last one of a `{ }` body, a
 * function body or a `case` branch (`terminateLast` false); bash ends if/for/while bodies with `;` throughout.
 */
function printListLines(list: List, depth: number, terminateLast = false): string[] {
  const out: string[] = [];
  list.forEach((item, i) => {
    const last = i === list.length - 1 && !terminateLast;
    const text = printAndOr(item.andOr, depth);
    const heredocs = collectHeredocs(item);
    const suffix = item.background ? ' &' : last ? '' : ';';
    if (heredocs.length) {
      // bash prints the here-document bodies after the command line, then the separator on a line of its own.
      out.push(indent(depth) + text);
      for (const h of heredocs) out.push(...h.split('\n'));
      out.push(suffix === ';' ? '' : suffix.trim());
      return;
    }
    out.push(indent(depth) + text + suffix);
  });
  return out;
}

function indent(depth: number): string {
  return IND.repeat(depth);
}

function printAndOr(ao: AndOr, depth: number): string {
  let s = printPipeline(ao.first, depth);
  for (const r of ao.rest) s += ` ${r.op} ${printPipeline(r.pipeline, depth)}`;
  return s;
}

function printPipeline(p: Pipeline, depth: number): string {
  const parts = p.commands.map((c) => printCommandInline(c, depth));
  let s = '';
  parts.forEach((c, i) => {
    s += i === 0 ? c : ` ${p.stderrToo[i - 1] ? '|&' : '|'} ${c}`;
  });
  return (p.negate ? '! ' : '') + s;
}

function word(w: Word): string {
  return w.raw;
}

function printRedirs(redirs: readonly Redir[]): string {
  return redirs
    .map((r) => {
      const fd = r.fd === null ? '' : String(r.fd);
      if (r.op === '>&' || r.op === '<&') return `${fd}${r.op}${word(r.target)}`;
      if (r.op === '<<' || r.op === '<<-') return `${fd}${r.op}${word(r.target)}`;
      return `${fd}${r.op} ${word(r.target)}`;
    })
    .join(' ');
}

function collectHeredocs(item: ListItem): string[] {
  const out: string[] = [];
  const visit = (p: Pipeline) => {
    for (const c of p.commands) {
      const redirs = c.type === 'simple' ? c.redirs : c.type === 'compound' ? c.redirs : [];
      for (const r of redirs) {
        if ((r.op === '<<' || r.op === '<<-') && r.heredoc) out.push(`${r.heredoc.raw}${delimiterText(r.target)}`);
      }
    }
  };
  visit(item.andOr.first);
  for (const r of item.andOr.rest) visit(r.pipeline);
  return out;
}

function delimiterText(w: Word): string {
  return w.raw.replace(/['"\\]/g, '');
}

/** A command where it stands in a line (compound commands span several lines, indented from `depth`). */
function printCommandInline(c: Command, depth: number): string {
  switch (c.type) {
    case 'simple': {
      const parts = [...c.assigns.map((a) => `${a.name}${a.append ? '+' : ''}=${a.array ? `(${a.array.map(word).join(' ')})` : word(a.value)}`), ...c.words.map(word)];
      if (c.redirs.length) parts.push(printRedirs(c.redirs));
      return parts.join(' ');
    }
    case 'funcdef':
      return printFunction(c.name, c.body).split('\n').join('\n' + indent(depth));
    case 'compound': {
      const body = printCompound(c.body, depth);
      return c.redirs.length ? `${body} ${printRedirs(c.redirs)}` : body;
    }
  }
}

function inlineList(list: List, depth: number): string {
  return list.map((item, i) => printAndOr(item.andOr, depth) + (item.background ? ' &' : i < list.length - 1 ? ';' : '')).join(' ');
}

function block(list: List, depth: number, terminateLast = true): string {
  if (list.length === 0) return '';
  return printListLines(list, depth + 1, terminateLast).join('\n');
}

function printCompound(c: CompoundCommand, depth: number): string {
  const pad = indent(depth);
  switch (c.type) {
    case 'subshell':
      return `( ${inlineList(c.body, depth)} )`;
    case 'group':
      return `{ \n${block(c.body, depth, false)}\n${pad}}`;
    case 'if':
      return printIf(c.clauses, c.elseBody, depth);
    case 'for':
      return `for ${c.name} in ${c.items === null ? '"$@"' : c.items.map(word).join(' ')};\n${pad}do\n${block(c.body, depth)}\n${pad}done`;
    case 'arithfor':
      return `for ((${c.init.raw}; ${c.cond.raw}; ${c.step.raw}))\n${pad}do\n${block(c.body, depth)}\n${pad}done`;
    case 'while':
      return `${c.until ? 'until' : 'while'} ${inlineList(c.cond, depth)}; do\n${block(c.body, depth)}\n${pad}done`;
    case 'case':
      return `case ${word(c.word)} in \n${c.items.map((it) => printCaseItem(it, depth + 1)).join('\n')}\n${pad}esac`;
    case 'dbracket':
      return `[[ ${printCond(c.expr)} ]]`;
    case 'arithcmd':
      return `(( ${c.expr.raw.trim()} ))`;
  }
}

function printIf(clauses: readonly { readonly cond: List; readonly body: List }[], elseBody: List | null, depth: number): string {
  const pad = indent(depth);
  const [first, ...rest] = clauses;
  let s = `if ${inlineList(first!.cond, depth)}; then\n${block(first!.body, depth)}`;
  if (rest.length) {
    // bash shows `elif` as `else` + a nested `if`.
    s += `\n${pad}else\n${indent(depth + 1)}${printIf(rest, elseBody, depth + 1)};`;
  } else if (elseBody) s += `\n${pad}else\n${block(elseBody, depth)}`;
  return `${s}\n${pad}fi`;
}

function printCaseItem(it: CaseItem, depth: number): string {
  const pad = indent(depth);
  const body = it.body.length ? printListLines(it.body, depth + 1).join('\n') : '';
  return `${pad}${it.patterns.map(word).join(' | ')})\n${body}\n${pad}${it.term}`;
}

function printCond(e: CondExpr): string {
  switch (e.type) {
    case 'and':
      return `${printCond(e.left)} && ${printCond(e.right)}`;
    case 'or':
      return `${printCond(e.left)} || ${printCond(e.right)}`;
    case 'not':
      return `! ${printCond(e.expr)}`;
    case 'unary':
      return `${e.op} ${word(e.arg)}`;
    case 'binary':
      return `${word(e.left)} ${e.op} ${word(e.right)}`;
    case 'word':
      return word(e.arg);
  }
}
