/**
 * The registry's view of the live store: every repository under every alias of its registry
 * (`<alias>/<name>`, the registry id when it has no alias), its tags in byte order, and what the
 * content of its images serves by digest. A view is derived per stored repository object and
 * cached by it: the control API's push, untag and delete replace that object, so the next request
 * sees the change, as DescribeImages and DescribeImageTags do.
 * Blob locations outlive the image (as a registry's storage keeps blobs until collected): a blob is
 * found by digest alone once any view that holds it was built.
 */
import type { FixtureRegistry } from '../fixture-types';
import type { Store, StoredRegistry, StoredRepository } from '../store';
import type { Descriptor, Document } from './content';
import { builtContentOf } from './derive';
import type { LayerBlob } from './layers';

export type Blob = Buffer | LayerBlob;

export interface RegistryRepository {
  /** `<alias>/<name>` as the request named it. */
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
  /** A blob at its location, whichever repository holds (or held) it. */
  blob(digest: string): Blob | undefined;
}

type View = Omit<RegistryRepository, 'path'>;

const aliasesOf = (registry: FixtureRegistry): string[] =>
  registry.aliases?.length ? registry.aliases.map((a) => a.name) : [registry.registryId];

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

function viewOf(repo: StoredRepository): View {
  const view: View = { tags: [], byTag: new Map(), manifests: new Map(), blobs: new Map(), referrers: new Map() };
  for (const image of repo.source.images ?? []) {
    const built = builtContentOf(image);
    if (!built) continue;
    for (const [d, m] of built.manifests) view.manifests.set(d, m);
    for (const [d, b] of built.blobs) view.blobs.set(d, b);
    for (const [d, r] of built.referrers) view.referrers.set(d, [...(view.referrers.get(d) ?? []), ...r]);
    for (const tag of image.imageTags ?? []) view.byTag.set(tag, built.top);
  }
  view.tags = [...view.byTag.keys()].sort(byteOrder);
  return view;
}

/** Reads `store` on every request; its registries (and so their aliases) are fixed. */
export function createRegistryCatalog(store: Store): RegistryCatalog {
  const byAlias = new Map<string, StoredRegistry>();
  for (const registry of store.registries) for (const alias of aliasesOf(registry.source)) byAlias.set(alias, registry);
  const views = new WeakMap<StoredRepository, View>();
  const locations = new Map<string, Blob>();
  return {
    repository(path) {
      const slash = path.indexOf('/');
      const registry = slash > 0 ? byAlias.get(path.slice(0, slash)) : undefined;
      const repo = registry?.byName.get(path.slice(slash + 1));
      if (!repo) return undefined;
      let view = views.get(repo);
      if (!view) {
        view = viewOf(repo);
        views.set(repo, view);
        for (const [d, b] of view.blobs) locations.set(d, b);
      }
      return { ...view, path };
    },
    blob: (digest) => locations.get(digest),
  };
}
