/**
 * The tag half of the data source (source.ts): `imageTags` pages DescribeImageTags one call a
 * page; with `orderBy` or `filter` it cuts pages out of the whole tag listing (listings/), which
 * `latestVersion` reads too. The version rules are listings/tag-versions.ts.
 */
import type { ImageTagDetail } from '@aws-sdk/client-ecr-public';
import type { RequestUpstream } from '../ecr/guard/upstream';
import type { RepositoryKey } from './batching/refs';
import type { TagListings } from './listings/tag-listing';
import {
  arrangeTags,
  checkPrefix,
  checkTagFilter,
  highestVersion,
  type TagFilterValue,
  type TagOrderValue,
  tagArrangementKey,
} from './listings/tag-versions';
import { type PageArgs, pageOf } from './pages';
import type { CursorCodec } from './paging/cursors';
import type { Connection } from './paging/forward-page';
import { listedPage } from './paging/listed-page';

export interface TagPageArgs extends PageArgs {
  orderBy?: TagOrderValue | null | undefined;
  filter?: TagFilterValue | null | undefined;
}

/** A tag of a repository: DescribeImageTags' detail and the repository it belongs to. */
export interface RepositoryTag extends RepositoryKey {
  detail: ImageTagDetail;
}

export interface TagSource {
  /** ECR Public's own order at one call a page; with `orderBy` or `filter`, a cut of the whole tag listing. */
  imageTags(repository: RepositoryKey, page: TagPageArgs): Promise<Connection<RepositoryTag>>;
  /** The tag of the highest version (tag-versions.ts), from the whole tag listing; null if none. */
  latestVersion(repository: RepositoryKey, prefix: string, includePrerelease: boolean): Promise<RepositoryTag | null>;
}

export interface TagSourceDeps {
  upstream: RequestUpstream;
  cursors: CursorCodec;
  tagListings: TagListings;
}

const tagsScope = ({ registryId, repositoryName }: RepositoryKey): string =>
  `image-tags:${registryId}/${repositoryName}`;

const tagOf =
  ({ registryId, repositoryName }: RepositoryKey) =>
  (detail: ImageTagDetail): RepositoryTag => ({ detail, registryId, repositoryName });

export function createTagSource({ upstream, cursors, tagListings }: TagSourceDeps): TagSource {
  const tagListing = (key: RepositoryKey) => tagListings.get(key.registryId, key.repositoryName, upstream);
  return {
    async imageTags({ registryId, repositoryName }, page) {
      const key = { registryId, repositoryName };
      const order = page.orderBy ?? undefined;
      const filter = checkTagFilter(page.filter);
      if (!order && !filter) {
        return pageOf(upstream, cursors, page, {
          operation: 'DescribeImageTags',
          input: key,
          scope: tagsScope(key),
          items: (output) => (output.imageTagDetails ?? []).map(tagOf(key)),
        });
      }
      const cut = await listedPage({
        listing: () => tagListing(key),
        scope: tagsScope(key),
        first: page.first,
        after: page.after,
        key: tagArrangementKey(order, filter),
        arrange: (all) => arrangeTags(all, order, filter),
        noun: 'tags',
        codec: cursors,
      });
      return { ...cut, edges: cut.edges.map((edge) => ({ cursor: edge.cursor, node: tagOf(key)(edge.node) })) };
    },
    async latestVersion(key, prefix, includePrerelease) {
      checkPrefix(prefix);
      const view = (await tagListing(key)).view(JSON.stringify(['latest', prefix, includePrerelease]), (all) => {
        const best = highestVersion(all, prefix, includePrerelease);
        return best ? [best] : [];
      });
      return view[0] ? tagOf(key)(view[0]) : null;
    },
  };
}
