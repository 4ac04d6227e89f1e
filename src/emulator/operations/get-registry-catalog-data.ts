/** GetRegistryCatalogData: the caller's own registry's display name (the operation takes no registryId). */
import { validateRequest } from '../request-validation';
import type { Store } from '../store';

export function getRegistryCatalogData(raw: unknown, store: Store) {
  validateRequest('GetRegistryCatalogData', raw);
  const displayName = store.own.displayName;
  return { registryCatalogData: displayName === undefined ? {} : { displayName } };
}
