/**
 * The only module that reads SDK errors: ../shared/CONTRACT.md "Errors" as code.
 * Every upstream failure becomes a GatewayError carrying `extensions.code` and, where AWS or the
 * network was involved, `extensions.aws`. Following aws-sdk-js-v3's ERROR_HANDLING.md, errors are
 * told apart by `name` (the wire `__type`) and `$metadata`, never by `instanceof` alone: an
 * unmodelled `__type` such as ThrottlingException arrives as the service's base class.
 * A malformed answer (a body that is no JSON, a wrong type, an error type no table names) is the
 * upstream's fault, UPSTREAM_ERROR, whatever the status says it is not; and nothing AWS wrote
 * reaches a client or a log longer than MAX_AWS_TEXT.
 */
import { type AwsErrorInfo, ErrorCode, GatewayError } from '../errors';
import { MALFORMED_ANSWER, type MalformedAnswerError } from './answers';

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

/** The most characters of AWS's own text (a message, an error type, a request id) passed on. */
export const MAX_AWS_TEXT = 1024;

function bounded(text: string, max = MAX_AWS_TEXT): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]$/.test(text.slice(0, max - 1)) ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * What makes the answer malformed, when it is: our own check of it (answers.ts), a body the SDK
 * could not parse (its deserializer hangs the raw response on the error as `$response`, and sets
 * no `$fault`), or an error answer whose `__type` the table above does not know.
 */
function malformation(err: SdkLikeError, status: number | undefined): string | undefined {
  if (err.name === MALFORMED_ANSWER) return (err as MalformedAnswerError).detail;
  if (status === undefined) return undefined;
  if (!err.$fault && '$response' in err) {
    // JSON.parse's message quotes the body; the SDK's type errors say only what they expected.
    if (err.name === 'SyntaxError') return `HTTP ${status} with a body that is no JSON`;
    return `HTTP ${status} with a member of the wrong type (${bounded(String(err.message).split('\n')[0] ?? '', 200)})`;
  }
  // A 5xx of a type no table names is still a server error (InternalFailure, ServiceUnavailable).
  if (err.$fault && status < 500 && !(err.name && Object.hasOwn(byName, err.name))) {
    return err.name && err.name !== 'Unknown'
      ? `HTTP ${status} with the unknown error type ${bounded(err.name, 128)}`
      : `HTTP ${status} with no error type`;
  }
  return undefined;
}

function codeFor(err: SdkLikeError, status: number | undefined, malformed: boolean): ErrorCode {
  const named = err.name && Object.hasOwn(byName, err.name) ? byName[err.name] : undefined;
  if (named) return named;
  if (status === 429) return ErrorCode.UPSTREAM_THROTTLED;
  if (status === 401 || status === 403) return ErrorCode.UPSTREAM_UNAUTHORIZED;
  if (status !== undefined && status >= 500) return ErrorCode.UPSTREAM_ERROR;
  if ((err.code && networkCodes.has(err.code)) || (err.name && networkNames.has(err.name))) {
    return ErrorCode.UPSTREAM_UNAVAILABLE;
  }
  if (malformed || err.$fault === 'server') return ErrorCode.UPSTREAM_ERROR;
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
  const malformed = malformation(err, status);
  const code = codeFor(err, status, malformed !== undefined);
  if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
    return err instanceof Error ? err : new Error(String((thrown as SdkLikeError).message));
  }
  const unparsed = malformed !== undefined && !err.$fault;
  const requestId = err.$metadata?.requestId;
  const aws: AwsErrorInfo = {
    errorCode: bounded(
      unparsed ? MALFORMED_ANSWER : err.name === 'Error' && err.code ? err.code : (err.name ?? 'Error'),
      128,
    ),
    httpStatusCode: status ?? null,
    requestId: requestId ? bounded(requestId, 128) : null,
    retryable: retryableCodes.has(code),
  };
  if (code === ErrorCode.UPSTREAM_ERROR && malformed !== undefined) {
    return new GatewayError(code, `ECR Public sent a malformed answer (${operation}: ${bounded(malformed, 512)})`, aws);
  }
  // AWS's own wording is the most useful for what the caller asked for; for faults of the
  // upstream or the network it says nothing a client can act on, so say it in our words.
  const generic = (code === ErrorCode.UPSTREAM_UNAVAILABLE && err.code && networkMessages[err.code]) || messages[code];
  const message = generic ? `${generic} (${operation}: ${aws.errorCode})` : bounded(String(err.message ?? ''));
  return new GatewayError(code, message, aws);
}
