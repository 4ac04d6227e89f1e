/**
 * A second, independent Federation v2 subgraph for the federation tests: a deployment tracker that
 * knows nothing of ECR Public. It extends `Image` and `Repository` by the gateway's keys, has a
 * Relay-style connection of its own (with its own, shareable `PageInfo`), and a root field that
 * returns `Image` references, so a router must ask the gateway's `_entities` for every image.
 *
 * Built with @apollo/subgraph's buildSubgraphSchema from plain SDL: nothing here depends on src/.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { type GraphQLSchema, parse } from 'graphql';

export const DEPLOYMENTS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  # The gateway's Image, referenced by its key; this subgraph adds what it knows of it.
  type Image @key(fields: "registryId repositoryName imageDigest") {
    registryId: String!
    repositoryName: String!
    imageDigest: String!
    scanFindings: [Finding!]!
    deployments(first: Int, after: String): DeploymentConnection!
  }

  type Repository @key(fields: "registryId repositoryName") {
    registryId: String!
    repositoryName: String!
    deploymentCount: Int!
  }

  type Finding {
    cve: String!
    severity: Severity!
  }

  enum Severity {
    LOW
    HIGH
    CRITICAL
  }

  type Deployment {
    id: ID!
    environment: String!
    image: Image!
  }

  type DeploymentConnection {
    pageInfo: PageInfo!
    edges: [DeploymentEdge!]!
  }

  type DeploymentEdge {
    cursor: String!
    node: Deployment!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Query {
    "Newest first."
    recentDeployments: [Deployment!]!
    deployments(first: Int, after: String): DeploymentConnection!
  }
`;

export interface ImageKey {
  registryId: string;
  repositoryName: string;
  imageDigest: string;
}

export interface DeploymentRecord {
  id: string;
  environment: string;
  image: ImageKey;
}

export interface Finding {
  cve: string;
  severity: 'LOW' | 'HIGH' | 'CRITICAL';
}

/** What the scanner "found" in an image: a pure function of the digest, so tests can predict it. */
export function findingsFor(imageDigest: string): Finding[] {
  const n = Number.parseInt(imageDigest.slice(-2), 16) % 3;
  const severities = ['LOW', 'HIGH', 'CRITICAL'] as const;
  return Array.from({ length: n }, (_, i) => ({
    cve: `CVE-2026-${imageDigest.slice(7, 11)}${i}`,
    severity: severities[i] as Finding['severity'],
  }));
}

export interface DeploymentsSubgraph {
  schema: GraphQLSchema;
  sdl: string;
  /** Every representation this subgraph's `_entities` resolved, in order, by type name. */
  references: { Image: ImageKey[]; Repository: { registryId: string; repositoryName: string }[] };
}

const sameImage = (a: ImageKey, b: ImageKey): boolean =>
  a.registryId === b.registryId && a.repositoryName === b.repositoryName && a.imageDigest === b.imageDigest;

/** A forward page over `items` with offset cursors. */
function page<T>(items: T[], first: number | null | undefined, after: string | null | undefined) {
  const start = after ? Number(after) + 1 : 0;
  const slice = items.slice(start, start + (first ?? 10));
  const edges = slice.map((node, i) => ({ cursor: String(start + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + slice.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export function createDeploymentsSubgraph(deployments: DeploymentRecord[]): DeploymentsSubgraph {
  const references: DeploymentsSubgraph['references'] = { Image: [], Repository: [] };
  const resolvers: GraphQLResolverMap = {
    Query: {
      recentDeployments: () => deployments,
      deployments: (_root, args: { first?: number | null; after?: string | null }) =>
        page(deployments, args.first, args.after),
    },
    Deployment: {
      image: (deployment: DeploymentRecord) => deployment.image,
    },
    Image: {
      __resolveReference: (reference: ImageKey) => {
        references.Image.push(reference);
        return reference;
      },
      scanFindings: (image: ImageKey) => findingsFor(image.imageDigest),
      deployments: (image: ImageKey, args: { first?: number | null; after?: string | null }) =>
        page(
          deployments.filter((deployment) => sameImage(deployment.image, image)),
          args.first,
          args.after,
        ),
    },
    Repository: {
      __resolveReference: (reference: { registryId: string; repositoryName: string }) => {
        references.Repository.push(reference);
        return reference;
      },
      deploymentCount: (repository: { registryId: string; repositoryName: string }) =>
        deployments.filter(
          (deployment) =>
            deployment.image.registryId === repository.registryId &&
            deployment.image.repositoryName === repository.repositoryName,
        ).length,
    },
  };
  return {
    schema: buildSubgraphSchema([{ typeDefs: parse(DEPLOYMENTS_SDL), resolvers }]),
    sdl: DEPLOYMENTS_SDL,
    references,
  };
}
