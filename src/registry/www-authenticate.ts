/**
 * The `WWW-Authenticate: Bearer realm="...",service="...",scope="..."` challenge of a registry's
 * 401 (Docker's token authentication specification, which the OCI Distribution spec defers to).
 */
export interface BearerChallenge {
  realm: string;
  service?: string;
  scope?: string;
}

/** The Bearer challenge of a header, or undefined when there is none (Basic, absent, malformed). */
export function parseBearerChallenge(header: string | null): BearerChallenge | undefined {
  const match = header ? /^\s*bearer\s+(.*)$/is.exec(header) : null;
  if (!match) return undefined;
  const params: Record<string, string> = {};
  // key="quoted value" or key=token, comma-separated; quoted values may hold commas.
  for (const [, key, quoted, bare] of (match[1] as string).matchAll(
    /([a-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/gi,
  )) {
    params[(key as string).toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
  }
  if (!params.realm) return undefined;
  let realm: URL;
  try {
    realm = new URL(params.realm);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(realm.protocol)) return undefined;
  return {
    realm: realm.href,
    ...(params.service ? { service: params.service } : {}),
    ...(params.scope ? { scope: params.scope } : {}),
  };
}
