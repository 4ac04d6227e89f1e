/** An image manifest of one platform: its layers (generated, or non-distributable), its config blob. */
import { createHash } from 'node:crypto';
import type { BuiltContent, ContentLayer, ContentPlatform, Descriptor, Document } from './content-types';
import { annotationsMember, doc, jsonBlob } from './documents';
import { layerBlob } from './layers';
import { MEDIA, type MediaFamily } from './media-types';

/** The media types of a non-distributable layer by family (OCI's deprecated but valid one; Docker's "foreign"). */
const FOREIGN: Record<MediaFamily, string> = {
  oci: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  docker: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
};

/** Layer descriptors; the bytes of each distributable layer go into `out.blobs`. */
export function buildLayers(
  layers: readonly ContentLayer[],
  family: MediaFamily,
  defaultMediaType: string,
  seed: string,
  out: BuiltContent,
): { layers: Descriptor[]; diffIds: string[] } {
  const diffIds: string[] = [];
  const descriptors = layers.map((l, i) => {
    const { size, mediaType, urls } = typeof l === 'number' ? { size: l, mediaType: undefined, urls: undefined } : l;
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`layer size ${size} is not a non-negative integer`);
    if (urls?.length) {
      // The bytes live at the URLs; the digest is derived from the seed, never served here.
      const digest = `sha256:${createHash('sha256').update(`nondistributable:${seed}/${i}:${size}`).digest('hex')}`;
      diffIds.push(digest);
      return { mediaType: mediaType ?? FOREIGN[family], digest, size, urls: [...urls] };
    }
    const blob = layerBlob(`${seed}/${i}`, size);
    out.blobs.set(blob.digest, blob);
    diffIds.push(blob.diffId);
    return { mediaType: mediaType ?? defaultMediaType, digest: blob.digest, size };
  });
  return { layers: descriptors, diffIds };
}

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

export interface BuiltPlatform {
  manifest: Document;
  /** config + layers, as a pull of this platform transfers them. */
  size: number;
}

export function buildPlatform(
  p: ContentPlatform,
  family: MediaFamily,
  seed: string,
  out: BuiltContent,
  annotations?: Record<string, string>,
): BuiltPlatform {
  const m = MEDIA[family];
  if (typeof p?.os !== 'string' || typeof p.architecture !== 'string')
    throw new Error('a platform needs os and architecture strings');
  if (!Array.isArray(p.layers)) throw new Error('a platform needs a layers array');
  const platformSeed = `${seed}/${p.os}/${p.architecture}/${p.variant ?? ''}/${p.osVersion ?? ''}`;
  const { layers, diffIds } = buildLayers(p.layers, family, m.layer, platformSeed, out);
  const config = jsonBlob(out, m.config, configBody(p, diffIds));
  const manifest = doc(m.manifest, {
    schemaVersion: 2,
    mediaType: m.manifest,
    config,
    layers,
    ...annotationsMember(annotations),
  });
  out.manifests.set(manifest.digest, manifest);
  return { manifest, size: config.size + layers.reduce((n, l) => n + l.size, 0) };
}

/** The `platform` of an index entry. */
export function platformOf(p: ContentPlatform): Record<string, string> {
  return {
    architecture: p.architecture,
    os: p.os,
    ...(p.osVersion ? { 'os.version': p.osVersion } : {}),
    ...(p.variant ? { variant: p.variant } : {}),
  };
}
