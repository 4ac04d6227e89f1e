/**
 * One call from request to response, whichever transport brought it: route, read the body, apply
 * faults, check the access key, run the operation, serialize, record in the call log.
 */
import { randomUUID } from 'node:crypto';
import { checkAccessKey, unrecognizedClient } from './auth';
import type { RecordingCallLog } from './call-log';
import { AwsError, errorResponse, JSON_CONTENT_TYPE, jsonResponse } from './errors';
import type { FailKind, FaultInjector, RawAnswer } from './faults';
import { isRegistryPath, type RegistryHandle } from './registry/serve';
import { type Route, route } from './router';
import type { Store } from './store';
import { abortableDelay, createDropError } from './transport-errors';
import type { EmulatorRequest, EmulatorResponse } from './types';

export interface HandleDeps {
  store: Store;
  /** The registry's requests (src/emulator/registry/serve.ts). */
  registry?: RegistryHandle;
  faults: FaultInjector;
  calls: RecordingCallLog;
  acceptedAccessKeyIds?: ReadonlySet<string>;
}

type Named = Exclude<Extract<FailKind, string>, 'drop'>;

function injected(kind: Named): AwsError {
  switch (kind) {
    case 'ServerException':
      return new AwsError('ServerException', 'An internal error occurred on the server (injected fault).');
    case 'ThrottlingException':
      return new AwsError('ThrottlingException', 'Rate exceeded');
    case 'UnrecognizedClientException':
      return unrecognizedClient();
  }
}

/** A raw answer as given; its call's outcome is `raw <status>`. */
function rawResponse(raw: RawAnswer, requestId: string): EmulatorResponse {
  return {
    status: raw.status ?? 200,
    headers: {
      'content-type': raw.contentType ?? JSON_CONTENT_TYPE,
      'content-length': String(Buffer.byteLength(raw.body)),
      'x-amzn-requestid': requestId,
      ...raw.headers,
    },
    body: raw.body,
  };
}

function routeOf(req: EmulatorRequest, target: string | undefined): Route {
  const path = req.path.split('?')[0];
  if (req.method.toUpperCase() === 'POST' && path === '/') return route(target);
  // Coral answers a request it cannot map to an operation alike, whatever part of it is wrong.
  const error = new AwsError('UnknownOperationException', `Unknown operation: ${req.method} ${path}`);
  return {
    operation: route(target).operation,
    handler: () => {
      throw error;
    },
  };
}

/** The body as JSON; an empty body is an empty input, as the SDK sends `{}`. */
function parseBody(body: Uint8Array | string): unknown {
  const text =
    typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return new AwsError('SerializationException', 'Unable to parse the request body as JSON');
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

export function createHandle({ store, faults, calls, acceptedAccessKeyIds, registry }: HandleDeps) {
  return async function handle(req: EmulatorRequest, signal?: AbortSignal): Promise<EmulatorResponse> {
    const at = Date.now();
    const headers = lowerCaseKeys(req.headers);
    if (registry && isRegistryPath(req.path.split('?')[0] ?? '')) return registry(req, headers, signal);
    const { operation, handler } = routeOf(req, headers['x-amz-target']);
    const parsed = parseBody(req.body);
    const input = parsed instanceof AwsError ? undefined : parsed;
    const call = calls.begin(operation, input, at);
    const requestId = randomUUID();
    const fail = (error: AwsError) => {
      call.outcome = error.type;
      return errorResponse(error, requestId);
    };

    const decision = faults.decide(operation, at);
    if (decision.delayMs > 0 || signal?.aborted) {
      try {
        await abortableDelay(decision.delayMs, signal);
      } catch (error) {
        call.outcome = 'aborted';
        throw error;
      }
    }
    if (decision.fail === 'drop') {
      call.outcome = 'drop';
      throw createDropError();
    }
    if (typeof decision.fail === 'object') {
      call.outcome = `raw ${decision.fail.raw.status ?? 200}`;
      return rawResponse(decision.fail.raw, requestId);
    }
    if (decision.fail) return fail(injected(decision.fail));
    try {
      checkAccessKey(headers.authorization, acceptedAccessKeyIds);
      if (parsed instanceof AwsError) throw parsed;
      const output = handler(input, store);
      call.outcome = 'ok';
      return jsonResponse(200, output, requestId);
    } catch (error) {
      if (error instanceof AwsError) return fail(error);
      // A bug of the emulator: answered as AWS answers its own, with the declared ServerException.
      return fail(new AwsError('ServerException', `Internal error: ${(error as Error).message}`));
    }
  };
}
