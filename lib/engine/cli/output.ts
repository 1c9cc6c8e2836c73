/**
 * docker/cli's formatter.Context: `--format` handling shared by ps, images, history. A `table` format renders a
 * header row (the template run over the header names with docker's header functions) and every row through the
 * tabwriter; any other format is a Go template printed once per row; `json` is `{{json .}}`.
 */

import { CliError } from './command';
import { tabwrite } from './format/tabwriter';
import { GO_TYPE, parseDockerTemplate, preFormat, templateParsingError, type Template } from './format/template';

export interface FormatOptions<T> {
  /** `--format` as given ('' when not). */
  readonly format: string;
  /** The command's default `table …` format. */
  readonly defaultTable: string;
  readonly quiet?: boolean;
  /** Header names by field (`ID` → `CONTAINER ID`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly rows: readonly T[];
}

function parse(text: string, header = false): Template {
  try {
    return parseDockerTemplate(text, { header });
  } catch (e) {
    throw new CliError(templateParsingError(e as Error));
  }
}

function run(t: Template, data: unknown): string {
  try {
    return t.execute(data);
  } catch (e) {
    throw new CliError(templateParsingError(e as Error));
  }
}

/** The whole output text for rows under a docker `--format`. */
export function renderFormatted<T>(o: FormatOptions<T>): string {
  let format = o.format;
  if (format === '' || format === 'table') format = o.quiet ? '{{.ID}}' : o.defaultTable;
  const pf = preFormat(format);
  const tmpl = parse(pf.template);
  let body = '';
  if (pf.table) body += `${run(parse(pf.template, true), { ...o.headers })}\n`;
  for (const row of o.rows) body += `${run(tmpl, row)}\n`;
  return pf.table ? tabwrite(body) : body;
}

/** stringid.TruncateID: `sha256:` removed, 12 characters. */
export function truncateId(id: string): string {
  const bare = id.startsWith('sha256:') ? id.slice(7) : id;
  return bare.length > 12 ? bare.slice(0, 12) : bare;
}

/**
 * A Go struct for templates. For docker's formatter contexts keys are sorted, because `{{json .}}` marshals the
 * context's methods in name order (formatter marshalJSON walks reflect's sorted methods); plain structs keep their
 * field order (`sortKeys` false).
 */
export function goStruct(typeName: string, fields: Record<string, unknown>, sortKeys = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of sortKeys ? Object.keys(fields).sort() : Object.keys(fields)) out[k] = fields[k];
  Object.defineProperty(out, GO_TYPE, { value: typeName, enumerable: false });
  return out;
}
