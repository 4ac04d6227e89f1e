/**
 * The benchmark's GraphQL peer: a well-built hand-written GraphQL server, Fastify + Mercurius with
 * graphql-jit (every document compiled from its first use) and a per-request, per-repository
 * DataLoader for image lookups, over the same SDK and ECR Public endpoint (AWS_ENDPOINT_URL_ECR_PUBLIC).
 * It answers the scenarios' queries with the same shapes as the gateway; it has no cache, no rate
 * limit, no limits on queries and does not look repositories up: one DescribeImages per page, one
 * per 100 lookups of a repository. What the gateway must lead.
 *
 * PORT (0 = any free port); prints `peer listening on http://127.0.0.1:<port>`.
 */
import { DescribeImagesCommand, ECRPUBLICClient, type ImageDetail } from '@aws-sdk/client-ecr-public';
import DataLoader from 'dataloader';
import Fastify from 'fastify';
import mercurius, { type IResolvers } from 'mercurius';

const client = new ECRPUBLICClient({ region: process.env.AWS_REGION ?? 'us-east-1' });

const schema = `
  type Image {
    imageDigest: String!
    imageTags: [String!]!
    imageSizeInBytes: Float
    imagePushedAt: String
    imageManifestMediaType: String
    artifactMediaType: String
  }
  type ImageEdge { cursor: String! node: Image! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type ImageConnection { edges: [ImageEdge!]! pageInfo: PageInfo! }
  type Repository {
    repositoryName: String!
    images(first: Int = 100, after: String): ImageConnection!
    image(tag: String!): Image
  }
  type Query { repository(name: String!): Repository }
`;

interface Context {
  lookups: Map<string, DataLoader<string, ImageDetail | null>>;
}

const image = (detail: ImageDetail) => ({
  ...detail,
  imageTags: detail.imageTags ?? [],
  imagePushedAt: detail.imagePushedAt?.toISOString() ?? null,
});

function lookupsOf(context: Context, repositoryName: string): DataLoader<string, ImageDetail | null> {
  let loader = context.lookups.get(repositoryName);
  if (!loader) {
    loader = new DataLoader(
      async (tags: readonly string[]) => {
        const output = await client.send(
          new DescribeImagesCommand({ repositoryName, imageIds: tags.map((imageTag) => ({ imageTag })) }),
        );
        const byTag = new Map<string, ImageDetail>();
        for (const detail of output.imageDetails ?? [])
          for (const tag of detail.imageTags ?? []) byTag.set(tag, detail);
        return tags.map((tag) => byTag.get(tag) ?? null);
      },
      { maxBatchSize: 100 },
    );
    context.lookups.set(repositoryName, loader);
  }
  return loader;
}

const resolvers = {
  Query: {
    repository: (_: unknown, args: { name: string }) => ({ repositoryName: args.name }),
  },
  Repository: {
    images: async (repo: { repositoryName: string }, args: { first: number; after?: string | null }) => {
      const output = await client.send(
        new DescribeImagesCommand({
          repositoryName: repo.repositoryName,
          maxResults: args.first,
          ...(args.after ? { nextToken: args.after } : {}),
        }),
      );
      const nextToken = output.nextToken ?? null;
      // A resumable cursor per edge: where the page started and the edge's place in it.
      const start = args.after ?? '';
      return {
        edges: (output.imageDetails ?? []).map((detail, i) => ({
          cursor: Buffer.from(`${start}#${i}`).toString('base64url'),
          node: image(detail),
        })),
        pageInfo: { hasNextPage: nextToken !== null, endCursor: nextToken },
      };
    },
    image: async (repo: { repositoryName: string }, args: { tag: string }, context: Context) => {
      const detail = await lookupsOf(context, repo.repositoryName).load(args.tag);
      return detail ? image(detail) : null;
    },
  },
};

const app = Fastify({ logger: false });
void app.register(mercurius, {
  schema,
  // Mercurius types a resolver's context as its own; ours adds the loaders its context() returns.
  resolvers: resolvers as unknown as IResolvers,
  jit: 1,
  context: (): Context => ({ lookups: new Map() }),
});
app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).then(
  (address: string) => console.log(`peer listening on ${address}`),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
const stop = (): void => {
  void app.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
