/**
 * The only code that reads registry failures: the contract's table ("Image contents") as code.
 * A Distribution error body `{"errors": [{"code", "message", "detail"}]}` names the failure; the
 * HTTP status decides where it names none. Every error carries `extensions.registry`
 * `{ errorCode, httpStatusCode }`; nothing the registry wrote reaches a client past 1 KB.
 */
import { ErrorCode, GatewayError } from '../errors';

/** What a registry request is for: the kinds `extensions.cost.registryCalls` counts. */
export type RegistryCallKind = 'token' | 'manifest' | 'blob' | 'tags' | 'referrers';

const byCode: Record<string, ErrorCode> = {
  NAME_UNKNOWN: ErrorCode.REPOSITORY_NOT_FOUND,
  MANIFEST_UNKNOWN: ErrorCode.IMAGE_NOT_FOUND,
  BLOB_UNKNOWN: ErrorCode.IMAGE_NOT_FOUND,
  TOOMANYREQUESTS: ErrorCode.UPSTREAM_THROTTLED,
  UNAUTHORIZED: ErrorCode.UPSTREAM_UNAUTHORIZED,
  DENIED: ErrorCode.UPSTREAM_UNAUTHORIZED,
};

/** A 404 that names no code: what is missing depends on what was asked. */
const missing: Record<RegistryCallKind, ErrorCode> = {
  token: ErrorCode.UPSTREAM_ERROR,
  manifest: ErrorCode.IMAGE_NOT_FOUND,
  blob: ErrorCode.IMAGE_NOT_FOUND,
  tags: ErrorCode.REPOSITORY_NOT_FOUND,
  referrers: ErrorCode.IMAGE_NOT_FOUND,
};

const MAX_TEXT = 1024;
const bounded = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** The first Distribution error of a body, if it has one. */
function distributionError(body: Buffer): { code: string; message: string } | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = Array.isArray(parsed?.errors) ? parsed.errors[0] : undefined;
    if (first && typeof first.code === 'string') {
      return { code: bounded(first.code), message: typeof first.message === 'string' ? bounded(first.message) : '' };
    }
  } catch {
    // not JSON: the status alone speaks
  }
  return undefined;
}

/** A registry answer that is not a success, as the contract's error. */
export function registryHttpError(status: number, body: Buffer, kind: RegistryCallKind, what: string): GatewayError {
  const named = distributionError(body);
  let code: ErrorCode;
  if (status === 429) code = ErrorCode.UPSTREAM_THROTTLED;
  else if (status === 401 || status === 403) code = ErrorCode.UPSTREAM_UNAUTHORIZED;
  else if (status >= 500) code = ErrorCode.UPSTREAM_ERROR;
  else code = (named && byCode[named.code]) ?? (status === 404 ? missing[kind] : ErrorCode.UPSTREAM_ERROR);
  const errorCode = named?.code ?? `HTTP_${status}`;
  const detail = named?.message ? `: ${named.message}` : '';
  return new GatewayError(code, `The registry answered ${status} ${errorCode} for ${what}${detail}`, undefined, {
    errorCode,
    httpStatusCode: status,
  });
}

/** A request that got no answer: a timeout, a refused or dropped connection. */
export function registryNetworkError(error: unknown, what: string): GatewayError {
  const { name, code, cause } = (error ?? {}) as { name?: string; code?: string; cause?: { code?: string } };
  const timedOut = name === 'TimeoutError' && code !== 'ECONNRESET';
  const errorCode = timedOut ? 'Timeout' : (code ?? cause?.code ?? name ?? 'NetworkError');
  return new GatewayError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    timedOut ? `The registry did not answer in time (${what})` : `The registry could not be reached (${what})`,
    undefined,
    { errorCode: bounded(String(errorCode)), httpStatusCode: null },
  );
}

/** An answer the gateway refuses to serve: content whose sha256 is not the digest asked for, or no valid JSON. */
export function registryMalformed(what: string, why: string, status: number | null = 200): GatewayError {
  return new GatewayError(ErrorCode.UPSTREAM_ERROR, `The registry's answer for ${what} ${why}`, undefined, {
    errorCode: why.startsWith('has sha256') ? 'DIGEST_MISMATCH' : 'MalformedAnswer',
    httpStatusCode: status,
  });
}
