import { fetchIsolatingMissing } from '../../src/data/batching/isolate-missing';

class Missing extends Error {}

/** A by-id call in AWS's manner: fails whole when any key is missing, naming the first or none. */
function upstream(existing: Set<number>, namesTheMissing: boolean) {
  const calls: number[][] = [];
  return {
    calls,
    options: {
      fetch: async (keys: number[]) => {
        calls.push(keys);
        const absent = keys.find((key) => !existing.has(key));
        if (absent !== undefined) throw new Missing(namesTheMissing ? `missing ${absent}` : 'missing');
        return keys.map((key) => ({ key }));
      },
      isMissing: (error: unknown) => error instanceof Missing,
      named: (error: unknown, keys: number[]) => {
        const match = /missing (\d+)/.exec((error as Error).message);
        return match ? keys.filter((key) => key === Number(match[1])) : [];
      },
    },
  };
}

const keys = Array.from({ length: 64 }, (_, i) => i);

describe('fetchIsolatingMissing', () => {
  it('drops the ids the error names, one extra call each', async () => {
    const { calls, options } = upstream(new Set(keys.filter((k) => k !== 5 && k !== 40)), true);
    const { found, missing } = await fetchIsolatingMissing(keys, options);
    expect([...missing.keys()].sort((a, b) => a - b)).toEqual([5, 40]);
    expect(found).toHaveLength(62);
    expect(calls).toHaveLength(3);
  });

  it('bisects when the error names none, within 2 * m * ceil(log2 k) extra calls', async () => {
    const { calls, options } = upstream(new Set(keys.filter((k) => k !== 5 && k !== 40 && k !== 41)), false);
    const { found, missing } = await fetchIsolatingMissing(keys, options);
    expect([...missing.keys()].sort((a, b) => a - b)).toEqual([5, 40, 41]);
    expect(found.map((f) => f.key).sort((a, b) => a - b)).toEqual(keys.filter((k) => ![5, 40, 41].includes(k)));
    expect(calls.length - 1).toBeLessThanOrEqual(2 * 3 * Math.ceil(Math.log2(64)));
  });

  it('lets any other failure through', async () => {
    const options = {
      fetch: async () => {
        throw new Error('boom');
      },
      isMissing: () => false,
      named: () => [],
    };
    await expect(fetchIsolatingMissing([1, 2], options)).rejects.toThrow('boom');
  });
});
