/**
 * The registry's credentials: GetAuthorizationToken's `AWS:<password>` (Basic at `/token/`) and the
 * bearer tokens `/token/` issues, which every `/v2/` request but the challenge needs.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The password GetAuthorizationToken hands out, fixed per emulator process. */
export const REGISTRY_PASSWORD = createHash('sha256').update('ecr-public-emulator registry').digest('base64url');

/** GetAuthorizationToken's authorizationToken: base64 of `AWS:<password>`, as `docker login` takes it. */
export const authorizationToken = (): string => Buffer.from(`AWS:${REGISTRY_PASSWORD}`).toString('base64');

export interface Tokens {
  /** A new bearer token, or undefined when the Basic credentials given are wrong. */
  issue(authorization: string | undefined): string | undefined;
  valid(authorization: string | undefined): boolean;
}

export function createTokens(): Tokens {
  const issued = new Set<string>();
  return {
    issue(authorization) {
      if (authorization !== undefined && /^basic /i.test(authorization)) {
        const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
        if (decoded !== `AWS:${REGISTRY_PASSWORD}`) return undefined;
      }
      const token = randomBytes(24).toString('base64url');
      // Bounded: a long benchmark asks for many tokens; the oldest lapse first.
      if (issued.size >= 10_000) issued.delete(issued.values().next().value as string);
      issued.add(token);
      return token;
    },
    valid: (authorization) =>
      authorization !== undefined && /^bearer /i.test(authorization) && issued.has(authorization.slice(7).trim()),
  };
}
