/**
 * `docker version`: the client block, then the server block (CLI 28 layout, docker/cli cli/command/system/version.go
 * templates). The numbers are what layerlab simulates, not a claim about a particular build: a 28.5 CLI/engine
 * (API 1.51, minimum 1.24) with the containerd/runc/docker-init versions such engines shipped with. The git commits
 * are fixed placeholders in the real format (7 hex characters).
 */

import { CliError, type CommandSpec } from '../command';
import { tabwrite } from '../format/tabwriter';
import { parseDockerTemplate, templateParsingError } from '../format/template';
import { goStruct } from '../output';

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

/** RFC 3339 build time as the API reports it (the template shows it reformatted as Go's ANSIC). */
const BUILD_TIME_RFC3339 = '2025-11-05T14:43:25.000000000+00:00';

const INSPECT_FORMAT_HELP =
  "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting templates";

/** The `versionInfo` docker's template sees: Go field names (`.Client.APIVersion`, `.Server.Version`). */
function versionData(kernel: string, server: boolean, json: boolean): Record<string, unknown> {
  const struct = (typeName: string, o: Record<string, unknown>) => goStruct(typeName, o, false);
  const api = json ? 'ApiVersion' : 'APIVersion';
  const client = struct('system.clientVersion', {
    Platform: struct('*system.platformInfo', { Name: V.platform }),
    Version: V.version,
    [api]: V.apiVersion,
    DefaultAPIVersion: V.apiVersion,
    GitCommit: V.gitCommit,
    GoVersion: V.goVersion,
    Os: 'linux',
    Arch: 'amd64',
    BuildTime: V.built,
    Context: 'default',
  });
  const component = (name: string, version: string, details: Record<string, string>) =>
    struct('types.ComponentVersion', { Name: name, Version: version, Details: new Map(Object.entries(details).sort(([a], [b]) => (a < b ? -1 : 1))) });
  const srv = struct('*types.Version', {
    Platform: struct('struct { Name string }', { Name: V.platform }),
    Components: [
      component('Engine', V.version, {
        ApiVersion: V.apiVersion,
        Arch: 'amd64',
        BuildTime: json ? BUILD_TIME_RFC3339 : V.built,
        Experimental: 'false',
        GitCommit: V.serverGitCommit,
        GoVersion: V.goVersion,
        KernelVersion: kernel,
        MinAPIVersion: V.minApiVersion,
        Os: 'linux',
      }),
      component('containerd', V.containerd.version, { GitCommit: V.containerd.gitCommit }),
      component('runc', V.runc.version, { GitCommit: V.runc.gitCommit }),
      component('docker-init', V.dockerInit.version, { GitCommit: V.dockerInit.gitCommit }),
    ],
    Version: V.version,
    [api]: V.apiVersion,
    MinAPIVersion: V.minApiVersion,
    GitCommit: V.serverGitCommit,
    GoVersion: V.goVersion,
    Os: 'linux',
    Arch: 'amd64',
    KernelVersion: kernel,
    BuildTime: BUILD_TIME_RFC3339,
  });
  return struct('system.versionInfo', { Client: client, Server: server ? srv : null });
}

export const version: CommandSpec = {
  name: 'version',
  usage: '[OPTIONS]',
  short: 'Show the Docker version information',
  commonRank: 12,
  flags: [{ name: 'format', short: 'f', kind: 'string', usage: INSPECT_FORMAT_HELP }],
  args: { kind: 'none' },
  needsEngine: false,
  async run(ctx) {
    const format = ctx.flags.string('format');
    let connected = true;
    try {
      void ctx.engine;
    } catch {
      connected = false;
    }
    if (format === '') {
      await ctx.out(`${clientBlock()}\n`);
      // Without a daemon docker prints the client block, then the connection error (exit 1).
      void ctx.engine;
      await ctx.out(`\n${serverBlock()}\n`);
      return;
    }
    const json = format === 'json';
    let tmpl;
    try {
      tmpl = parseDockerTemplate(json ? '{{json .}}' : format);
    } catch (e) {
      throw new CliError(templateParsingError(e as Error), 64);
    }
    const data = versionData(ctx.proc.sys.uname.release, connected, json);
    let text: string;
    try {
      text = tmpl.execute(data);
    } catch (e) {
      // The connection error wins over a template that tripped on the missing server part.
      void ctx.engine;
      throw new CliError(templateParsingError(e as Error));
    }
    await ctx.out(`${tabwrite(text, { minWidth: 20, padding: 1 })}\n`);
    void ctx.engine;
  },
};
