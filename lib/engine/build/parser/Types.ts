/**
 * The Dockerfile AST. One typed record per instruction; every record keeps its original text, 1-based line range,
 * raw flags and heredocs. Arguments are *unexpanded*: variable substitution happens in the builder (with
 * `substitute.ts`), because its inputs (ARG/ENV values before the instruction) are known only while building.
 */
import type { EscapeToken } from './substitute';

export const KEYWORDS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

/** A `<<EOF` here-document attached to RUN/COPY/ADD (also inside ONBUILD). */
export interface Heredoc {
  /** The delimiter word with quotes removed (`EOF` for `<<"EOF"`). */
  readonly name: string;
  /** File descriptor prefix (`2<<EOF` → 2; 0 when absent). */
  readonly fd: number;
  /** False when any part of the delimiter was quoted: the body is then taken literally. */
  readonly expand: boolean;
  /** `<<-`: leading tabs are stripped from body lines (and were from the terminator). */
  readonly chomp: boolean;
  /** The body exactly as read, every line with its line ending. */
  readonly content: string;
  /** The body with leading tabs removed when `chomp` (what COPY writes and RUN runs). */
  readonly body: string;
}

/** A `--name[=value]` builder flag as written (quotes and `\` escapes removed, as BuildKit does). */
export interface RawFlag {
  readonly name: string;
  /** Undefined for `--link` without `=`. */
  readonly value: string | undefined;
  readonly text: string;
}

/** Exec form (a JSON array of strings) or shell form (the remainder of the line, run by SHELL). */
export type CommandLine =
  | { readonly form: 'exec'; readonly args: readonly string[] }
  | { readonly form: 'shell'; readonly command: string };

interface Base<K extends Keyword> {
  readonly keyword: K;
  /** The keyword as the user wrote it (`run`, `Run`). */
  readonly keywordAsWritten: string;
  /** The logical line after continuations were joined (BuildKit's `Node.Original`). */
  readonly original: string;
  readonly startLine: number;
  /** Last line, including heredoc bodies and their terminators. */
  readonly endLine: number;
  readonly flags: readonly RawFlag[];
  /**
   * The arguments as BuildKit's parser splits them (its `nodeArgs`): JSON strings, whitespace-separated words, the
   * shell-form remainder as one string, ENV/LABEL keys and values alternating, ONBUILD's trigger keyword first.
   */
  readonly args: readonly string[];
  readonly heredocs: readonly Heredoc[];
  /** Comment lines directly above the instruction (used for ARG/stage descriptions). */
  readonly comments: readonly string[];
}

export interface FromInstruction extends Base<'FROM'> {
  readonly image: string;
  /** Lower-cased stage name after `AS`. */
  readonly stageName: string | undefined;
  readonly platform: string | undefined;
}

export interface RunInstruction extends Base<'RUN'> {
  readonly command: CommandLine;
  /** `--mount=...` values, in order, unparsed. */
  readonly mounts: readonly string[];
  readonly network: string | undefined;
  readonly security: string | undefined;
}

export interface CmdInstruction extends Base<'CMD'> {
  readonly command: CommandLine;
}
export interface EntrypointInstruction extends Base<'ENTRYPOINT'> {
  readonly command: CommandLine;
}
export interface ShellInstruction extends Base<'SHELL'> {
  readonly shell: readonly string[];
}

export interface KeyValue {
  /** Raw (quotes and escapes still in place; the builder runs them through `substitute`). */
  readonly key: string;
  readonly value: string;
  /** Legacy `ENV key value with spaces` form (no `=`). */
  readonly legacy: boolean;
}
export interface EnvInstruction extends Base<'ENV'> {
  readonly pairs: readonly KeyValue[];
}
export interface LabelInstruction extends Base<'LABEL'> {
  readonly pairs: readonly KeyValue[];
}

export interface ArgDeclaration {
  readonly name: string;
  /** Undefined for `ARG name` (no default). */
  readonly defaultValue: string | undefined;
}
export interface ArgInstruction extends Base<'ARG'> {
  readonly declarations: readonly ArgDeclaration[];
}

/** A file given inline by a heredoc source (`COPY <<EOF /etc/app.conf`). */
export interface InlineFile {
  readonly name: string;
  readonly content: string;
  readonly expand: boolean;
}

interface CopyLike<K extends 'COPY' | 'ADD'> extends Base<K> {
  readonly sources: readonly string[];
  readonly inlineFiles: readonly InlineFile[];
  readonly dest: string;
  /** The arguments were a JSON array. */
  readonly json: boolean;
  readonly chown: string | undefined;
  readonly chmod: string | undefined;
  readonly link: boolean;
  readonly exclude: readonly string[];
}
export interface CopyInstruction extends CopyLike<'COPY'> {
  readonly from: string | undefined;
  readonly parents: boolean;
}
export interface AddInstruction extends CopyLike<'ADD'> {
  readonly checksum: string | undefined;
  readonly keepGitDir: boolean;
  /** `--unpack` as given; undefined when absent. */
  readonly unpack: boolean | undefined;
}

export interface ExposeInstruction extends Base<'EXPOSE'> {
  /** Sorted as BuildKit sorts them (byte order). */
  readonly ports: readonly string[];
}
export interface VolumeInstruction extends Base<'VOLUME'> {
  readonly volumes: readonly string[];
  readonly json: boolean;
}
export interface UserInstruction extends Base<'USER'> {
  readonly user: string;
}
export interface WorkdirInstruction extends Base<'WORKDIR'> {
  readonly path: string;
}
export interface StopsignalInstruction extends Base<'STOPSIGNAL'> {
  readonly signal: string;
}
export interface MaintainerInstruction extends Base<'MAINTAINER'> {
  readonly maintainer: string;
}

export type HealthcheckInstruction =
  | (Base<'HEALTHCHECK'> & { readonly type: 'NONE' })
  | (Base<'HEALTHCHECK'> & {
      readonly type: 'CMD';
      readonly command: CommandLine;
      /** Durations in nanoseconds; 0 when not given (Docker's defaults then apply). */
      readonly interval: number;
      readonly timeout: number;
      readonly startPeriod: number;
      readonly startInterval: number;
      /** 0 when not given. */
      readonly retries: number;
    });

export interface OnbuildInstruction extends Base<'ONBUILD'> {
  /** The trigger text stored in the image config (`config.OnBuild`), heredocs appended as BuildKit does. */
  readonly expression: string;
  /** The trigger parsed now (Docker itself only parses it when a child build runs it). */
  readonly trigger: Instruction | undefined;
  /** Why the trigger would fail to parse in the child build. */
  readonly triggerError: string | undefined;
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | EntrypointInstruction
  | ShellInstruction
  | EnvInstruction
  | LabelInstruction
  | ArgInstruction
  | CopyInstruction
  | AddInstruction
  | ExposeInstruction
  | VolumeInstruction
  | UserInstruction
  | WorkdirInstruction
  | StopsignalInstruction
  | MaintainerInstruction
  | HealthcheckInstruction
  | OnbuildInstruction;

/** `# syntax=`, `# escape=`, `# check=` at the top of the file. */
export interface Directive {
  readonly name: 'syntax' | 'escape' | 'check';
  readonly value: string;
  readonly line: number;
}

/** A non-fatal finding. BuildKit reports it as lint rule `rule`; the classic builder prints `classic`. */
export interface ParseWarning {
  readonly rule: 'NoEmptyContinuation';
  /** BuildKit's short text: `Empty continuation line found in: RUN ...`. */
  readonly short: string;
  readonly detail: string;
  readonly url: string;
  readonly line: number;
}

export interface Stage {
  readonly from: FromInstruction;
  /** Index among stages (what `COPY --from=0` refers to). */
  readonly index: number;
  readonly instructions: readonly Instruction[];
}

export interface ParsedDockerfile {
  readonly instructions: readonly Instruction[];
  readonly directives: readonly Directive[];
  readonly escapeToken: EscapeToken;
  readonly warnings: readonly ParseWarning[];
  /** ARG instructions before the first FROM (global scope). */
  readonly metaArgs: readonly ArgInstruction[];
  readonly stages: readonly Stage[];
}
