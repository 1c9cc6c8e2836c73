/**
 * The BuildKit lint rules learners' Dockerfiles trigger most (buildkit frontend/dockerfile/linter/ruleset.go): reported
 * as `#1 WARN: <Rule>: <message> (line N)` under "load build definition" and summarised after the build.
 */
import type { ParsedDockerfile } from '../parser';

export interface LintWarning {
  readonly rule: string;
  readonly message: string;
  readonly line: number;
}

/** buildkit linter: names with one of these words (between `_` or the ends) look like secrets; `public` ones don't. */
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public)(?:_|$)/i;

export function lintWarnings(df: ParsedDockerfile): LintWarning[] {
  const out: LintWarning[] = [];
  for (const w of df.warnings) out.push({ rule: w.rule, message: w.short, line: w.line });
  const secretCheck = (kind: 'ARG' | 'ENV', name: string, line: number) => {
    if (SECRET.test(name) && !ALLOWED.test(name)) {
      out.push({ rule: 'SecretsUsedInArgOrEnv', message: `Do not use ARG or ENV instructions for sensitive data (${kind} "${name}")`, line });
    }
  };
  let absoluteWorkdir = false;
  for (const ins of df.instructions) {
    switch (ins.keyword) {
      case 'MAINTAINER':
        out.push({ rule: 'MaintainerDeprecated', message: 'Maintainer instruction is deprecated in favor of using label', line: ins.startLine });
        break;
      case 'ARG':
        for (const d of ins.declarations) secretCheck('ARG', d.name, ins.startLine);
        break;
      case 'ENV':
      case 'LABEL':
        if (ins.keyword === 'ENV') for (const p of ins.pairs) secretCheck('ENV', p.key, ins.startLine);
        if (ins.pairs.some((p) => p.legacy)) {
          out.push({ rule: 'LegacyKeyValueFormat', message: `"${ins.keyword} key=value" should be used instead of legacy "${ins.keyword} key value" format`, line: ins.startLine });
        }
        break;
      case 'CMD':
      case 'ENTRYPOINT':
        if (ins.command.form === 'shell') {
          out.push({ rule: 'JSONArgsRecommended', message: `JSON arguments recommended for ${ins.keyword} to prevent unintended behavior related to OS signals`, line: ins.startLine });
        }
        break;
      case 'FROM': {
        absoluteWorkdir = false;
        if (ins.stageName !== undefined && ins.args.length >= 3) {
          const as = ins.args[1]!;
          const name = ins.args[2]!;
          const kw = ins.keywordAsWritten;
          if (name !== name.toLowerCase()) out.push({ rule: 'StageNameCasing', message: `Stage name '${name}' should be lowercase`, line: ins.startLine });
          if ((kw === kw.toUpperCase()) !== (as === as.toUpperCase())) {
            out.push({ rule: 'FromAsCasing', message: `'${as}' and '${kw}' keywords' casing do not match`, line: ins.startLine });
          }
        }
        break;
      }
      case 'WORKDIR':
        // Only a relative WORKDIR before any absolute one in the stage depends on the base image's.
        if (ins.path.startsWith('/') || ins.path.startsWith('$')) absoluteWorkdir = true;
        else if (!absoluteWorkdir) {
          out.push({ rule: 'WorkdirRelativePath', message: `Relative workdir "${ins.path}" can have unexpected results if the base image changes`, line: ins.startLine });
        }
        break;
      default:
        break;
    }
  }
  return out.sort((a, b) => a.line - b.line);
}
