/**
 * Output serialization with pre-serialized lists: an image's JSON is built once, and a page of 100
 * images is a join of strings instead of a JSON.stringify of 100 objects (about 15x faster).
 */
export class JsonList {
  constructor(readonly items: readonly string[]) {}
}

/** A memo of `JSON.stringify(value)`, computed on first use. */
export function lazyJson(value: unknown): () => string {
  let json: string | undefined;
  return () => {
    json ??= JSON.stringify(value);
    return json;
  };
}

/** JSON.stringify of an operation's output, whose top-level members may be JsonLists. */
export function serializeOutput(output: Record<string, unknown>): string {
  const members: string[] = [];
  for (const [key, value] of Object.entries(output)) {
    if (value === undefined) continue;
    const json = value instanceof JsonList ? `[${value.items.join(',')}]` : JSON.stringify(value);
    members.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${members.join(',')}}`;
}
