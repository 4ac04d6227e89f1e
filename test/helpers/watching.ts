/**
 * What subscription tests wait on and change: a condition checked until it holds (bounded), the
 * watcher's polls as the emulator's call log records them, and the subscription document.
 */
import type { CallLog } from '../../src/emulator';

/** Resolves once `condition` holds; checks every 10 ms, fails after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** DescribeImages calls of one repository, settled (answered or failed), in order. */
export function pollsOf(calls: CallLog, repositoryName: string) {
  return calls
    .all()
    .filter(
      (call) =>
        call.operation === 'DescribeImages' &&
        (call.input as { repositoryName?: string }).repositoryName === repositoryName &&
        call.outcome !== 'pending',
    );
}

/** Resolves after `count` more settled polls of the repository than there are now. */
export async function morePolls(calls: CallLog, repositoryName: string, count = 1, timeoutMs = 10_000) {
  const seen = pollsOf(calls, repositoryName).length;
  await until(() => pollsOf(calls, repositoryName).length >= seen + count, timeoutMs, `${count} more polls`);
  // The answer is diffed and delivered in the turns right after it settles.
  await new Promise((resolve) => setTimeout(resolve, 20));
}

export const CHANGES = `subscription Changes($name: String!, $prefix: String) {
  repositoryChanged(repositoryName: $name, tagPrefix: $prefix) {
    kind repositoryName tag imageDigest previousImageDigest detectedAt
    image { imageDigest imageTags }
  }
}`;

export const changesOf = (name: string, prefix?: string): string =>
  `subscription { repositoryChanged(repositoryName: ${JSON.stringify(name)}${
    prefix === undefined ? '' : `, tagPrefix: ${JSON.stringify(prefix)}`
  }) { kind repositoryName tag imageDigest previousImageDigest detectedAt image { imageDigest imageTags } } }`;
