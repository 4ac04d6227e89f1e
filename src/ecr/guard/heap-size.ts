/**
 * What a cached value costs in V8's heap, for the caches' memory caps (UPSTREAM_CACHE_MAX_BYTES,
 * the listing cache). A value's JSON length understates it: an SDK answer takes about 1.6 times
 * its JSON length as objects (a `Date` is 96 bytes, where its JSON is 26 characters; a short string
 * is 16 bytes of header), so caps by JSON length let the caches hold well past their cap.
 *
 * The figures are V8's on 64-bit Node without pointer compression (Node's default build), taken by
 * test/bench/cache-memory.ts: an object is a 24-byte header and 8 bytes a property (at least 4
 * in-object slots), an array 48 bytes and 8 an element, a string 16 bytes and its characters (1 or
 * 2 bytes each) rounded up to 8, a number that is no small integer a 16-byte heap number. On
 * DescribeImages answers it comes within 2 to 6% under what the heap measures; strings shared by
 * several values are counted in each, which errs the other way.
 */

const WORD = 8;
const OBJECT = 24;
const IN_OBJECT_SLOTS = 4;
/** A property past the in-object slots lives in a separate property array (16-byte header), grown 3 slots at a time. */
const PROPERTY_ARRAY = 16;
const PROPERTY_ARRAY_STEP = 3;
const ARRAY = 48;
const STRING = 16;
const HEAP_NUMBER = 16;
const DATE = 96;
/** A typed array's own object; its bytes are outside the heap but still in RSS. */
const TYPED_ARRAY = 128;

const align = (bytes: number): number => Math.ceil(bytes / WORD) * WORD;

/** A string's bytes: V8 keeps it in one byte a character unless a character is past U+00FF. */
export function stringSize(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole Latin-1 range is meant
  return STRING + align(/[^\u0000-\u00ff]/.test(text) ? text.length * 2 : text.length);
}

function numberSize(value: number): number {
  // Small integers (31 bits) live in the pointer itself.
  return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : HEAP_NUMBER;
}

function objectSize(keys: number): number {
  const outside = Math.ceil(Math.max(0, keys - IN_OBJECT_SLOTS) / PROPERTY_ARRAY_STEP) * PROPERTY_ARRAY_STEP;
  return OBJECT + WORD * IN_OBJECT_SLOTS + (outside > 0 ? PROPERTY_ARRAY + WORD * outside : 0);
}

/** The estimated heap bytes that `value` keeps alive: what JSON can hold, plus Dates and byte arrays. */
export function heapSize(value: unknown): number {
  let total = 0;
  const pending: unknown[] = [value];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') total += stringSize(item);
    else if (typeof item === 'number') total += numberSize(item);
    else if (typeof item === 'bigint') total += HEAP_NUMBER;
    else if (item !== null && typeof item === 'object' && !seen.has(item)) {
      seen.add(item);
      if (item instanceof Date) total += DATE;
      else if (ArrayBuffer.isView(item)) total += TYPED_ARRAY + item.byteLength;
      else if (Array.isArray(item)) {
        total += ARRAY + WORD * item.length;
        for (const element of item) pending.push(element);
      } else {
        const keys = Object.keys(item);
        total += objectSize(keys.length);
        for (const key of keys) pending.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return total;
}
