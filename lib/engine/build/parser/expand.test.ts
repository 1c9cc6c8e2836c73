import { describe, expect, it } from 'vitest';
import { expandArgDeclarations, expandPairs, expandWordList } from './expand';
import { parseDockerfile } from './parseDockerfile';
import type { ArgInstruction, EnvInstruction, ExposeInstruction } from './Types';

describe('expansion uses the values from before the instruction', () => {
  it('ENV abc=bye def=$abc sets def to the previous abc', () => {
    const env = parseDockerfile('FROM a\nENV abc=bye def=$abc ghi="$abc x"').instructions[1] as EnvInstruction;
    expect(expandPairs(env.pairs, new Map([['abc', 'hello']]), '\\')).toEqual([
      { key: 'abc', value: 'bye' },
      { key: 'def', value: 'hello' },
      { key: 'ghi', value: 'hello x' },
    ]);
  });
  it('legacy ENV values keep their spaces; quotes are removed', () => {
    const env = parseDockerfile('FROM a\nENV MSG "hi there"  $USER').instructions[1] as EnvInstruction;
    expect(expandPairs(env.pairs, new Map([['USER', 'me']]), '\\')).toEqual([{ key: 'MSG', value: 'hi there  me' }]);
  });
  it('ARG defaults and EXPOSE word lists', () => {
    const df = parseDockerfile('FROM a\nARG A=${B:-x} C\nEXPOSE $PORTS 443');
    expect(expandArgDeclarations((df.instructions[1] as ArgInstruction).declarations, new Map(), '\\')).toEqual([
      { name: 'A', defaultValue: 'x' },
      { name: 'C', defaultValue: undefined },
    ]);
    expect(expandWordList((df.instructions[2] as ExposeInstruction).ports, new Map([['PORTS', '80 81/udp']]), '\\')).toEqual(['80', '81/udp', '443']); // sorted before expansion, as BuildKit does
  });
});
