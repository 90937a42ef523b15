// Issues and checks API keys. Keys are 32 random bytes; only their SHA-256 is stored, which is
// enough for secrets of that strength and keeps each check to one indexed lookup.
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRoleValue } from '../db/schema';
import type { ApiKeyRepository, ApiKeyRow } from './api-key.repository';

const KEY_PREFIX = 'dl_';
const DISPLAY_PREFIX_LENGTH = 11;

export type Role = ApiKeyRoleValue;

/** Who is calling: a key's id, name and role. */
export interface Viewer {
  keyId: number;
  name: string;
  role: Role;
}

const rank: Record<Role, number> = { reader: 1, editor: 2, admin: 3 };

/** Whether `role` may do what `required` may (admin ⊃ editor ⊃ reader). */
export function roleAllows(role: Role, required: Role): boolean {
  return rank[role] >= rank[required];
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export class ApiKeyService {
  constructor(private readonly keys: ApiKeyRepository) {}

  /** Creates a key; the returned `key` is the only time it is ever visible. */
  async create(name: string, role: Role): Promise<{ key: string; row: ApiKeyRow }> {
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.keys.insert({
      name: name.trim(),
      role,
      prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
      keyHash: hashKey(key),
    });
    return { key, row };
  }

  /** The viewer for a presented key, or null when the key is unknown or revoked. */
  async verify(key: string): Promise<Viewer | null> {
    if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
    const row = await this.keys.activeByHash(hashKey(key));
    if (!row) return null;
    await this.keys.touch(row.id);
    return { keyId: row.id, name: row.name, role: row.role };
  }

  list(): Promise<ApiKeyRow[]> {
    return this.keys.list();
  }

  revoke(idOrPrefix: string): Promise<ApiKeyRow[]> {
    return this.keys.revoke(idOrPrefix);
  }
}
