/**
 * The one ECR Public client of the process and the wrapper every upstream call goes through.
 * The wrapper sets the call's deadline (retries included) and turns whatever the SDK throws into
 * the contract's errors (errors.ts); resolvers never call the client themselves.
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
import { toGatewayError } from './errors';

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

const commands: { [Op in OperationName]: new (input: InputOf<Op>) => object } = {
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
  /** Tests pin credentials and attempts; production leaves both to the SDK's default chain. */
  credentials?: ECRPUBLICClientConfig['credentials'];
  maxAttempts?: number;
}

/** One client per process (aws-sdk-js-v3 EFFECTIVE_PRACTICES.md): it owns the connection pool. */
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
  return new ECRPUBLICClient({
    region: options.region,
    requestHandler,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
}

/** What one GraphQL request cost upstream; filled by the wrapper. */
export interface CallStats {
  upstreamCalls: Record<string, number>;
  retries: number;
}

export function createCallStats(): CallStats {
  return { upstreamCalls: {}, retries: 0 };
}

export interface Upstream {
  send<Op extends OperationName>(operation: Op, input: InputOf<Op>, stats?: CallStats): Promise<OutputOf<Op>>;
}

interface SendableClient {
  send(command: object, options: { abortSignal: AbortSignal }): Promise<unknown>;
}

/** The wrapper every upstream call goes through: deadline, accounting, error mapping. */
export function createUpstream(client: ECRPUBLICClient, options: { timeoutMs: number }): Upstream {
  const sendable = client as unknown as SendableClient;
  return {
    async send(operation, input, stats) {
      const Command = commands[operation] as new (input: unknown) => object;
      if (stats) stats.upstreamCalls[operation] = (stats.upstreamCalls[operation] ?? 0) + 1;
      try {
        const output = (await sendable.send(new Command(input), {
          abortSignal: AbortSignal.timeout(options.timeoutMs),
        })) as OutputOf<typeof operation>;
        if (stats) stats.retries += Math.max(0, (output.$metadata.attempts ?? 1) - 1);
        return output;
      } catch (err) {
        const attempts = (err as { $metadata?: { attempts?: number } }).$metadata?.attempts;
        if (stats && attempts) stats.retries += Math.max(0, attempts - 1);
        throw toGatewayError(err, operation);
      }
    },
  };
}
