import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ImageConfigError, decodeImageConfig, encodeImageConfigText, encodeImageConfig, imageId, type ImageConfigFile } from './imageConfig';
import { JsonTypeError } from './goDecode';
import { JsonSyntaxError } from './json';
import { sha256, EMPTY_LAYER_DIFF_ID, type Digest } from './digest';

const D1 = `sha256:${'a'.repeat(64)}` as Digest;

const buildkit: ImageConfigFile = {
  architecture: 'amd64',
  os: 'linux',
  created: '2026-11-23T08:39:05.106433719Z',
  config: {
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    Cmd: ['/bin/sh', '-c', 'echo <hi> & bye'],
    WorkingDir: '/app',
    ExposedPorts: { '80/tcp': {}, '443/tcp': {} },
    Labels: { b: '2', a: '1' },
    Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 30_000_000_000, Retries: 3 },
    OnBuild: ['RUN echo hi'],
    Shell: ['/bin/bash', '-c'],
    User: '',
  },
  rootfs: { type: 'layers', diff_ids: [D1, EMPTY_LAYER_DIFF_ID] },
  history: [
    { created: '2026-11-23T08:39:05Z', created_by: 'COPY app.sh /app/ # buildkit', comment: 'buildkit.dockerfile.v0' },
    { created: '2026-11-23T08:39:05Z', created_by: 'CMD ["sh"]', comment: 'buildkit.dockerfile.v0', empty_layer: true },
  ],
};

describe('encodeImageConfig', () => {
  it('sorts top-level keys, keeps Go struct order inside config, escapes like Go', () => {
    expect(encodeImageConfigText(buildkit)).toBe(
      '{"architecture":"amd64","config":{"ExposedPorts":{"443/tcp":{},"80/tcp":{}},"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],' +
        '"Cmd":["/bin/sh","-c","echo \\u003chi\\u003e \\u0026 bye"],"WorkingDir":"/app","Labels":{"a":"1","b":"2"},' +
        '"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Retries":3},"OnBuild":["RUN echo hi"],"Shell":["/bin/bash","-c"]},' +
        '"created":"2026-11-23T08:39:05.106433719Z",' +
        '"history":[{"created":"2026-11-23T08:39:05Z","created_by":"COPY app.sh /app/ # buildkit","comment":"buildkit.dockerfile.v0"},' +
        '{"created":"2026-11-23T08:39:05Z","created_by":"CMD [\\"sh\\"]","comment":"buildkit.dockerfile.v0","empty_layer":true}],' +
        `"os":"linux","rootfs":{"type":"layers","diff_ids":["${D1}","${EMPTY_LAYER_DIFF_ID}"]}}`,
    );
  });

  it('writes the classic (moby) config with empty fields and container_config', () => {
    const text = encodeImageConfigText(
      {
        architecture: 'amd64',
        os: 'linux',
        container: 'c'.repeat(64),
        config: { Env: ['A=1'], Cmd: ['sh'], Image: 'sha256:x' },
        container_config: { Cmd: ['/bin/sh', '-c', '#(nop) ', 'CMD ["sh"]'] },
        rootfs: { type: 'layers', diff_ids: [D1] },
        extra: { 'moby.buildkit.cache.v0': 'x' },
      },
      { configStyle: 'moby' },
    );
    const empty = '"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false';
    expect(text).toBe(
      `{"architecture":"amd64","config":{${empty},"Env":["A=1"],"Cmd":["sh"],"Image":"sha256:x","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},` +
        `"container":"${'c'.repeat(64)}","container_config":{${empty},"Env":null,"Cmd":["/bin/sh","-c","#(nop) ","CMD [\\"sh\\"]"],"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},` +
        `"moby.buildkit.cache.v0":"x","os":"linux","rootfs":{"type":"layers","diff_ids":["${D1}"]}}`,
    );
  });

  it('gives the image ID as sha256 of the bytes', () => {
    const bytes = encodeImageConfig(buildkit);
    expect(imageId(bytes)).toBe(sha256(bytes));
  });

  it('round-trips through decode (property)', () => {
    const cfgArb = fc.record(
      {
        architecture: fc.constantFrom('amd64', 'arm64'),
        os: fc.constant('linux'),
        author: fc.string(),
        config: fc.record({ Env: fc.array(fc.string()), Cmd: fc.array(fc.string(), { minLength: 1 }), Labels: fc.dictionary(fc.string(), fc.string()), User: fc.string() }, { requiredKeys: [] }),
        rootfs: fc.record({ type: fc.constant('layers'), diff_ids: fc.array(fc.stringMatching(/^[a-f0-9]{64}$/).map((h) => `sha256:${h}` as Digest)) }),
      },
      { requiredKeys: ['rootfs'] },
    );
    fc.assert(
      fc.property(cfgArb, (cfg) => {
        const text = encodeImageConfigText(cfg as ImageConfigFile);
        const back = decodeImageConfig(text);
        expect(encodeImageConfigText(back)).toBe(text);
      }),
    );
  });
});

describe('decodeImageConfig', () => {
  it('accepts Go-style case-insensitive keys and keeps unknown keys', () => {
    const cfg = decodeImageConfig('{"Architecture":"arm64","OS":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"cmd":["sh"]},"x-extra":1}');
    expect(cfg.architecture).toBe('arm64');
    expect(cfg.os).toBe('linux');
    expect(cfg.config?.Cmd).toEqual(['sh']);
    expect(cfg.extra).toEqual({ 'x-extra': 1 });
  });

  it.each([
    ['{', JsonSyntaxError, 'unexpected end of JSON input'],
    ['[]', JsonTypeError, 'json: cannot unmarshal array into Go value of type image.Image'],
    ['{"os":1,"rootfs":{}}', JsonTypeError, 'json: cannot unmarshal number into Go struct field Image.os of type string'],
    ['{"config":{"Env":"A=1"},"rootfs":{}}', JsonTypeError, 'json: cannot unmarshal string into Go struct field Config.config.Env of type []string'],
    ['{"config":{"Healthcheck":{"Retries":1.5}},"rootfs":{}}', JsonTypeError, 'json: cannot unmarshal number 1.5 into Go struct field HealthConfig.config.Healthcheck.Retries of type int'],
    ['{"rootfs":{"diff_ids":[1]}}', JsonTypeError, 'json: cannot unmarshal number into Go struct field RootFS.rootfs.diff_ids of type layer.DiffID'],
    ['{"os":"linux"}', ImageConfigError, 'invalid image JSON, no RootFS key'],
    // the first mismatch in document order, as Go reports it
    ['{"config":{"Env":"x"},"os":2}', JsonTypeError, 'json: cannot unmarshal string into Go struct field Config.config.Env of type []string'],
    ['{"os":2,"config":{"Env":"x"}}', JsonTypeError, 'json: cannot unmarshal number into Go struct field Image.os of type string'],
    ['{"history":[{"created":1}],"rootfs":{}}', JsonTypeError, 'Time.UnmarshalJSON: input is not a JSON string'],
    ['{"history":[{"comment":1}],"rootfs":{}}', JsonTypeError, 'json: cannot unmarshal number into Go struct field History.history.comment of type string'],
    ['{"CONFIG":{"env":1},"rootfs":{}}', JsonTypeError, 'json: cannot unmarshal number into Go struct field Config.config.Env of type []string'],
    ['null', ImageConfigError, 'invalid image JSON, no RootFS key'],
    ['{"rootfs":{"type":"layers","diff_ids":["sha256:abc"]}}', ImageConfigError, 'invalid diff_id 0 "sha256:abc": invalid checksum digest length'],
  ])('%s → %s', (text, cls, message) => {
    let err: unknown;
    try {
      decodeImageConfig(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(cls);
    expect((err as Error).message).toBe(message);
  });
});
