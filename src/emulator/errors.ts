/**
 * AWS errors as ECR Public's JSON 1.1 endpoint sends them: one class, one name-to-status table, one
 * serializer (`{"__type", "message"}` body plus the `x-amzn-ErrorType` header).
 */

import { modelErrorKind } from '../model';
import { serializeOutput } from './json';

export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * Statuses of the errors the model does not declare but the endpoint answers anyway. Modelled errors
 * take theirs from `smithy.api#error`: client 400, server 500 (awsJson1_1 has no httpError traits).
 */
const UNMODELLED_STATUS: Readonly<Record<string, number>> = {
  // Throttling of AWS JSON services is a 400 (the SDK retries it by name, not by status).
  ThrottlingException: 400,
  // Rejected credentials; the gateway maps any 403 to UPSTREAM_UNAUTHORIZED.
  UnrecognizedClientException: 403,
  // Coral's answers to a request it cannot map to an operation, or whose body it cannot read.
  UnknownOperationException: 400,
  SerializationException: 400,
};

export function statusOf(type: string): number {
  const kind = modelErrorKind(type);
  if (kind) return kind === 'server' ? 500 : 400;
  return UNMODELLED_STATUS[type] ?? 400;
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface WireResponse {
  status: number;
  /** Header names in lower case: the SDK looks `x-amzn-requestid` up verbatim. */
  headers: Record<string, string>;
  body: string;
}

export function jsonResponse(
  status: number,
  payload: Record<string, unknown>,
  requestId: string,
  extra?: Record<string, string>,
) {
  const body = serializeOutput(payload);
  const headers: Record<string, string> = {
    'content-type': JSON_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    'x-amzn-requestid': requestId,
    ...extra,
  };
  return { status, headers, body } satisfies WireResponse;
}

/** The one serializer of errors. */
export function errorResponse(error: AwsError, requestId: string): WireResponse {
  return jsonResponse(statusOf(error.type), { __type: error.type, message: error.message }, requestId, {
    'x-amzn-errortype': error.type,
  });
}
