/**
 * Expansion helpers for the builder, applying BuildKit's rule that every substitution in one instruction sees the
 * variables as they were *before* that instruction (`ENV abc=bye def=$abc` gives def the old abc): the caller
 * passes a snapshot and these functions never update it mid-instruction.
 */
import { substitute, substituteWords, type Env, type EscapeToken } from './substitute';
import type { ArgDeclaration, KeyValue } from './Types';

/** ENV/LABEL pairs: keys and values expanded (quotes removed) against the same snapshot. */
export function expandPairs(pairs: readonly KeyValue[], env: Env, escapeToken: EscapeToken): { key: string; value: string }[] {
  return pairs.map((p) => ({
    key: substitute(p.key, env, { escapeToken }),
    value: substitute(p.value, env, { escapeToken }),
  }));
}

/** ARG declarations: names and defaults expanded against the same snapshot. */
export function expandArgDeclarations(decls: readonly ArgDeclaration[], env: Env, escapeToken: EscapeToken): ArgDeclaration[] {
  return decls.map((d) => ({
    name: substitute(d.name, env, { escapeToken }),
    defaultValue: d.defaultValue === undefined ? undefined : substitute(d.defaultValue, env, { escapeToken }),
  }));
}

/** One word per argument (WORKDIR, USER, COPY sources and flags…). */
export function expandWord(word: string, env: Env, escapeToken: EscapeToken): string {
  return substitute(word, env, { escapeToken });
}

/** Word-splitting mode for instructions that take word lists (EXPOSE, VOLUME in shell form). */
export function expandWordList(words: readonly string[], env: Env, escapeToken: EscapeToken): string[] {
  return words.flatMap((w) => substituteWords(w, env, { escapeToken }));
}
