/** Paging an ordered or filtered image listing through the gateway, for the ordering tests. */
import { dataOf } from './data';
import { digestOf } from './fixture';
import type { GraphQLResponse, Stack } from './stack';

export const PAGE = `query($name: String!, $first: Int, $after: String, $orderBy: ImageOrder, $filter: ImageFilter) {
  repository(name: $name) {
    images(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
      edges { cursor node { imageDigest imageTags } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}`;

export interface ImagesPage {
  edges: { cursor: string; node: { imageDigest: string; imageTags: string[] } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export const pageOf = (response: GraphQLResponse): ImagesPage =>
  dataOf<{ images: ImagesPage }>(response, 'repository').images;

export const NEWEST_FIRST = { field: 'PUSHED_AT', direction: 'DESC' };
export const big = (i: number) => digestOf(`big/listing#${i}`);

/** Every page of a listing, as `edges`' digests, and how many pages it took. */
export async function walk(
  stack: Stack,
  variables: Record<string, unknown>,
): Promise<{ digests: string[]; pages: number }> {
  const digests: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const response = await stack.query(PAGE, { ...variables, after });
    expect(response.errors).toBeUndefined();
    const page = pageOf(response);
    digests.push(...page.edges.map((edge) => edge.node.imageDigest));
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    pages++;
  } while (after);
  return { digests, pages };
}
