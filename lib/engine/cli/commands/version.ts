/**
 * `docker version`: the client block, then the server block (CLI 28 layout, docker/cli cli/command/system/version.go
 * templates). The numbers are what layerlab simulates, not a claim about a particular build: a 28.5 CLI/engine
 * (API 1.51, minimum 1.24) with the containerd/runc/docker-init versions such engines shipped with. The git commits
 * are fixed placeholders in the real format (7 hex characters).
 */

import type { CommandSpec } from '../command';

export const CLIENT_VERSION = {
  platform: 'Docker Engine - Community',
  version: '28.5.2',
  apiVersion: '1.51',
  minApiVersion: '1.24',
  goVersion: 'go1.24.9',
  gitCommit: 'ecc6942',
  serverGitCommit: '89c5e8f',
  built: 'Wed Nov  5 14:43:25 2025',
  osArch: 'linux/amd64',
  containerd: { version: 'v1.7.28', gitCommit: 'b98a3aace656320842a23f4a392a33f46af97866' },
  runc: { version: '1.3.0', gitCommit: 'v1.3.0-0-g4ca628d1' },
  dockerInit: { version: '0.19.0', gitCommit: 'de40ad0' },
} as const;

const V = CLIENT_VERSION;

// The client template is rendered through a tabwriter (minwidth 20, padding 1): values start in column 20 of the
// block's indentation.
const pad = (label: string, width: number) => label + ' '.repeat(Math.max(1, width - label.length));

function clientBlock(): string {
  const w = 20;
  return [
    `Client: ${V.platform}`,
    ` ${pad('Version:', w - 1)}${V.version}`,
    ` ${pad('API version:', w - 1)}${V.apiVersion}`,
    ` ${pad('Go version:', w - 1)}${V.goVersion}`,
    ` ${pad('Git commit:', w - 1)}${V.gitCommit}`,
    ` ${pad('Built:', w - 1)}${V.built}`,
    ` ${pad('OS/Arch:', w - 1)}${V.osArch}`,
    ` ${pad('Context:', w - 1)}default`,
  ].join('\n');
}

function serverBlock(): string {
  const w = 20;
  const row = (label: string, value: string) => `  ${pad(label, w - 2)}${value}`;
  return [
    `Server: ${V.platform}`,
    ' Engine:',
    row('Version:', V.version),
    row('API version:', `${V.apiVersion} (minimum version ${V.minApiVersion})`),
    row('Go version:', V.goVersion),
    row('Git commit:', V.serverGitCommit),
    row('Built:', V.built),
    row('OS/Arch:', V.osArch),
    row('Experimental:', 'false'),
    ' containerd:',
    row('Version:', V.containerd.version),
    row('GitCommit:', V.containerd.gitCommit),
    ' runc:',
    row('Version:', V.runc.version),
    row('GitCommit:', V.runc.gitCommit),
    ' docker-init:',
    row('Version:', V.dockerInit.version),
    row('GitCommit:', V.dockerInit.gitCommit),
  ].join('\n');
}

export const version: CommandSpec = {
  name: 'version',
  usage: '[OPTIONS]',
  short: 'Show the Docker version information',
  commonRank: 12,
  flags: [],
  args: { kind: 'none' },
  needsEngine: false,
  async run(ctx) {
    await ctx.out(`${clientBlock()}\n`);
    // Without a daemon docker prints the client block, then the connection error (exit 1).
    const engine = ctx.engine;
    void engine;
    await ctx.out(`\n${serverBlock()}\n`);
  },
};
