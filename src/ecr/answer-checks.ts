/**
 * The answer checks of answers.ts as an SDK Pluggable on the one client (client.ts), so that every
 * call, whoever sends it, is checked inside its `send`: the guarded call (guard/guarded-call.ts)
 * then sees a malformed answer as a thrown error and counts it as the upstream's fault.
 * - Innermost (deserialize step, low priority: right after the HTTP handler, before the SDK parses):
 *   a 2xx body must be a JSON object. AWS JSON 1.1 answers nothing else, and the SDK reads `null`,
 *   `[]` or an empty body as `{}`, an empty page with no error. A body past EARLY_PAGE_CHECK_BYTES
 *   has its page size checked here: JSON.parse reads 17 MB (190k images) in 50 ms, where the SDK's
 *   schema deserializer takes over a second to build the objects that the page bound then refuses.
 * - Outermost (initialize step: after the SDK's retries and parsing): the output against the
 *   model's shape of it.
 */
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-ecr-public';
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  Pluggable,
} from '@smithy/types';
import { type AnswerMetadata, answerProblem, MalformedAnswerError, pageProblem } from './answers';

interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

/** `DescribeImagesCommand` -> `DescribeImages`. */
const operationOf = (context: HandlerExecutionContext): string => (context.commandName ?? '').replace(/Command$/, '');

/** The body as bytes: the in-process handler's already are; a socket's stream is read whole, as the SDK would. */
async function bytesOf(body: unknown): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Past this, a body's page size is checked before the SDK deserializes it; a 1000-image page is about 400 KB. */
const EARLY_PAGE_CHECK_BYTES = 1024 * 1024;

/** The page bound of answers.ts on the raw body; a body that is no JSON is left to the SDK to refuse. */
function earlyPageProblem(operation: string, input: unknown, bytes: Uint8Array): string | undefined {
  if (bytes.length <= EARLY_PAGE_CHECK_BYTES) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  return pageProblem(operation, input, parsed);
}

/** Whether the first byte past JSON's white space opens an object. */
function opensObject(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b;
  }
  return false;
}

function metadataOf(response: RawResponse): AnswerMetadata {
  const requestId = response.headers['x-amzn-requestid'] ?? response.headers['x-amz-request-id'];
  return { httpStatusCode: response.statusCode, ...(requestId ? { requestId } : {}) };
}

const objectBody =
  (next: DeserializeHandler<ServiceInputTypes, ServiceOutputTypes>, context: HandlerExecutionContext) =>
  async (args: DeserializeHandlerArguments<ServiceInputTypes>) => {
    const result = await next(args);
    const response = result.response as RawResponse;
    if (response.statusCode < 200 || response.statusCode >= 300) return result;
    const bytes = await bytesOf(response.body);
    if (!bytes) return result;
    response.body = bytes;
    const operation = operationOf(context);
    if (!opensObject(bytes)) {
      const what = bytes.length === 0 ? 'an empty body' : 'a body that is no JSON object';
      throw new MalformedAnswerError(operation, `HTTP ${response.statusCode} with ${what}`, metadataOf(response));
    }
    const oversized = earlyPageProblem(operation, args.input, bytes);
    if (oversized) throw new MalformedAnswerError(operation, oversized, metadataOf(response));
    return result;
  };

const shapeCheck =
  (next: InitializeHandler<ServiceInputTypes, ServiceOutputTypes>, context: HandlerExecutionContext) =>
  async (args: InitializeHandlerArguments<ServiceInputTypes>) => {
    const result = await next(args);
    const operation = operationOf(context);
    const problem = answerProblem(operation, args.input, result.output);
    if (problem) {
      const { $metadata } = result.output as { $metadata?: AnswerMetadata };
      throw new MalformedAnswerError(operation, problem, $metadata ?? {});
    }
    return result;
  };

export const answerChecks: Pluggable<ServiceInputTypes, ServiceOutputTypes> = {
  applyToStack(stack) {
    stack.add(objectBody, { step: 'deserialize', priority: 'low', name: 'ecrAnswerBodyCheck' });
    stack.add(shapeCheck, { step: 'initialize', priority: 'low', name: 'ecrAnswerShapeCheck' });
  },
};
