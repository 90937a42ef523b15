// The only place that knows how API keys are stored.
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { apiKeys, type ApiKeyRoleValue, type ApiKeyRow } from '../db/schema';

export type { ApiKeyRow };

export class ApiKeyRepository {
  constructor(private readonly db: Database) {}

  async insert(values: {
    name: string;
    role: ApiKeyRoleValue;
    prefix: string;
    keyHash: string;
  }): Promise<ApiKeyRow> {
    const [row] = await this.db.insert(apiKeys).values(values).returning();
    return row as ApiKeyRow;
  }

  async activeByHash(keyHash: string): Promise<ApiKeyRow | null> {
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
    return row ?? null;
  }

  async list(): Promise<ApiKeyRow[]> {
    return this.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  }

  /** Revokes the key with this id or prefix; returns the revoked rows. */
  async revoke(idOrPrefix: string): Promise<ApiKeyRow[]> {
    const byId = /^\d+$/.test(idOrPrefix) ? eq(apiKeys.id, Number(idOrPrefix)) : undefined;
    return this.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(or(byId, eq(apiKeys.prefix, idOrPrefix)), isNull(apiKeys.revokedAt)))
      .returning();
  }

  /** Records use at most once a minute per key, so reads do not turn into writes. */
  async touch(id: number): Promise<void> {
    await this.db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
        ),
      );
  }
}
