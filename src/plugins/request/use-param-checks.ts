/**
 * The GraphQL request's parameters checked as soon as they are read (GET or POST), before any
 * other plugin uses them: `query` and `operationName` strings, `variables` and `extensions`
 * objects, none nested deeper than MAX_PARAM_DEPTH. Otherwise HTTP 400 BAD_REQUEST, as
 * GraphQL over HTTP has it. Yoga checks the types too, but after every plugin's `onParams`: a
 * numeric `operationName` reached the response cache's key (a TypeError), and variables nested
 * 200,000 deep its JSON.stringify (a RangeError): both were a 200 INTERNAL_SERVER_ERROR with a
 * stack in the log. Yoga never checked `operationName` at all.
 */
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, refusal } from '../../errors';

/**
 * Deepest `variables` or `extensions` value: an object or list counts a level. The schema's inputs
 * nest a few levels; JSON.parse takes any depth, but recursive code after it (JSON.stringify,
 * input coercion) overflows the stack somewhere past a few thousand.
 */
export const MAX_PARAM_DEPTH = 32;

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function badRequest(message: string): never {
  throw refusal(ErrorCode.BAD_REQUEST, message, 400);
}

/** Whether `value` nests deeper than `max`; iterative, so no depth can overflow the stack. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(item)) if (typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

function checkParams(params: Record<string, unknown>): void {
  for (const name of ['query', 'operationName'] as const) {
    const type = typeOf(params[name]);
    if (!['string', 'null', 'undefined'].includes(type)) {
      badRequest(`Expected "${name}" param to be a string, but given ${type}.`);
    }
  }
  for (const name of ['variables', 'extensions'] as const) {
    const type = typeOf(params[name]);
    if (!['object', 'null', 'undefined'].includes(type)) {
      badRequest(`Expected "${name}" param to be empty or an object, but given ${type}.`);
    }
    if (nestsDeeperThan(params[name], MAX_PARAM_DEPTH)) {
      badRequest(`The "${name}" param is nested deeper than ${MAX_PARAM_DEPTH} levels.`);
    }
  }
}

export function useParamChecks(): Plugin {
  return {
    onParams({ params }) {
      // Yoga refuses a body that is not an object, and a batch (no HTTP batching), before onParams.
      const fields = params as unknown;
      if (typeof fields === 'object' && fields !== null && !Array.isArray(fields)) {
        checkParams(fields as Record<string, unknown>);
      }
    },
  };
}
