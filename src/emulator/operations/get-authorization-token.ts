/** GetAuthorizationToken: a token the registry's `/token/` accepts as Basic auth, valid 12 hours. */
import { authorizationToken } from '../registry/tokens';
import { validateRequest } from '../request-validation';

export function getAuthorizationToken(raw: unknown) {
  validateRequest('GetAuthorizationToken', raw);
  const expiresAt = Math.floor(Date.now() / 1000) + 43_200;
  return { authorizationData: { authorizationToken: authorizationToken(), expiresAt } };
}
