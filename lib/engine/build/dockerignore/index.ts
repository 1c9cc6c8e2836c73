/** `.dockerignore`: reading the file and matching context paths. */
export { readDockerignore, DockerignoreError } from './readDockerignore';
export { PatternMatcher, type Pattern } from './PatternMatcher';
export { goClean } from './goPath';
export { trimBuildFilesFromExcludes } from './buildFiles';
