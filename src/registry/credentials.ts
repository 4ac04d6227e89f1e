/**
 * Authenticated pulls: GetAuthorizationToken through the process's one ECR Public client (its
 * credentials, the SDK's default chain), whose `authorizationToken` is base64 `AWS:<password>`, the
 * Basic credentials the registry's token endpoint takes. Kept until shortly before its `expiresAt`
 * (12 hours on AWS). Without credentials, or when the call fails, the gateway pulls anonymously
 * (CONTRACT.md) and asks again after a minute. The call counts in the request's `upstreamCalls`.
 */
import { type ECRPUBLICClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public';
import type { CallStats } from '../ecr/guard/call-stats';
import type { RegistryCredentials } from './tokens';

const RETRY_ANONYMOUS_MS = 60_000;
const MARGIN_MS = 60_000;

export function awsRegistryCredentials(
  client: ECRPUBLICClient,
  timeoutMs: number,
  now: () => number = Date.now,
): RegistryCredentials {
  let held: { token: string | undefined; until: number } | undefined;
  let pending: Promise<string | undefined> | undefined;

  async function ask(stats: CallStats | undefined): Promise<string | undefined> {
    if (stats) stats.upstreamCalls.GetAuthorizationToken = (stats.upstreamCalls.GetAuthorizationToken ?? 0) + 1;
    try {
      const output = await client.send(new GetAuthorizationTokenCommand({}), {
        abortSignal: AbortSignal.timeout(timeoutMs),
      });
      const token = output.authorizationData?.authorizationToken;
      const expires = output.authorizationData?.expiresAt?.getTime() ?? now() + 3_600_000;
      held = token
        ? { token, until: Math.max(now() + MARGIN_MS, expires - MARGIN_MS) }
        : { token: undefined, until: now() + RETRY_ANONYMOUS_MS };
    } catch {
      held = { token: undefined, until: now() + RETRY_ANONYMOUS_MS };
    }
    return held.token;
  }

  return (stats) => {
    if (held && held.until > now()) return Promise.resolve(held.token);
    pending ??= ask(stats).finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
