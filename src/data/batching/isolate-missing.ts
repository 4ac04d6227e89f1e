/**
 * AWS fails a by-id call whole when any one id is missing (ImageNotFoundException,
 * RepositoryNotFoundException) and names only the first it met. This finds the missing ids so the
 * rest still resolve: drop the id the error names and ask again, and where the error names none of
 * ours, split the batch in two. Cost: one extra call per named missing id; at most
 * 2 * m * ceil(log2 k) extra calls for m missing ids among k when bisecting.
 */
import { type ErrorCode, GatewayError } from '../../errors';

export interface IsolateOptions<K, R> {
  /** One by-id call for these keys. */
  fetch(keys: K[]): Promise<R[]>;
  /** True when the error means "one of the ids does not exist", not a failure of the call. */
  isMissing(error: unknown): boolean;
  /** The keys the error's message names as missing (may be empty when it names none of them). */
  named(error: unknown, keys: K[]): K[];
}

export interface Isolated<K, R> {
  /** Everything fetched, from every successful call. */
  found: R[];
  /** Each missing key, with the error that proved it missing. */
  missing: Map<K, unknown>;
}

export async function fetchIsolatingMissing<K, R>(keys: K[], options: IsolateOptions<K, R>): Promise<Isolated<K, R>> {
  const result: Isolated<K, R> = { found: [], missing: new Map() };
  await run(keys, options, result);
  return result;
}

async function run<K, R>(keys: K[], options: IsolateOptions<K, R>, result: Isolated<K, R>): Promise<void> {
  if (keys.length === 0) return;
  try {
    result.found.push(...(await options.fetch(keys)));
    return;
  } catch (error) {
    if (!options.isMissing(error)) throw error;
    const named = options.named(error, keys);
    if (named.length > 0) {
      for (const key of named) result.missing.set(key, error);
      await run(
        keys.filter((key) => !named.includes(key)),
        options,
        result,
      );
    } else if (keys.length === 1) {
      result.missing.set(keys[0] as K, error);
    } else {
      const middle = Math.ceil(keys.length / 2);
      await Promise.all([run(keys.slice(0, middle), options, result), run(keys.slice(middle), options, result)]);
    }
  }
}

/** An `isMissing` for GatewayErrors of one code (IMAGE_NOT_FOUND, REPOSITORY_NOT_FOUND). */
export function isCode(code: ErrorCode) {
  return (error: unknown): boolean => error instanceof GatewayError && error.code === code;
}
