/**
 * The only module that reads SDK errors: ../shared/CONTRACT.md "Errors" as code.
 * Every upstream failure becomes a GatewayError carrying `extensions.code` and, where AWS or the
 * network was involved, `extensions.aws`. Following aws-sdk-js-v3's ERROR_HANDLING.md, errors are
 * told apart by `name` (the wire `__type`) and `$metadata`, never by `instanceof` alone: an
 * unmodelled `__type` such as ThrottlingException arrives as the service's base class.
 */
import { type AwsErrorInfo, ErrorCode, GatewayError } from '../errors';

const byName: Record<string, ErrorCode> = {
  RepositoryNotFoundException: ErrorCode.REPOSITORY_NOT_FOUND,
  ImageNotFoundException: ErrorCode.IMAGE_NOT_FOUND,
  RegistryNotFoundException: ErrorCode.REGISTRY_NOT_FOUND,
  RepositoryCatalogDataNotFoundException: ErrorCode.CATALOG_DATA_NOT_FOUND,
  InvalidParameterException: ErrorCode.BAD_USER_INPUT,
  UnsupportedCommandException: ErrorCode.UNSUPPORTED_COMMAND,
  ServerException: ErrorCode.UPSTREAM_ERROR,
  ThrottlingException: ErrorCode.UPSTREAM_THROTTLED,
  ThrottledException: ErrorCode.UPSTREAM_THROTTLED,
  TooManyRequestsException: ErrorCode.UPSTREAM_THROTTLED,
  RequestLimitExceeded: ErrorCode.UPSTREAM_THROTTLED,
  UnrecognizedClientException: ErrorCode.UPSTREAM_UNAUTHORIZED,
  InvalidSignatureException: ErrorCode.UPSTREAM_UNAUTHORIZED,
  AccessDeniedException: ErrorCode.UPSTREAM_UNAUTHORIZED,
  ExpiredTokenException: ErrorCode.UPSTREAM_UNAUTHORIZED,
  MissingAuthenticationTokenException: ErrorCode.UPSTREAM_UNAUTHORIZED,
  CredentialsProviderError: ErrorCode.UPSTREAM_UNAUTHORIZED,
};

/** Node's and Smithy's names for a connection that failed, timed out or was dropped. */
const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);
const networkNames = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'RequestTimeoutException']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

function codeFor(err: SdkLikeError, status: number | undefined): ErrorCode {
  const named = err.name ? byName[err.name] : undefined;
  if (named) return named;
  if (status === 429) return ErrorCode.UPSTREAM_THROTTLED;
  if (status === 401 || status === 403) return ErrorCode.UPSTREAM_UNAUTHORIZED;
  if (status !== undefined && status >= 500) return ErrorCode.UPSTREAM_ERROR;
  if ((err.code && networkCodes.has(err.code)) || (err.name && networkNames.has(err.name))) {
    return ErrorCode.UPSTREAM_UNAVAILABLE;
  }
  if (err.$fault === 'server') return ErrorCode.UPSTREAM_ERROR;
  return ErrorCode.INTERNAL_SERVER_ERROR;
}

const retryableCodes = new Set<ErrorCode>([
  ErrorCode.UPSTREAM_THROTTLED,
  ErrorCode.UPSTREAM_ERROR,
  ErrorCode.UPSTREAM_UNAVAILABLE,
]);

const messages: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.UPSTREAM_ERROR]: 'ECR Public failed to answer',
  [ErrorCode.UPSTREAM_THROTTLED]: 'ECR Public throttled the request; retry later',
  [ErrorCode.UPSTREAM_UNAUTHORIZED]: 'The gateway could not authenticate to ECR Public',
  [ErrorCode.UPSTREAM_UNAVAILABLE]: 'ECR Public did not answer in time',
};

/** What really failed on the way to ECR Public, by Node's error code; a timeout otherwise. */
const networkMessages: Record<string, string> = {
  ENOTFOUND: "ECR Public's host name could not be resolved (DNS)",
  EAI_AGAIN: "ECR Public's host name could not be resolved (DNS)",
  ECONNREFUSED: 'ECR Public refused the connection',
  ECONNRESET: 'The connection to ECR Public was dropped',
  ECONNABORTED: 'The connection to ECR Public was dropped',
  EPIPE: 'The connection to ECR Public was dropped',
  UND_ERR_SOCKET: 'The connection to ECR Public was dropped',
  EHOSTUNREACH: "ECR Public's network could not be reached",
  ENETUNREACH: "ECR Public's network could not be reached",
};

/**
 * Turns whatever an upstream call threw into the error a client sees. Anything the contract's
 * table does not name stays a plain Error, which Yoga masks as INTERNAL_SERVER_ERROR.
 */
export function toGatewayError(thrown: unknown, operation: string): GatewayError | Error {
  if (thrown instanceof GatewayError) return thrown;
  // Not `instanceof Error`: an abort's DOMException, or an error from another realm, is not one.
  if (typeof thrown !== 'object' || thrown === null) return new Error(`non-error thrown by ${operation}`);
  const err = thrown as Error & SdkLikeError;
  const status = err.$metadata?.httpStatusCode;
  const code = codeFor(err, status);
  if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
    return err instanceof Error ? err : new Error(String((thrown as SdkLikeError).message));
  }
  const aws: AwsErrorInfo = {
    errorCode: err.name === 'Error' && err.code ? err.code : (err.name ?? 'Error'),
    httpStatusCode: status ?? null,
    requestId: err.$metadata?.requestId ?? null,
    retryable: retryableCodes.has(code),
  };
  // AWS's own wording is the most useful for what the caller asked for; for faults of the
  // upstream or the network it says nothing a client can act on, so say it in our words.
  const generic = (code === ErrorCode.UPSTREAM_UNAVAILABLE && err.code && networkMessages[err.code]) || messages[code];
  const message = generic ? `${generic} (${operation}: ${aws.errorCode})` : err.message;
  return new GatewayError(code, message, aws);
}
