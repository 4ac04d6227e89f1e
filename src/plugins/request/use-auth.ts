/**
 * Optional bearer-token authentication (@graphql-yoga/plugin-jwt): a JWT verified against a JWKS
 * (AUTH_JWKS_URL, keys rotated by the issuer) or a shared HS256 key (AUTH_JWT_SECRET), with an
 * optional issuer and audience. Off when neither is set (the demo). When on, a GraphQL request
 * without a valid token is answered 401 before parsing, so it reaches nothing upstream.
 */
import {
  createInlineSigningKeyProvider,
  createRemoteJwksSigningKeyProvider,
  extractFromHeader,
  useJWT,
} from '@graphql-yoga/plugin-jwt';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthSettings } from '../../config';
import { ErrorCode, refusal } from '../../errors';

export const authEnabled = (auth: AuthSettings): boolean => Boolean(auth.jwksUrl || auth.jwtSecret);

/** The plugin's own refusals, all of which mean the caller is not authenticated. */
const REFUSALS =
  /^(Unauthenticated|Invalid authentication token provided|Invalid JWT authentication token prefix\.|Authentication header was set, but token is missing\.)$/;

function unauthenticated(error: GraphQLError): GraphQLError {
  return refusal(ErrorCode.UNAUTHENTICATED, error.message, 401, {
    'www-authenticate': 'Bearer realm="ecr-public-gateway"',
  });
}

/** Every refusal of the JWT plugin as 401 UNAUTHENTICATED (it answers some with 400). */
function useUnauthenticatedStatus(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || !result.errors?.length) return;
      if (!result.errors.every((error) => REFUSALS.test(error.message))) return;
      setResult({ ...result, errors: result.errors.map((error) => unauthenticated(error as GraphQLError)) });
    },
  };
}

export function useAuth(auth: AuthSettings): Plugin[] {
  if (!authEnabled(auth)) return [];
  const signingKeyProviders = auth.jwksUrl
    ? [createRemoteJwksSigningKeyProvider({ jwksUri: auth.jwksUrl, cache: true, rateLimit: true })]
    : [createInlineSigningKeyProvider(auth.jwtSecret as string)];
  return [
    useUnauthenticatedStatus(),
    useJWT({
      signingKeyProviders: signingKeyProviders as [(typeof signingKeyProviders)[number]],
      tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
      tokenVerification: {
        algorithms: auth.jwksUrl ? ['RS256', 'ES256', 'PS256'] : ['HS256'],
        ...(auth.issuer ? { issuer: auth.issuer } : {}),
        ...(auth.audience ? { audience: auth.audience } : {}),
      },
      reject: { missingToken: true, invalidToken: true },
      extendContext: 'jwt',
    }) as Plugin,
  ];
}
