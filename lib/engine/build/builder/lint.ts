/**
 * The BuildKit lint rules the seeds' Dockerfiles trigger (buildkit frontend/dockerfile/linter/ruleset.go): reported
 * as `#1 WARN: <Rule>: <message> (line N)` under "load build definition" and summarised after the build.
 */
import type { ParsedDockerfile } from '../parser';

export interface LintWarning {
  readonly rule: string;
  readonly message: string;
  readonly line: number;
}

export function lintWarnings(df: ParsedDockerfile): LintWarning[] {
  const out: LintWarning[] = [];
  for (const w of df.warnings) out.push({ rule: w.rule, message: w.short, line: w.line });
  for (const ins of df.instructions) {
    switch (ins.keyword) {
      case 'MAINTAINER':
        out.push({ rule: 'MaintainerDeprecated', message: 'Maintainer instruction is deprecated in favor of using label', line: ins.startLine });
        break;
      case 'ENV':
      case 'LABEL':
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
        const m = /^\S+\s+\S+\s+(\S+)/.exec(ins.original);
        if (ins.stageName !== undefined && m) {
          const as = m[1]!;
          const kw = ins.keywordAsWritten;
          if ((kw === kw.toUpperCase()) !== (as === as.toUpperCase())) {
            out.push({ rule: 'FromAsCasing', message: `'${as}' and '${kw}' keywords' casing do not match`, line: ins.startLine });
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return out.sort((a, b) => a.line - b.line);
}
