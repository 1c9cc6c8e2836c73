/**
 * Go text/template for docker's `--format`/`-f`. `parseTemplate` fails with Go's parse errors
 * (`template: :1: unexpected "}" in operand`); `execute` with Go's execution errors
 * (`template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type X`). The docker CLI prints them as
 * `template parsing error: <error>` (see `templateParsingError`).
 *
 * @example
 *   const t = parseDockerTemplate('{{.Repository}}:{{.Tag}}');
 *   t.execute({ Repository: 'ubuntu', Tag: 'latest' }); // "ubuntu:latest"
 */
import { execute, type TemplateFunc } from './exec';
import { BUILTIN_FUNCS, DOCKER_FUNCS, DOCKER_HEADER_FUNCS } from './funcs';
import { parseTemplate, type ListNode } from './parse';

export { TemplateParseError } from './parse';
export { FuncError, TemplateExecError, type ParamType, type TemplateFunc } from './exec';
export { GO_TYPE, goTypeOf } from './values';
export { formatV, sprint, sprintf, sprintln } from './fmt';
export { BUILTIN_FUNCS, DOCKER_FUNCS, DOCKER_HEADER_FUNCS, toGoJson } from './funcs';

export interface Template {
  readonly text: string;
  execute(data: unknown): string;
}

export interface TemplateOptions {
  /** Template name in messages (docker: ""). */
  readonly name?: string;
  /** Extra or replacement functions (e.g. DOCKER_HEADER_FUNCS for a table header). */
  readonly funcs?: ReadonlyMap<string, TemplateFunc>;
}

/** Parses with Go's builtins plus the given functions. */
export function parseGoTemplate(text: string, options: TemplateOptions = {}): Template {
  const funcs = new Map([...BUILTIN_FUNCS, ...(options.funcs ?? [])]);
  const name = options.name ?? '';
  const tree: ListNode = parseTemplate(text, { name, funcs: new Set(funcs.keys()) });
  return { text, execute: (data: unknown) => execute(tree, data, { name, text, funcs }) };
}

/** templates.Parse in docker/cli: Go builtins + json, split, join, title, lower, upper, pad, truncate. */
export function parseDockerTemplate(text: string, options: { header?: boolean } = {}): Template {
  return parseGoTemplate(text, { funcs: options.header ? DOCKER_HEADER_FUNCS : DOCKER_FUNCS });
}

/** How the docker CLI reports a template that fails to parse or execute. */
export function templateParsingError(err: Error): string {
  return `template parsing error: ${err.message}`;
}

export interface DockerFormat {
  /** `table …` formats keep the tabwriter and print a header row. */
  readonly table: boolean;
  /** The template text after docker's preprocessing. */
  readonly template: string;
}

/**
 * docker/cli formatter preFormat: `table` prefix removed, surrounding spaces trimmed, `\t` and `\n` escapes
 * turned into real characters; `json` means `{{json .}}`.
 */
export function preFormat(format: string): DockerFormat {
  if (format === 'json') return { table: false, template: '{{json .}}' };
  const table = format.startsWith('table');
  let t = table ? format.slice('table'.length) : format;
  t = t.replace(/^ +| +$/g, '');
  t = t.replace(/\\t|\\n/g, (m) => (m === '\\t' ? '\t' : '\n'));
  return { table, template: t };
}
