/**
 * Every error code a client can meet (../shared/CONTRACT.md "Errors", "Limits" and "HTTP"), listed
 * once, and the GatewayError that carries one. A leaf: it imports nothing of the gateway, so every
 * room can name a code. Reading SDK errors is ecr/sdk-errors.ts's work.
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

export const ErrorCode = {
  REPOSITORY_NOT_FOUND: 'REPOSITORY_NOT_FOUND',
  IMAGE_NOT_FOUND: 'IMAGE_NOT_FOUND',
  REGISTRY_NOT_FOUND: 'REGISTRY_NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNSUPPORTED_COMMAND: 'UNSUPPORTED_COMMAND',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  UPSTREAM_THROTTLED: 'UPSTREAM_THROTTLED',
  UPSTREAM_UNAUTHORIZED: 'UPSTREAM_UNAUTHORIZED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** A query whose estimated upstream cost passes QUERY_MAX_COST (plugins/validation). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A missing or invalid bearer token while authentication is on (plugins/request/use-auth.ts). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** A client past CLIENT_MAX_RPS (plugins/request/use-client-budget.ts). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A request refused at the HTTP layer: not JSON, or too large (plugins/request/use-http-limits.ts). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A documentId or APQ hash the gateway does not know (plugins/documents); APQ clients then send the query. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** PERSISTED_DOCUMENTS_ONLY: a document not in PERSISTED_DOCUMENTS (plugins/documents). */
  PERSISTED_QUERY_ONLY: 'PERSISTED_QUERY_ONLY',
  /**
   * RepositoryCatalogDataNotFoundException. Never reaches a client: `Repository.catalogData` answers
   * null for it (data/batching/repository-details.ts); named so that metrics count it as an answer, not a fault.
   */
  CATALOG_DATA_NOT_FOUND: 'CATALOG_DATA_NOT_FOUND',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What `extensions.aws` says of the upstream failure. */
export interface AwsErrorInfo {
  errorCode: string;
  httpStatusCode: number | null;
  requestId: string | null;
  retryable: boolean;
}

/** What `extensions.registry` says of a registry failure (CONTRACT.md "Image contents"). */
export interface RegistryErrorInfo {
  /** The Distribution error code (`MANIFEST_UNKNOWN`, `TOOMANYREQUESTS`, ...), or the gateway's name of a fault without one. */
  errorCode: string;
  httpStatusCode: number | null;
}

/**
 * A client-facing error. Built with `extensions` and without `originalError`, so that Yoga's
 * error masking lets it through (STACK-NOTES: an AWS `originalError` gets it masked).
 */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;
  readonly aws: AwsErrorInfo | undefined;
  readonly registry: RegistryErrorInfo | undefined;

  constructor(code: ErrorCode, message: string, aws?: AwsErrorInfo, registry?: RegistryErrorInfo) {
    super(message, { extensions: { code, ...(aws ? { aws } : {}), ...(registry ? { registry } : {}) } });
    this.name = 'GatewayError';
    this.code = code;
    this.aws = aws;
    this.registry = registry;
  }
}

export function badUserInput(message: string): GatewayError {
  return new GatewayError(ErrorCode.BAD_USER_INPUT, message);
}

/**
 * A request refused before it reaches execution's data: its code, and the HTTP status (and headers)
 * Yoga answers it with. Yoga reads `extensions.http` and leaves it out of the body.
 */
export function refusal(
  code: ErrorCode,
  message: string,
  status: number,
  headers?: Record<string, string>,
): GraphQLError {
  return createGraphQLError(message, { extensions: { code, http: { status, ...(headers ? { headers } : {}) } } });
}
