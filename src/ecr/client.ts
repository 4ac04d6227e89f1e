/**
 * The one ECR Public client of the process (aws-sdk-js-v3 EFFECTIVE_PRACTICES.md: it owns the
 * connection pool) and the operations the gateway uses. Calls go through upstream.ts, never
 * straight from a resolver.
 */
import {
  DescribeImagesCommand,
  type DescribeImagesCommandInput,
  type DescribeImagesCommandOutput,
  DescribeImageTagsCommand,
  type DescribeImageTagsCommandInput,
  type DescribeImageTagsCommandOutput,
  DescribeRegistriesCommand,
  type DescribeRegistriesCommandInput,
  type DescribeRegistriesCommandOutput,
  DescribeRepositoriesCommand,
  type DescribeRepositoriesCommandInput,
  type DescribeRepositoriesCommandOutput,
  ECRPUBLICClient,
  type ECRPUBLICClientConfig,
  GetRegistryCatalogDataCommand,
  type GetRegistryCatalogDataCommandInput,
  type GetRegistryCatalogDataCommandOutput,
  GetRepositoryCatalogDataCommand,
  type GetRepositoryCatalogDataCommandInput,
  type GetRepositoryCatalogDataCommandOutput,
  ListTagsForResourceCommand,
  type ListTagsForResourceCommandInput,
  type ListTagsForResourceCommandOutput,
} from '@aws-sdk/client-ecr-public';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { answerChecks } from './answer-checks';

/** The read operations the gateway uses, by their AWS names. */
export interface Operations {
  DescribeImages: [DescribeImagesCommandInput, DescribeImagesCommandOutput];
  DescribeImageTags: [DescribeImageTagsCommandInput, DescribeImageTagsCommandOutput];
  DescribeRegistries: [DescribeRegistriesCommandInput, DescribeRegistriesCommandOutput];
  DescribeRepositories: [DescribeRepositoriesCommandInput, DescribeRepositoriesCommandOutput];
  GetRegistryCatalogData: [GetRegistryCatalogDataCommandInput, GetRegistryCatalogDataCommandOutput];
  GetRepositoryCatalogData: [GetRepositoryCatalogDataCommandInput, GetRepositoryCatalogDataCommandOutput];
  ListTagsForResource: [ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput];
}
export type OperationName = keyof Operations;
export type InputOf<Op extends OperationName> = Operations[Op][0];
export type OutputOf<Op extends OperationName> = Operations[Op][1];

export const commands: { [Op in OperationName]: new (input: InputOf<Op>) => object } = {
  DescribeImages: DescribeImagesCommand,
  DescribeImageTags: DescribeImageTagsCommand,
  DescribeRegistries: DescribeRegistriesCommand,
  DescribeRepositories: DescribeRepositoriesCommand,
  GetRegistryCatalogData: GetRegistryCatalogDataCommand,
  GetRepositoryCatalogData: GetRepositoryCatalogDataCommand,
  ListTagsForResource: ListTagsForResourceCommand,
};

export interface ClientOptions {
  region: string;
  /** Deadline of one upstream call, retries included. */
  timeoutMs: number;
  /** The embedded emulator's in-process handler; unset = real HTTP to AWS (or AWS_ENDPOINT_URL_ECR_PUBLIC). */
  requestHandler?: ECRPUBLICClientConfig['requestHandler'];
  /** Tests name the emulator's loopback URL; production leaves it to the SDK (AWS_ENDPOINT_URL_ECR_PUBLIC). */
  endpoint?: string;
  /** Tests pin credentials and attempts; production leaves both to the SDK's default chain. */
  credentials?: ECRPUBLICClientConfig['credentials'];
  maxAttempts?: number;
}

export function createEcrPublicClient(options: ClientOptions): ECRPUBLICClient {
  const requestHandler =
    options.requestHandler ??
    // Without throwOnRequestTimeout, @smithy/node-http-handler 4.x only warns when requestTimeout
    // passes; with it, a stalled attempt fails and the SDK's retry strategy takes over.
    new NodeHttpHandler({
      connectionTimeout: Math.min(options.timeoutMs, 3000),
      requestTimeout: options.timeoutMs,
      throwOnRequestTimeout: true,
    });
  const client = new ECRPUBLICClient({
    region: options.region,
    requestHandler,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  // Every answer is checked against the API model inside `send` (answer-checks.ts), so a malformed
  // one fails the call as the upstream's fault, before a cache, a loader or a resolver reads it.
  client.middlewareStack.use(answerChecks);
  return client;
}
