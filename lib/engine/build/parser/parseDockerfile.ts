/**
 * Parse a Dockerfile the way Docker does: the line pass (`nodes.ts`, BuildKit `parser.Parse`) over the whole file
 * first, then the instruction pass (`instructions.ts`, BuildKit `instructions.Parse`) instruction by instruction,
 * including the stage rule (`no build stage in current context`: only ARG may come before the first FROM).
 * The stage rule lives here, not in the builder, because Docker reports it while parsing, before any build step
 * runs, and in file order relative to the instruction errors.
 *
 * @example
 * const df = parseDockerfile('FROM alpine AS base\nRUN echo hi\n');
 * df.stages[0].from.stageName; // 'base'
 */
import { DockerfileParseError } from './DockerfileParseError';
import { parseInstruction } from './instructions';
import { parseNodes } from './nodes';
import type { ArgInstruction, FromInstruction, Instruction, ParsedDockerfile, ParseWarning, Stage } from './Types';

export function parseDockerfile(text: string): ParsedDockerfile {
  if (text.length === 0) throw new DockerfileParseError('the Dockerfile cannot be empty', 0, 0, 'file');
  const { nodes, directives, escapeToken, warnings } = parseNodes(text);
  const instructions: Instruction[] = [];
  const metaArgs: ArgInstruction[] = [];
  const stages: { from: FromInstruction; index: number; instructions: Instruction[] }[] = [];
  for (const n of nodes) {
    const ins = parseInstruction(n, escapeToken);
    instructions.push(ins);
    if (ins.keyword === 'FROM') {
      stages.push({ from: ins, index: stages.length, instructions: [] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) {
      if (ins.keyword === 'ARG') {
        metaArgs.push(ins);
        continue;
      }
      throw new DockerfileParseError('no build stage in current context', n.startLine, n.endLine, 'stage');
    }
    stage.instructions.push(ins);
  }
  return { instructions, directives, escapeToken, warnings, metaArgs, stages: stages as Stage[] };
}

/** The classic builder's message for a zero-byte Dockerfile (BuildKit's is the error's `reason`). */
export function classicEmptyDockerfileMessage(dockerfileName = 'Dockerfile'): string {
  return `the Dockerfile (${dockerfileName}) cannot be empty`;
}

/** What the classic builder prints for parse warnings (`[WARNING]: …` lines, then the deprecation notice). */
export function classicWarningLines(warnings: readonly ParseWarning[]): string[] {
  if (warnings.length === 0) return [];
  return [
    ...warnings.map((w) => `[WARNING]: ${w.short}`),
    '[WARNING]: Empty continuation lines will become errors in a future release.',
  ];
}
