/**
 * Optional bearer-token authentication (@graphql-yoga/plugin-jwt): a JWT verified against a JWKS
 * (AUTH_JWKS_URL, keys rotated by the issuer) or a shared HS256 key (AUTH_JWT_SECRET), with an
 * optional issuer and audience. Off when neither is set (the demo). When on, a GraphQL request
 * without a valid token is answered 401 before parsing, so it reaches nothing upstream. A token
 * must carry `exp` (jsonwebtoken accepts one without it forever), checked with AUTH_JWT_CLOCK_SKEW_S
 * of leeway; the scheme `Bearer` is matched in any case (RFC 7235 section 2.1).
 */
import {
  createInlineSigningKeyProvider,
  createRemoteJwksSigningKeyProvider,
  type ExtractTokenFunction,
  useJWT,
} from '@graphql-yoga/plugin-jwt';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthSettings } from '../../config';
import { ErrorCode, refusal } from '../../errors';

export const authEnabled = (auth: AuthSettings): boolean => Boolean(auth.jwksUrl || auth.jwtSecret);

/** The plugin's own refusals, all of which mean the caller is not authenticated. */
const REFUSALS = /^(Unauthenticated|Invalid authentication token provided)$/;

const WWW_AUTHENTICATE = { 'www-authenticate': 'Bearer realm="ecr-public-gateway"' };

function unauthenticated(error: GraphQLError): GraphQLError {
  return refusal(ErrorCode.UNAUTHENTICATED, error.message, 401, WWW_AUTHENTICATE);
}

/** The token of an `Authorization: Bearer <token>` value, the scheme in any case; else undefined. */
export function bearerToken(authorization: string | null): string | undefined {
  return authorization?.match(/^bearer\s+(\S+)$/i)?.[1];
}

/** The token of the Authorization header; a header that is not a bearer token is refused. */
const fromAuthorization: ExtractTokenFunction = ({ request }) => {
  const header = request.headers.get('authorization');
  if (header === null) return undefined;
  const token = bearerToken(header);
  if (token === undefined) {
    throw refusal(
      ErrorCode.UNAUTHENTICATED,
      'The Authorization header must be "Bearer <token>"',
      401,
      WWW_AUTHENTICATE,
    );
  }
  return { prefix: 'Bearer', token };
};

/** After the JWT plugin has verified the token: one without `exp` is refused too. */
function useRequiredExpiry(): Plugin {
  return {
    onRequestParse({ serverContext }) {
      const jwt = (serverContext as { jwt?: { payload?: { exp?: unknown } } }).jwt;
      if (typeof jwt?.payload?.exp !== 'number') {
        throw refusal(ErrorCode.UNAUTHENTICATED, 'The token has no expiry (exp)', 401, WWW_AUTHENTICATE);
      }
    },
  };
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
      tokenLookupLocations: [fromAuthorization],
      tokenVerification: {
        algorithms: auth.jwksUrl ? ['RS256', 'ES256', 'PS256'] : ['HS256'],
        clockTolerance: auth.clockSkewS ?? 30,
        ...(auth.issuer ? { issuer: auth.issuer } : {}),
        ...(auth.audience ? { audience: auth.audience } : {}),
      },
      reject: { missingToken: true, invalidToken: true },
      extendContext: 'jwt',
    }) as Plugin,
    useRequiredExpiry(),
  ];
}
