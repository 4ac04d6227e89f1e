/**
 * The per-request data source: everything a resolver may ask of ECR Public, bound to the request's
 * upstream (and so to its call accounting). Lookups batch through the request's DataLoaders
 * (batching/), pages go through the one paged-listing path (pages.ts), ordered and filtered pages
 * and the newest image through the process-wide whole listings (listings/). Resolvers never build
 * an SDK input or call the upstream themselves.
 */
import type { ImageDetail, Registry, Repository, RepositoryCatalogData, Tag } from '@aws-sdk/client-ecr-public';
import type { RequestUpstream } from '../ecr/guard/upstream';
import type { RequestRegistry } from '../registry';
import { createImageLoaders } from './batching/images';
import type { ImageRef, RepositoryKey, RepositoryRef } from './batching/refs';
import { createRegistryLoaders } from './batching/registries';
import { createRepositoryLoader } from './batching/repositories';
import { createRepositoryDetailLoaders } from './batching/repository-details';
import {
  arrangeImages,
  arrangementKey,
  checkImageFilter,
  type ImageFilterValue,
  type ImageOrderValue,
} from './listings/arrange';
import type { ImageListings } from './listings/image-listing';
import type { TagListings } from './listings/tag-listing';
import { type PageArgs, pageOf } from './pages';
import type { CursorCodec } from './paging/cursors';
import type { Connection } from './paging/forward-page';
import { listedPage } from './paging/listed-page';
import { type ContentSource, createContentSource } from './registry/content-source';
import { createTagSource, type TagSource } from './tag-source';

export interface ImagePageArgs extends PageArgs {
  orderBy?: ImageOrderValue | null | undefined;
  filter?: ImageFilterValue | null | undefined;
}

export type { RepositoryTag } from './tag-source';

export interface DataSource extends TagSource {
  /** A repository by name; REPOSITORY_NOT_FOUND for that lookup alone when there is none. */
  repository(ref: RepositoryRef): Promise<Repository>;
  /** An image of a repository by tag or digest; IMAGE_NOT_FOUND for that lookup alone. */
  image(repository: RepositoryKey, ref: ImageRef): Promise<ImageDetail>;
  /** A registry by 12-digit id, or OWN_REGISTRY; REGISTRY_NOT_FOUND for that lookup alone. */
  registry(id: string): Promise<Registry>;
  /** The caller's own registry's display name (GetRegistryCatalogData), asked once per request. */
  ownDisplayName(): Promise<string | null>;
  /** Null where the repository has no catalog data. */
  catalogData(repository: RepositoryKey): Promise<RepositoryCatalogData | null>;
  resourceTags(repositoryArn: string): Promise<Tag[]>;
  registries(page: PageArgs): Promise<Connection<Registry>>;
  repositories(registryId: string | undefined, page: PageArgs): Promise<Connection<Repository>>;
  /** ECR Public's own order at one call a page; with `orderBy` or `filter`, a cut of the whole listing. */
  images(repository: RepositoryKey, page: ImagePageArgs): Promise<Connection<ImageDetail>>;
  /** The most recently pushed image, from the whole listing; null for an empty repository. */
  latestImage(repository: RepositoryKey): Promise<ImageDetail | null>;
  /** Resolves when the whole listing is within IMAGE_LISTING_CAP; BAD_USER_INPUT past it. */
  checkListingCap(repository: RepositoryKey): Promise<void>;
  /** Image contents and any public repository, from the registry (registry/content-source.ts). */
  contents: ContentSource;
}

export interface DataSourceDeps {
  /** The request's upstream: what every call costs is accounted to the request. */
  upstream: RequestUpstream;
  cursors: CursorCodec;
  /** Whole image listings; process-wide, like the upstream cache. */
  listings: ImageListings;
  /** Whole tag listings, likewise. */
  tagListings: TagListings;
  /** The request's registry: what every registry request costs is accounted to the request. */
  registry: RequestRegistry;
}

const NEWEST_FIRST: ImageOrderValue = { field: 'PUSHED_AT', direction: 'DESC' };
const imagesScope = ({ registryId, repositoryName }: RepositoryKey): string => `images:${registryId}/${repositoryName}`;

export function createDataSource({ upstream, cursors, listings, tagListings, registry }: DataSourceDeps): DataSource {
  const images = createImageLoaders(upstream);
  const repository = createRepositoryLoader(upstream);
  const registries = createRegistryLoaders(upstream);
  const details = createRepositoryDetailLoaders(upstream);
  const listing = (key: RepositoryKey) => listings.get(key.registryId, key.repositoryName, upstream);
  const tags = createTagSource({ upstream, cursors, tagListings });
  /** What a page or listing brought, kept for later lookups of the same request. */
  const primed = <T>(prime: (items: T[]) => void, items: T[] = []): T[] => {
    prime(items);
    return items;
  };
  const primeRepositories = (items: Repository[]): void => {
    for (const repo of items) {
      if (repo.repositoryName)
        repository.prime({ registryId: repo.registryId, repositoryName: repo.repositoryName }, repo);
    }
  };

  return {
    contents: createContentSource(registry, cursors),
    repository: (ref) => repository.load(ref),
    image: (key, ref) => images.of(key.registryId, key.repositoryName).load(ref),
    registry: (id) => registries.registry.load(id),
    ownDisplayName: () => registries.ownDisplayName(),
    catalogData: (key) => details.catalogData.load(key),
    resourceTags: (arn) => details.resourceTags.load(arn),
    registries: (page) =>
      pageOf(upstream, cursors, page, {
        operation: 'DescribeRegistries',
        input: {},
        scope: 'registries',
        items: (output) => primed(registries.primeRegistries, output.registries),
      }),
    repositories: (registryId, page) =>
      pageOf(upstream, cursors, page, {
        operation: 'DescribeRepositories',
        input: { registryId },
        scope: `repositories:${registryId ?? ''}`,
        items: (output) => primed(primeRepositories, output.repositories),
      }),
    async images({ registryId, repositoryName }, page) {
      const key = { registryId, repositoryName };
      const order = page.orderBy ?? undefined;
      const filter = checkImageFilter(page.filter);
      if (!order && !filter) {
        return pageOf(upstream, cursors, page, {
          operation: 'DescribeImages',
          input: key,
          scope: imagesScope(key),
          items: (output) => primed(images.prime, output.imageDetails),
        });
      }
      const { first, after } = page;
      const cut = await listedPage({
        listing: () => listing(key),
        scope: imagesScope(key),
        first,
        after,
        key: arrangementKey(order, filter),
        arrange: (all) => arrangeImages(all, order, filter),
        codec: cursors,
      });
      images.prime(cut.edges.map((edge) => edge.node));
      return cut;
    },
    ...tags,
    async latestImage(key) {
      const [newest] = (await listing(key)).view(arrangementKey(NEWEST_FIRST, undefined), (all) =>
        arrangeImages(all, NEWEST_FIRST, undefined),
      );
      if (newest) images.prime([newest]);
      return newest ?? null;
    },
    async checkListingCap(key) {
      await listing(key);
    },
  };
}
