/**
 * The arithmetic of the query cost estimate (query-cost.ts): prices as linear forms, so a fragment
 * is priced once per type and scaled for every parent it appears under, and the batches by-id
 * lookups join, priced as the loaders really call (src/data/batching/).
 */
import { imageLookup, type LookupKey, repositoryLookup, repositoryOwner } from '../../cost';

/** `m` x (the objects a selection is evaluated for) + `r` x (the distinct repositories they belong to). */
export interface Lin {
  m: number;
  r: number;
}

export const ZERO: Lin = { m: 0, r: 0 };
export const add = (a: Lin, b: Lin): Lin => ({ m: a.m + b.m, r: a.r + b.r });
export const scale = (a: Lin, k: number): Lin => ({ m: a.m * k, r: a.r * k });
/** `price`, a form in the symbols of a fragment's own walk, for parents `m` objects in `r` repositories. */
export const substitute = (price: Lin, m: Lin, r: Lin): Lin => add(scale(m, price.m), scale(r, price.r));

/** The largest by-id call (ImageIdentifierList, RepositoryNameList). */
const IDS_PER_CALL = 100;

/** Every distinct id of the document's keyed lookups, by loader and group. */
export class Batches {
  private readonly loaders = new Map<string, Map<string, Set<string>>>();

  add(key: LookupKey): void {
    const groups = this.loaders.get(key.loader) ?? new Map<string, Set<string>>();
    this.loaders.set(key.loader, groups);
    const ids = groups.get(key.group) ?? new Set<string>();
    groups.set(key.group, ids);
    ids.add(key.id);
  }

  /**
   * The calls they cost: a loader sends at most 100 ids a call and splits each call by group, so a
   * group of n of its N ids costs at most min(n, ceil(N/100)) calls. Missing ids cost more (their
   * recovery); that is left to the runtime budget.
   */
  calls(): number {
    let calls = 0;
    for (const groups of this.loaders.values()) {
      let total = 0;
      for (const ids of groups.values()) total += ids.size;
      const rounds = Math.ceil(total / IDS_PER_CALL);
      for (const ids of groups.values()) calls += Math.min(ids.size, rounds);
    }
    return calls;
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What a federation representation asks for: the keys of Repository and Image (schema/). */
export function entityKeys(representations: unknown[]): (LookupKey | undefined)[] {
  return representations.map((value) => {
    if (typeof value !== 'object' || value === null) return undefined;
    const { __typename, registryId, repositoryName, imageDigest } = value as Record<string, unknown>;
    const registry = text(registryId);
    const name = text(repositoryName);
    if (name === undefined) return undefined;
    if (__typename === 'Repository') return repositoryLookup(registry, name);
    if (__typename === 'Image') return imageLookup(repositoryOwner(registry, name), { digest: text(imageDigest) });
    return undefined;
  });
}
