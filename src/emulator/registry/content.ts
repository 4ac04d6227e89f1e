/**
 * Fixture `content` (../shared/CONTRACT.md "Image contents") -> the deterministic documents the
 * registry serves: the top manifest (index or single manifest), platform manifests, config blobs,
 * referrer manifests, and layer blobs whose bytes are generated on demand (see layers.ts).
 */
import { createHash } from 'node:crypto';
import { type LayerBlob, layerBlob } from './layers';
import { EMPTY_MEDIA_TYPE, familyOf, MEDIA, type MediaFamily } from './media-types';

export interface ContentPlatform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
  created?: string;
  labels?: Record<string, string>;
  config?: { entrypoint?: string[]; cmd?: string[]; user?: string; workingDir?: string; exposedPorts?: string[] };
  layers: (number | { size: number; mediaType?: string })[];
}

export interface ImageContent {
  mediaType: string;
  platforms: ContentPlatform[];
  annotations?: Record<string, string>;
  referrers?: { artifactType: string; annotations?: Record<string, string> }[];
}

export interface Document {
  mediaType: string;
  bytes: Buffer;
  digest: string;
  artifactType?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  platform?: Record<string, string>;
}

/** Everything one image's content serves, addressed by digest. */
export interface BuiltContent {
  top: Document;
  /** config + layers of the largest platform (AWS's imageSizeInBytes rule). */
  sizeInBytes: number;
  manifests: Map<string, Document>;
  blobs: Map<string, Buffer | LayerBlob>;
  /** The referrer manifests, by the digest they refer to. */
  referrers: Map<string, Descriptor[]>;
}

export const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function doc(mediaType: string, body: unknown, artifactType?: string): Document {
  const bytes = Buffer.from(JSON.stringify(body));
  return { mediaType, bytes, digest: sha256(bytes), ...(artifactType ? { artifactType } : {}) };
}

const descriptorOf = (d: Document, extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType: d.mediaType,
  digest: d.digest,
  size: d.bytes.length,
  ...extra,
});

function configBody(p: ContentPlatform, layerDigests: string[]): Record<string, unknown> {
  const c = p.config ?? {};
  const config: Record<string, unknown> = {};
  if (c.user) config.User = c.user;
  if (c.exposedPorts?.length) config.ExposedPorts = Object.fromEntries(c.exposedPorts.map((port) => [port, {}]));
  if (c.entrypoint) config.Entrypoint = c.entrypoint;
  if (c.cmd) config.Cmd = c.cmd;
  if (c.workingDir) config.WorkingDir = c.workingDir;
  if (p.labels && Object.keys(p.labels).length) config.Labels = p.labels;
  return {
    ...(p.created ? { created: p.created } : {}),
    architecture: p.architecture,
    os: p.os,
    ...(p.osVersion ? { 'os.version': p.osVersion } : {}),
    ...(p.variant ? { variant: p.variant } : {}),
    config,
    rootfs: { type: 'layers', diff_ids: layerDigests },
  };
}

interface BuiltPlatform {
  manifest: Document;
  size: number;
}

function buildPlatform(p: ContentPlatform, family: MediaFamily, seed: string, out: BuiltContent): BuiltPlatform {
  const m = MEDIA[family];
  const layers = p.layers.map((l, i) => {
    const { size, mediaType } = typeof l === 'number' ? { size: l, mediaType: undefined } : l;
    const blob = layerBlob(`${seed}/${p.os}/${p.architecture}/${p.variant ?? ''}/${i}`, size);
    out.blobs.set(blob.digest, blob);
    return { mediaType: mediaType ?? m.layer, digest: blob.digest, size };
  });
  const config = Buffer.from(
    JSON.stringify(
      configBody(
        p,
        layers.map((l) => l.digest),
      ),
    ),
  );
  const configDigest = sha256(config);
  out.blobs.set(configDigest, config);
  const manifest = doc(m.manifest, {
    schemaVersion: 2,
    mediaType: m.manifest,
    config: { mediaType: m.config, digest: configDigest, size: config.length },
    layers,
  });
  out.manifests.set(manifest.digest, manifest);
  return { manifest, size: config.length + layers.reduce((n, l) => n + l.size, 0) };
}

function platformOf(p: ContentPlatform): Record<string, string> {
  return {
    architecture: p.architecture,
    os: p.os,
    ...(p.osVersion ? { 'os.version': p.osVersion } : {}),
    ...(p.variant ? { variant: p.variant } : {}),
  };
}

function addReferrers(content: ImageContent, seed: string, out: BuiltContent): void {
  const subject = descriptorOf(out.top);
  const empty = Buffer.from('{}');
  const emptyDigest = sha256(empty);
  const list: Descriptor[] = [];
  (content.referrers ?? []).forEach((r, i) => {
    const payload = Buffer.from(JSON.stringify({ referrer: i, seed, artifactType: r.artifactType }));
    const payloadDigest = sha256(payload);
    out.blobs.set(emptyDigest, empty);
    out.blobs.set(payloadDigest, payload);
    const annotations = r.annotations ?? {};
    const manifest = doc(
      MEDIA.oci.manifest,
      {
        schemaVersion: 2,
        mediaType: MEDIA.oci.manifest,
        artifactType: r.artifactType,
        config: { mediaType: EMPTY_MEDIA_TYPE, digest: emptyDigest, size: empty.length },
        layers: [{ mediaType: r.artifactType, digest: payloadDigest, size: payload.length }],
        subject,
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      r.artifactType,
    );
    out.manifests.set(manifest.digest, manifest);
    list.push(
      descriptorOf(manifest, {
        artifactType: r.artifactType,
        ...(Object.keys(annotations).length ? { annotations } : {}),
      }),
    );
  });
  out.referrers.set(out.top.digest, list);
}

/** Builds an image's content; `seed` (e.g. "<registryId>/<repository>/<index>") makes layer bytes distinct. */
export function buildContent(content: ImageContent, seed: string): BuiltContent {
  const family = familyOf(content.mediaType);
  if (!family) throw new Error(`content.mediaType ${content.mediaType} is not an index or image manifest`);
  if (!content.platforms?.length) throw new Error('content.platforms must name at least one platform');
  const out: BuiltContent = {
    top: undefined as unknown as Document,
    sizeInBytes: 0,
    manifests: new Map(),
    blobs: new Map(),
    referrers: new Map(),
  };
  const isIndex = content.mediaType === MEDIA[family].index;
  if (!isIndex && content.platforms.length !== 1) throw new Error('a single manifest has exactly one platform');
  const built = content.platforms.map((p) => buildPlatform(p, family, seed, out));
  out.sizeInBytes = Math.max(...built.map((b) => b.size));
  if (isIndex) {
    const annotations = content.annotations ?? {};
    out.top = doc(content.mediaType, {
      schemaVersion: 2,
      mediaType: content.mediaType,
      manifests: built.map((b, i) =>
        descriptorOf(b.manifest, { platform: platformOf(content.platforms[i] as ContentPlatform) }),
      ),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    });
    out.manifests.set(out.top.digest, out.top);
  } else {
    out.top = (built[0] as BuiltPlatform).manifest;
  }
  addReferrers(content, seed, out);
  return out;
}
