/**
 * The registry's view of the fixture: every repository under every alias of its registry
 * (`<alias>/<name>`, the registry id when it has no alias), its tags in byte order, and what the
 * content of its images serves by digest. Blobs are also found by digest alone at their location.
 */
import type { Fixture, FixtureRegistry } from '../fixture-types';
import type { Descriptor, Document } from './content';
import { builtContentOf } from './derive';
import type { LayerBlob } from './layers';

export type Blob = Buffer | LayerBlob;

export interface RegistryRepository {
  path: string;
  /** Tags whose image has content, in byte order. */
  tags: string[];
  byTag: Map<string, Document>;
  manifests: Map<string, Document>;
  blobs: Map<string, Blob>;
  referrers: Map<string, Descriptor[]>;
}

export interface RegistryCatalog {
  repository(path: string): RegistryRepository | undefined;
  /** A blob at its location, whichever repository holds it. */
  blob(digest: string): Blob | undefined;
}

const aliasesOf = (registry: FixtureRegistry): string[] =>
  registry.aliases?.length ? registry.aliases.map((a) => a.name) : [registry.registryId];

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** `fixture` must have passed validateFixture. */
export function createRegistryCatalog(fixture: Fixture): RegistryCatalog {
  const repositories = new Map<string, RegistryRepository>();
  const allBlobs = new Map<string, Blob>();
  for (const registry of fixture.registries) {
    for (const repo of registry.repositories) {
      const entry: RegistryRepository = {
        path: '',
        tags: [],
        byTag: new Map(),
        manifests: new Map(),
        blobs: new Map(),
        referrers: new Map(),
      };
      for (const image of repo.images ?? []) {
        const built = builtContentOf(image);
        if (!built) continue;
        for (const [d, m] of built.manifests) entry.manifests.set(d, m);
        for (const [d, b] of built.blobs) {
          entry.blobs.set(d, b);
          allBlobs.set(d, b);
        }
        for (const [d, r] of built.referrers) entry.referrers.set(d, [...(entry.referrers.get(d) ?? []), ...r]);
        for (const tag of image.imageTags ?? []) entry.byTag.set(tag, built.top);
      }
      entry.tags = [...entry.byTag.keys()].sort(byteOrder);
      for (const alias of aliasesOf(registry)) {
        const path = `${alias}/${repo.repositoryName}`;
        repositories.set(path, { ...entry, path });
      }
    }
  }
  return { repository: (path) => repositories.get(path), blob: (digest) => allBlobs.get(digest) };
}
