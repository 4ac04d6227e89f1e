/**
 * What ECR Public answers, checked against the API model's output shapes before anything reads it
 * (../shared/CONTRACT.md "Limits (addendum)": a malformed upstream answer is UPSTREAM_ERROR): lists
 * are lists, structures objects, strings strings, sizes integers, timestamps dates, required
 * members present, and every list and string within the length the model gives it. A page holds at
 * most `maxResults` items (the model's 1000 when the call names none). Members the model does not
 * know are let through: AWS adds members, and Smithy clients must tolerate them; enum values alike.
 * The SDK itself checks little: `{"imageDetails":"notalist"}` or `{"imageDigest":5}` reach its
 * output as they are (aws-sdk-js-v3 3.1108's schema serde), and a `null` body arrives as `{}`.
 */
import { type ModelOperation, modelOperation, modelShape } from '../model';

/** `name` of the error a malformed answer raises, and `extensions.aws.errorCode` of what it becomes. */
export const MALFORMED_ANSWER = 'MalformedAnswer';

/** What `$metadata` an SDK error carries, kept so that attempts and request ids are still accounted. */
export interface AnswerMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/** Raised inside the SDK call, so the guarded call counts it as the upstream's fault. */
export class MalformedAnswerError extends Error {
  readonly $metadata: AnswerMetadata;

  constructor(
    readonly operation: string,
    /** What is wrong, e.g. `imageDetails is a string, not a list`. */
    readonly detail: string,
    metadata: AnswerMetadata,
  ) {
    super(`ECR Public sent a malformed answer (${operation}: ${detail})`);
    this.name = MALFORMED_ANSWER;
    this.$metadata = metadata;
  }
}

/** What is wrong, and where: the path is filled in on the way out, so a fitting answer builds no strings. */
interface Problem {
  path: (string | number)[];
  what: string;
}
type Check = (value: unknown) => Problem | undefined;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const problem = (what: string): Problem => ({ path: [], what });
const not = (value: unknown, expected: string): Problem => problem(`is ${kindOf(value)}, not ${expected}`);
const within = (at: string | number, found: Problem | undefined): Problem | undefined => {
  found?.path.unshift(at);
  return found;
};
const tooLong = (size: number, max: number | undefined, unit: string): Problem | undefined =>
  max !== undefined && size > max ? problem(`has ${size} ${unit}, more than ${max}`) : undefined;

/** One check per shape, built on first use: the model is walked once, not once per answer. */
const checks = new Map<string, Check>();

function checkOf(name: string): Check {
  let check = checks.get(name);
  if (!check) {
    // Registered before it is built, for shapes that contain themselves.
    checks.set(name, (value) => (checks.get(name) as Check)(value));
    check = build(name);
    checks.set(name, check);
  }
  return check;
}

function build(name: string): Check {
  const shape = modelShape(name);
  switch (shape.type) {
    case 'structure': {
      const members = Object.entries(shape.members ?? {}).map(([member, m]) => ({
        member,
        ...m,
        check: checkOf(m.target),
      }));
      return (value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return not(value, 'an object');
        for (const { member, required, check } of members) {
          const v = (value as Record<string, unknown>)[member];
          // In AWS JSON a null member is an absent one (Smithy's JSON protocols say so).
          if (v === undefined || v === null) {
            if (required) return within(member, problem('is missing'));
            continue;
          }
          const found = check(v);
          if (found) return within(member, found);
        }
        return undefined;
      };
    }
    case 'list': {
      const item = checkOf(shape.member as string);
      const max = shape.length?.max;
      return (value) => {
        if (!Array.isArray(value)) return not(value, 'a list');
        const long = tooLong(value.length, max, 'items');
        if (long) return long;
        for (let i = 0; i < value.length; i++) {
          const found = item(value[i]);
          if (found) return within(i, found);
        }
        return undefined;
      };
    }
    case 'string':
    case 'enum': {
      const max = shape.length?.max;
      return (value) => (typeof value === 'string' ? tooLong(value.length, max, 'characters') : not(value, 'a string'));
    }
    case 'integer':
    case 'long':
      return (value) => (Number.isSafeInteger(value) ? undefined : not(value, 'an integer'));
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? undefined : not(value, 'a boolean'));
    case 'timestamp':
      // The SDK turns the wire's epoch seconds into a Date; the wire form is accepted too.
      return (value) => {
        if (value instanceof Date) return Number.isNaN(value.getTime()) ? problem('is an invalid date') : undefined;
        return Number.isFinite(value) ? undefined : not(value, 'a timestamp');
      };
    case 'blob':
      return (value) => (typeof value === 'string' || value instanceof Uint8Array ? undefined : not(value, 'a blob'));
  }
}

/** `imageDetails[3].imageTags is a string, not a list`. */
function describe({ path, what }: Problem): string {
  let at = '';
  for (const part of path) at += typeof part === 'number' ? `[${part}]` : at ? `.${part}` : part;
  return `${at || 'the answer'} ${what}`;
}

/** The most items one page may hold: the call's `maxResults`, else the most the model allows. */
function pageLimit(op: ModelOperation, input: unknown): number {
  const pageSize = op.paginated?.pageSize ?? '';
  const asked = (input as Record<string, unknown> | undefined)?.[pageSize];
  if (typeof asked === 'number' && asked > 0) return asked;
  const target = modelShape(op.input).members?.[pageSize]?.target;
  return (target && modelShape(target).range?.max) || Number.POSITIVE_INFINITY;
}

/** Whether the page of `output` holds more items than `input` asked for; undefined when not. */
export function pageProblem(operation: string, input: unknown, output: unknown): string | undefined {
  const op = modelOperation(operation);
  const items = op?.paginated?.items;
  if (!op || !items || typeof output !== 'object' || output === null) return undefined;
  const page = (output as Record<string, unknown>)[items];
  const limit = pageLimit(op, input);
  return Array.isArray(page) && page.length > limit
    ? `${items} has ${page.length} items, more than maxResults (${limit})`
    : undefined;
}

/**
 * What is wrong with `output` as the answer of `operation` to `input`; undefined when nothing is.
 * The page's size is checked before its items, so an answer of 190k items costs one comparison.
 */
export function answerProblem(operation: string, input: unknown, output: unknown): string | undefined {
  const op = modelOperation(operation);
  if (!op) return undefined;
  const oversized = pageProblem(operation, input, output);
  if (oversized) return oversized;
  const found = checkOf(op.output)(output);
  return found && describe(found);
}
