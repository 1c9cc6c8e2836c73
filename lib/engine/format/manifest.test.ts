import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManifestError, decodeManifest, encodeManifestText, ociManifestFor, encodeDescriptor, type Descriptor } from './manifest';
import { Annotation, decodeIndex, decodeOciLayout, encodeIndexText, encodeOciLayout } from './ociIndex';
import { decodeDockerManifestJson, decodeRepositories, encodeDockerManifestJson, encodeRepositories } from './dockerArchive';
import { MediaType, isConfigMediaType, isIndexMediaType, isLayerMediaType, isManifestMediaType, layerCompression, ociLayerMediaType } from './mediaType';
import { goMarshal } from './json';
import { JsonTypeError } from './goDecode';
import type { Digest } from './digest';

const dec = new TextDecoder();
const C = `sha256:${'c'.repeat(64)}` as Digest;
const L = `sha256:${'1'.repeat(64)}` as Digest;
const M = `sha256:${'d'.repeat(64)}` as Digest;

describe('OCI manifest', () => {
  it('matches docker save (docker.md §8.1) byte for byte', () => {
    expect(encodeManifestText(ociManifestFor({ digest: C, size: 1234 }, [{ digest: L, size: 10240 }]))).toBe(
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"${C}","size":1234},` +
        `"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"${L}","size":10240}]}`,
    );
  });

  it('writes optional descriptor fields in Go order', () => {
    const d: Descriptor = { mediaType: MediaType.OciManifest, digest: M, size: 1, annotations: { z: '1', a: '2' }, platform: { architecture: 'arm64', os: 'linux', variant: 'v8' }, urls: ['u'], data: new Uint8Array([1]) };
    expect(goMarshal(encodeDescriptor(d))).toBe(
      `{"mediaType":"${MediaType.OciManifest}","digest":"${M}","size":1,"urls":["u"],"annotations":{"a":"2","z":"1"},"data":"AQ==","platform":{"architecture":"arm64","os":"linux","variant":"v8"}}`,
    );
  });

  it('round-trips (property)', () => {
    const desc = fc.record({ mediaType: fc.constantFrom(MediaType.OciLayer, MediaType.OciLayerGzip), digest: fc.stringMatching(/^[a-f0-9]{64}$/).map((h) => `sha256:${h}` as Digest), size: fc.nat() });
    fc.assert(
      fc.property(desc, fc.array(desc), (config, layers) => {
        const m = { schemaVersion: 2 as const, mediaType: MediaType.OciManifest, config, layers };
        expect(decodeManifest(encodeManifestText(m))).toEqual(m);
      }),
    );
  });

  it('rejects hostile manifests with clear errors', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"schemaVersion":1}', /unsupported manifest schema version 1/],
      ['{"schemaVersion":2}', /no config descriptor/],
      ['{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:zz","size":1},"layers":[]}', /config: invalid checksum digest length/],
      [`{"schemaVersion":2,"config":{"mediaType":"x","digest":"${C}","size":-1},"layers":[]}`, /config: invalid size -1/],
      [`{"schemaVersion":2,"config":{"mediaType":"x","digest":"${C}","size":"1"},"layers":[]}`, /cannot unmarshal string into Go struct field Descriptor.config.size of type int64/],
      [`{"schemaVersion":2,"mediaType":"text/plain","config":{"mediaType":"x","digest":"${C}"}}`, /unexpected manifest media type/],
      [`{"schemaVersion":2,"config":{"digest":"${C}"}}`, /config: missing mediaType/],
    ];
    for (const [text, re] of cases) expect(() => decodeManifest(text)).toThrow(re);
    expect(() => decodeManifest('{"schemaVersion":"2"}')).toThrow(JsonTypeError);
    expect(() => decodeManifest('null')).toThrow(ManifestError);
  });
});

describe('OCI index and layout', () => {
  it('writes index.json like docker save', () => {
    const text = encodeIndexText({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [{ mediaType: MediaType.OciManifest, digest: M, size: 400, annotations: { [Annotation.ContainerdImageName]: 'docker.io/library/busybox:latest', [Annotation.RefName]: 'latest' } }],
    });
    expect(text).toBe(
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"${M}","size":400,` +
        `"annotations":{"io.containerd.image.name":"docker.io/library/busybox:latest","org.opencontainers.image.ref.name":"latest"}}]}`,
    );
    expect(decodeIndex(text).manifests[0]!.annotations![Annotation.RefName]).toBe('latest');
  });

  it('writes and checks oci-layout', () => {
    expect(dec.decode(encodeOciLayout())).toBe('{"imageLayoutVersion": "1.0.0"}');
    expect(dec.decode(encodeOciLayout('containerd'))).toBe('{"imageLayoutVersion":"1.0.0"}');
    expect(decodeOciLayout(encodeOciLayout())).toEqual({ imageLayoutVersion: '1.0.0' });
    expect(() => decodeOciLayout('{"imageLayoutVersion":"1.1.0"}')).toThrow('unsupported OCI version 1.1.0');
  });
});

describe('manifest.json and repositories', () => {
  it('match docker save (docker.md §8.1)', () => {
    const bytes = encodeDockerManifestJson([
      {
        Config: `blobs/sha256/${'c'.repeat(64)}`,
        RepoTags: ['busybox:latest'],
        Layers: [`blobs/sha256/${'1'.repeat(64)}`],
        LayerSources: { [L]: { mediaType: MediaType.OciLayer, size: 10240, digest: L } },
      },
    ]);
    expect(dec.decode(bytes)).toBe(
      `[{"Config":"blobs/sha256/${'c'.repeat(64)}","RepoTags":["busybox:latest"],"Layers":["blobs/sha256/${'1'.repeat(64)}"],` +
        `"LayerSources":{"${L}":{"mediaType":"application/vnd.oci.image.layer.v1.tar","size":10240,"digest":"${L}"}}}]\n`,
    );
    expect(decodeDockerManifestJson(bytes)[0]!.RepoTags).toEqual(['busybox:latest']);
    expect(dec.decode(encodeDockerManifestJson([{ Config: 'c', RepoTags: null, Layers: [] }], { newline: false }))).toBe('[{"Config":"c","RepoTags":null,"Layers":[]}]');
    expect(dec.decode(encodeRepositories({ busybox: { latest: '1'.repeat(64) } }))).toBe(`{"busybox":{"latest":"${'1'.repeat(64)}"}}\n`);
    expect(decodeRepositories(`{"b":{"t":"x"}}`)).toEqual({ b: { t: 'x' } });
  });

  it('rejects hostile manifest.json', () => {
    expect(() => decodeDockerManifestJson('null')).toThrow('invalid manifest, manifest cannot be null (but can be [])');
    expect(() => decodeDockerManifestJson('{}')).toThrow('json: cannot unmarshal object into Go value of type []tarexport.manifestItem');
    expect(() => decodeDockerManifestJson('[{"Layers":"x"}]')).toThrow('json: cannot unmarshal string into Go struct field manifestItem.Layers of type []string');
    expect(() => decodeDockerManifestJson('[{"Parent":"sha256:1"}]')).toThrow(/invalid Parent: invalid checksum digest length/);
    expect(decodeDockerManifestJson('[]')).toEqual([]);
    expect(decodeDockerManifestJson('[{"config":"c","layers":["l"]}]')).toEqual([{ Config: 'c', RepoTags: null, Layers: ['l'] }]);
  });
});

describe('media types', () => {
  it('classifies', () => {
    expect(isIndexMediaType(MediaType.DockerManifestList)).toBe(true);
    expect(isManifestMediaType(MediaType.DockerManifest)).toBe(true);
    expect(isConfigMediaType(MediaType.DockerConfig)).toBe(true);
    expect(isLayerMediaType(MediaType.DockerLayerGzip)).toBe(true);
    expect(isLayerMediaType(MediaType.OciConfig)).toBe(false);
    expect(layerCompression(MediaType.OciLayerZstd)).toBe('zstd');
    expect(layerCompression(MediaType.DockerLayer)).toBe('none');
    expect(ociLayerMediaType('gzip')).toBe(MediaType.OciLayerGzip);
  });
});
