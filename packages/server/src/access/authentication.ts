// Who is calling: an API key from `Authorization: Bearer …` (or `x-api-key`), checked once per
// request; and what a role may do, enforced by type-graphql's @Authorized.
import { ErrorCode } from '@dateline/schema';
import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../shared/context';
import { roleAllows, type ApiKeyService, type Role, type Viewer } from './api-key.service';

type Headers = Record<string, string | string[] | undefined>;

function presentedKey(headers: Headers): string | null {
  const authorization = headers['authorization'];
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? (match[1] as string) : authorization.trim();
  }
  const header = headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
  });
}

/** The viewer for a request; throws UNAUTHENTICATED for a wrong key, or for none when required. */
export async function authenticate(
  headers: Headers,
  apiKeys: ApiKeyService,
  anonymousReads: boolean,
): Promise<Viewer | null> {
  const key = presentedKey(headers);
  if (key === null || key === '') {
    if (anonymousReads) return null;
    throw unauthenticated(
      'This server needs an API key: send it as "Authorization: Bearer <key>".',
    );
  }
  const viewer = await apiKeys.verify(key);
  if (!viewer)
    throw unauthenticated('The API key is not valid: it is unknown or has been revoked.');
  return viewer;
}

/** @Authorized('editor') and friends: no key is UNAUTHENTICATED, too weak a role FORBIDDEN. */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context, info }, roles) => {
  const required = roles[0] ?? 'reader';
  if (!context.viewer) {
    throw unauthenticated(
      `${info.fieldName} needs an API key with the ${required} role; none was sent.`,
    );
  }
  if (!roleAllows(context.viewer.role, required)) {
    throw new GraphQLError(
      `${info.fieldName} needs the ${required} role; this API key has the ${context.viewer.role} role.`,
      { extensions: { code: ErrorCode.Forbidden, http: { status: 403 } } },
    );
  }
  return true;
};
