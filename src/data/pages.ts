/**
 * ECR Public's four paged listings (DescribeRegistries, DescribeRepositories, DescribeImages,
 * DescribeImageTags) as one: each says what it calls, with what, under which cursor scope and where
 * its items are; `pageOf` turns `first`/`after` into that call's `maxResults`/`nextToken`
 * (paging/forward-page.ts).
 */
import type { InputOf, OperationName, OutputOf } from '../ecr/client';
import type { RequestUpstream } from '../ecr/guard/upstream';
import type { CursorCodec } from './paging/cursors';
import { type Connection, forwardPage } from './paging/forward-page';

type PagedOperation = Extract<
  OperationName,
  'DescribeRegistries' | 'DescribeRepositories' | 'DescribeImages' | 'DescribeImageTags'
>;

/** `first` and `after`, as a connection field takes them. */
export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

export interface PagedListing<Op extends PagedOperation, T> {
  operation: Op;
  /** The call's input but for the page: `maxResults` and `nextToken` come from `first` and `after`. */
  input: Omit<InputOf<Op>, 'maxResults' | 'nextToken'>;
  /** Names the listing; a cursor of another listing is refused. */
  scope: string;
  /** The page's items, from one answer. */
  items(output: OutputOf<Op>): T[];
}

export function pageOf<Op extends PagedOperation, T>(
  upstream: RequestUpstream,
  codec: CursorCodec,
  page: PageArgs,
  listing: PagedListing<Op, T>,
): Promise<Connection<T>> {
  return forwardPage({
    first: page.first,
    after: page.after,
    scope: listing.scope,
    codec,
    fetch: async (token, maxResults) => {
      const input = { ...listing.input, maxResults, ...(token ? { nextToken: token } : {}) } as InputOf<Op>;
      const output = await upstream.send(listing.operation, input);
      return { items: listing.items(output), nextToken: output.nextToken ?? null };
    },
  });
}
