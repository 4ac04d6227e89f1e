/**
 * The registry's objects as the schema shows them (ImageManifest, ImagePlatform, PublicRepository,
 * PublicTag), each fetching only what its fields ask for: an index names its platforms' os and
 * architecture itself, a platform's sizes and layers need its manifest, its created/labels/config
 * need its config blob. Every fetch goes through the request's ContentSource (once per request).
 */
import type { Referrer } from '../../registry';
import type { ContentSource, LoadedManifest } from './content-source';
import { type Descriptor, type ImageConfig, isRealPlatform } from './documents';

/** A manifest: fetched (`loaded`), or known by a referrer's descriptor until a field needs more. */
export interface ManifestNode {
  repository: string;
  digest: string;
  loaded?: LoadedManifest;
  descriptor?: Referrer;
}

export interface PlatformInfo {
  os: string;
  architecture: string;
  variant: string | undefined;
  osVersion: string | undefined;
}

/** A platform: from an index entry (its platform known), or a single manifest's (from its config). */
export interface PlatformNode {
  repository: string;
  /** The platform manifest's digest. */
  digest: string;
  platform?: PlatformInfo;
  manifest?: LoadedManifest;
}

export interface PublicRepositoryNode {
  alias: string;
  name: string;
  /** `<alias>/<name>`, the registry's repository path. */
  path: string;
}

export interface PublicTagNode {
  repository: string;
  name: string;
}

export const loadedNode = (repository: string, loaded: LoadedManifest): ManifestNode => ({
  repository,
  digest: loaded.digest,
  loaded,
});

export const manifestOf = (node: ManifestNode, contents: ContentSource): Promise<LoadedManifest> =>
  node.loaded ? Promise.resolve(node.loaded) : contents.manifest(node.repository, node.digest);

const platformOfIndex = (d: Descriptor): PlatformInfo => ({
  os: d.platform?.os as string,
  architecture: d.platform?.architecture as string,
  variant: d.platform?.variant || undefined,
  osVersion: d.platform?.['os.version'] || undefined,
});

/** An index's entries that name a real platform, in its order; a single image manifest's one platform. */
export async function platformsOf(node: ManifestNode, contents: ContentSource): Promise<PlatformNode[]> {
  const loaded = await manifestOf(node, contents);
  const { document } = loaded;
  if (document.kind === 'index') {
    return document.manifests
      .filter(isRealPlatform)
      .map((d) => ({ repository: node.repository, digest: d.digest, platform: platformOfIndex(d) }));
  }
  // A manifest of some other artifact (a Helm chart, a signature) runs on no platform.
  if (document.kind !== 'manifest' || document.artifactType !== undefined) return [];
  return [{ repository: node.repository, digest: loaded.digest, manifest: loaded }];
}

export const platformManifestOf = (p: PlatformNode, contents: ContentSource): Promise<LoadedManifest> =>
  p.manifest ? Promise.resolve(p.manifest) : contents.manifest(p.repository, p.digest);

export async function platformConfigOf(p: PlatformNode, contents: ContentSource): Promise<ImageConfig> {
  const manifest = await platformManifestOf(p, contents);
  const config = manifest.document.config;
  if (!config) throw new Error('a platform manifest without a config');
  return contents.config(p.repository, config.digest);
}

/** os, architecture, variant, os.version: from the index entry, else from the config. */
export async function platformInfoOf(p: PlatformNode, contents: ContentSource): Promise<PlatformInfo> {
  if (p.platform) return p.platform;
  const config = await platformConfigOf(p, contents);
  return {
    os: config.os ?? 'unknown',
    architecture: config.architecture ?? 'unknown',
    variant: config.variant,
    osVersion: config.osVersion,
  };
}

/** config + layers, compressed, as a pull transfers them. */
export async function platformSizeOf(p: PlatformNode, contents: ContentSource): Promise<number> {
  const { document } = await platformManifestOf(p, contents);
  return (document.config?.size ?? 0) + document.layers.reduce((sum, layer) => sum + layer.size, 0);
}

export const sortedEntries = (record: Record<string, string>): { key: string; value: string }[] =>
  Object.keys(record)
    .sort()
    .map((key) => ({ key, value: record[key] as string }));
