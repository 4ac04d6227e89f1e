/**
 * The registry half of the data source: per request, one DataLoader each for manifests (by
 * repository and tag or digest) and config blobs, so each is fetched at most once per request
 * however many fields ask; tag pages through the same loader for `publicRepository`'s existence
 * check and `tags`. The client (src/registry) keeps digest-addressed content across requests.
 */
import DataLoader from 'dataloader';
import type { Manifest, Referrer, RequestRegistry, TagPage } from '../../registry';

import type { PageArgs } from '../pages';
import type { CursorCodec } from '../paging/cursors';
import { type Connection, DEFAULT_PAGE_SIZE, forwardPage } from '../paging/forward-page';
import { type ImageConfig, type ManifestDocument, readConfig, readManifest } from './documents';

export interface LoadedManifest extends Manifest {
  document: ManifestDocument;
}

export interface ContentSource {
  /** A manifest by tag or digest of `<alias>/<name>`, read. */
  manifest(repository: string, reference: string): Promise<LoadedManifest>;
  /** The image config blob `digest`, read. */
  config(repository: string, digest: string): Promise<ImageConfig>;
  referrers(repository: string, digest: string, artifactType: string | undefined): Promise<Referrer[]>;
  /** Tags of `<alias>/<name>` a page at a time, over tags/list's `n`/`last`. */
  tags(repository: string, page: PageArgs): Promise<Connection<string>>;
  /** Whether the repository exists: the first page of tags, shared with `tags` (NAME_UNKNOWN throws). */
  exists(repository: string): Promise<void>;
}

const split = (key: string): [string, string] => {
  const at = key.lastIndexOf(' ');
  return [key.slice(0, at), key.slice(at + 1)];
};

export function createContentSource(registry: RequestRegistry, cursors: CursorCodec): ContentSource {
  // One registry request per key: no batch API, so `batch: false`; the loader's cache is the point.
  const manifests = new DataLoader<string, LoadedManifest>(
    async ([key]) => {
      const [repository, reference] = split(key as string);
      const manifest = await registry.manifest(repository, reference);
      return [{ ...manifest, document: readManifest(manifest, `manifest ${repository}:${reference}`) }];
    },
    { batch: false },
  );
  const configs = new DataLoader<string, ImageConfig>(
    async ([key]) => {
      const [repository, digest] = split(key as string);
      return [readConfig(await registry.blob(repository, digest), `config ${repository}@${digest}`)];
    },
    { batch: false },
  );
  const tagPages = new DataLoader<string, TagPage>(
    async ([key]) => {
      const { repository, n, last } = JSON.parse(key as string) as {
        repository: string;
        n: number;
        last: string | null;
      };
      return [await registry.tags(repository, n, last)];
    },
    { batch: false },
  );
  const referrers = new DataLoader<string, Referrer[]>(
    async ([key]) => {
      const [repository, digest, artifactType] = JSON.parse(key as string) as [string, string, string | null];
      return [await registry.referrers(repository, digest, artifactType ?? undefined)];
    },
    { batch: false },
  );
  const tagPage = (repository: string, n: number, last: string | null) =>
    tagPages.load(JSON.stringify({ repository, n, last }));

  return {
    async manifest(repository, reference) {
      const loaded = await manifests.load(`${repository} ${reference}`);
      // Known by digest now: a later lookup by digest finds it in this request.
      manifests.prime(`${repository} ${loaded.digest}`, loaded);
      return loaded;
    },
    config: (repository, digest) => configs.load(`${repository} ${digest}`),
    referrers: (repository, digest, artifactType) =>
      referrers.load(JSON.stringify([repository, digest, artifactType ?? null])),
    tags: (repository, page) =>
      forwardPage({
        first: page.first,
        after: page.after,
        scope: `registry-tags:${repository}`,
        codec: cursors,
        fetch: async (last, n) => {
          const { tags, next } = await tagPage(repository, n, last);
          return { items: tags, nextToken: next };
        },
      }),
    exists: async (repository) => {
      await tagPage(repository, DEFAULT_PAGE_SIZE, null);
    },
  };
}
