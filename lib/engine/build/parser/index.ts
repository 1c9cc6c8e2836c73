/** The Dockerfile parser: AST types, parse entry point, substitution, errors. */
export type * from './Types';
export { KEYWORDS } from './Types';
export { parseDockerfile, classicEmptyDockerfileMessage, classicWarningLines } from './parseDockerfile';
export { DockerfileParseError, isDockerfileParseError, type ParsePhase } from './DockerfileParseError';
export { detectSyntax, type DetectedSyntax } from './syntax';
export {
  substitute,
  substituteWords,
  substituteWithMatches,
  SubstitutionError,
  type Env,
  type EnvGetter,
  type EscapeToken,
  type LexOptions,
  type SubstitutionResult,
} from './substitute';
export { parseGoDuration } from './goDuration';
export { parseRunMount, RunMountError, type RunMount, type MountType } from './runMount';
export { expandPairs, expandArgDeclarations, expandWord, expandWordList } from './expand';
