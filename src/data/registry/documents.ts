/**
 * What the registry's documents say, read as the OCI image spec (and Docker's manifest v2, which it
 * mirrors) defines them: an index's platform descriptors, an image manifest's config and layers, a
 * config's platform and run settings. A document that is not what its media type says is the
 * registry's fault: UPSTREAM_ERROR with `extensions.registry.errorCode` MalformedAnswer.
 */
import type { Manifest } from '../../registry';
import { registryMalformed } from '../../registry/errors';
import { isImageConfigType, isIndexType, isManifestType } from '../../registry/media-types';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string; variant?: string; 'os.version'?: string };
}

export interface ManifestDocument {
  kind: 'index' | 'manifest' | 'other';
  mediaType: string;
  artifactType: string | undefined;
  annotations: Record<string, string>;
  /** An index's entries. */
  manifests: Descriptor[];
  /** An image manifest's config and layers. */
  config: Descriptor | undefined;
  layers: Descriptor[];
}

export interface ImageConfig {
  os: string | undefined;
  architecture: string | undefined;
  variant: string | undefined;
  osVersion: string | undefined;
  created: string | undefined;
  labels: Record<string, string>;
  entrypoint: string[] | undefined;
  cmd: string[] | undefined;
  user: string | undefined;
  workingDir: string | undefined;
  exposedPorts: string[];
}

const object = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
const stringMap = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(object(value)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );

function descriptors(value: unknown, what: string): Descriptor[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : undefined;
  const ok = list?.every(
    (d) => typeof d?.mediaType === 'string' && typeof d?.digest === 'string' && Number.isSafeInteger(d?.size),
  );
  if (!list || !ok) throw registryMalformed(what, 'has a malformed descriptor');
  return list as Descriptor[];
}

export function readManifest(manifest: Manifest, what: string): ManifestDocument {
  let body: Record<string, unknown>;
  try {
    body = object(JSON.parse(manifest.bytes.toString('utf8')));
  } catch {
    throw registryMalformed(what, 'is not JSON');
  }
  const { mediaType } = manifest;
  const kind = isIndexType(mediaType) ? 'index' : isManifestType(mediaType) ? 'manifest' : 'other';
  const config = body.config === undefined ? undefined : descriptors([body.config], what)[0];
  if (kind === 'manifest' && !config) throw registryMalformed(what, 'has no config');
  // OCI 1.1: `artifactType`, else the config's media type when it describes no runnable image.
  const artifactType =
    string(body.artifactType) ?? (config && !isImageConfigType(config.mediaType) ? config.mediaType : undefined);
  return {
    kind,
    mediaType,
    artifactType,
    annotations: stringMap(body.annotations),
    manifests: kind === 'index' ? descriptors(body.manifests, what) : [],
    config,
    layers: kind === 'manifest' ? descriptors(body.layers, what) : [],
  };
}

export function readConfig(bytes: Buffer, what: string): ImageConfig {
  let body: Record<string, unknown>;
  try {
    body = object(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw registryMalformed(what, 'is not JSON');
  }
  const run = object(body.config);
  const nonEmpty = (value: string | undefined) => (value ? value : undefined);
  const list = (value: unknown) => {
    const items = strings(value);
    return items?.length ? items : undefined;
  };
  return {
    os: string(body.os),
    architecture: string(body.architecture),
    variant: string(body.variant),
    osVersion: string(body['os.version']),
    created: string(body.created),
    labels: stringMap(run.Labels),
    entrypoint: list(run.Entrypoint),
    cmd: list(run.Cmd),
    user: nonEmpty(string(run.User)),
    workingDir: nonEmpty(string(run.WorkingDir)),
    exposedPorts: Object.keys(object(run.ExposedPorts)).sort(),
  };
}

/** An index entry that names a real platform (buildx's attestation manifests say unknown/unknown). */
export function isRealPlatform(descriptor: Descriptor): boolean {
  const { os, architecture } = descriptor.platform ?? {};
  return (
    typeof os === 'string' && typeof architecture === 'string' && !(os === 'unknown' && architecture === 'unknown')
  );
}
