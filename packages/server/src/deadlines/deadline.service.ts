// Deadline writes: creation with the first history entry, and reported changes checked against
// the rules in deadline.rules.ts, each appended to the history in the same transaction.
import type { ArticleRow } from '../articles/article.repository';
import type { DeadlineStatusValue } from '../db/schema';
import type { UnitOfWork } from '../db/transaction';
import { EntityRefResolver, type EntityRef } from '../entities/entity-ref';
import type { Repositories } from '../repositories';
import { decodeGlobalId } from '../shared/ids';
import { notFound } from '../shared/not-found';
import { Problems } from '../shared/validation';
import type { DeadlineChangeRow, DeadlineRow } from './deadline.repository';
import { planChange } from './deadline.rules';

type InputPath = (string | number)[];

export interface NewDeadline {
  description: string;
  dueOn: string;
  subject: EntityRef;
  setBy?: EntityRef | null | undefined;
  concerns?: EntityRef[] | null | undefined;
  consequence?: string | null | undefined;
  evidence?: string | null | undefined;
  status?: DeadlineStatusValue | null | undefined;
  /** A note on the first history entry (the sample's hand annotation has them). */
  note?: string | null | undefined;
}

export interface DeadlineUpdate {
  id: string;
  article: string;
  status?: DeadlineStatusValue | null | undefined;
  dueOn?: string | null | undefined;
  note?: string | null | undefined;
  description?: string | null | undefined;
  consequence?: string | null | undefined;
}

/** The calendar day (UTC) an article was published. */
export function publicationDay(article: Pick<ArticleRow, 'publishedAt'>): string {
  return article.publishedAt.toISOString().slice(0, 10);
}

export function deadlineRefs(
  deadlines: readonly NewDeadline[],
  pathOf: (index: number) => InputPath,
) {
  return deadlines.flatMap((deadline, index) => [
    { ref: deadline.subject, path: [...pathOf(index), 'subject'] },
    ...(deadline.setBy ? [{ ref: deadline.setBy, path: [...pathOf(index), 'setBy'] }] : []),
    ...(deadline.concerns ?? []).map((ref, position) => ({
      ref,
      path: [...pathOf(index), 'concerns', position],
    })),
  ]);
}

/** A deadline cannot fall due before the article that reports it was published. */
export function checkDueDates(
  publishedOn: string,
  deadlines: readonly NewDeadline[],
  pathOf: (index: number) => InputPath,
  problems: Problems,
): void {
  deadlines.forEach((deadline, index) => {
    if (deadline.dueOn < publishedOn) {
      problems.add(
        [...pathOf(index), 'dueOn'],
        `must not be before ${publishedOn}, when the article was published`,
      );
    }
  });
}

/** Stores checked deadlines with their first history entry; inside the caller's transaction. */
export async function storeDeadlines(
  repositories: Repositories,
  refs: EntityRefResolver,
  article: ArticleRow,
  deadlines: readonly NewDeadline[],
): Promise<DeadlineRow[]> {
  return storeDeadlinesOfArticles(repositories, refs, [{ article, deadlines }]);
}

/**
 * storeDeadlines for several articles in four statements (deadlines, what they concern, their
 * first history entries, the entities as mentions); prepare the references on `refs` first.
 * `mentioned` holds what this transaction has already written to the articles' mentions
 * (`articleId:entityId`), which need not be written again.
 */
export async function storeDeadlinesOfArticles(
  repositories: Repositories,
  refs: EntityRefResolver,
  items: readonly { article: ArticleRow; deadlines: readonly NewDeadline[] }[],
  mentioned: ReadonlySet<string> = new Set(),
): Promise<DeadlineRow[]> {
  const planned = [];
  for (const { article, deadlines } of items) {
    for (const deadline of deadlines) {
      const subjectId = await refs.resolve(deadline.subject);
      const setById = deadline.setBy ? await refs.resolve(deadline.setBy) : null;
      const concernIds: number[] = [];
      for (const ref of deadline.concerns ?? []) concernIds.push(await refs.resolve(ref));
      planned.push({ article, deadline, subjectId, setById, concernIds });
    }
  }
  const stored = await repositories.deadlines.insertMany(
    planned.map(({ article, deadline, subjectId, setById }) => ({
      articleId: article.id,
      description: deadline.description,
      dueOn: deadline.dueOn,
      subjectId,
      setById,
      consequence: deadline.consequence ?? null,
      evidence: deadline.evidence ?? null,
      status: deadline.status ?? 'PENDING',
    })),
  );
  const rows = planned.map((plan, index) => ({ ...plan, row: stored[index] as DeadlineRow }));
  await repositories.deadlines.addConcernsMany(
    rows.flatMap(({ row, concernIds }) =>
      concernIds.map((entityId) => ({ deadlineId: row.id, entityId })),
    ),
  );
  await repositories.deadlines.appendChanges(
    rows.map(({ row, article, deadline }) => ({
      deadlineId: row.id,
      articleId: article.id,
      status: row.status,
      dueOn: deadline.dueOn,
      note: deadline.note ?? null,
    })),
  );
  await repositories.articles.ensureMentionedMany(
    rows.flatMap(({ article, subjectId, setById, concernIds }) =>
      [subjectId, ...(setById === null ? [] : [setById]), ...concernIds].flatMap((entityId) =>
        mentioned.has(`${article.id}:${entityId}`)
          ? []
          : [{ articleId: article.id, publishedAt: article.publishedAt, entityId }],
      ),
    ),
  );
  return stored;
}

export class DeadlineService {
  constructor(private readonly work: UnitOfWork<Repositories>) {}

  create(articleGlobalId: string, deadline: NewDeadline): Promise<DeadlineRow> {
    const articleId = decodeGlobalId(articleGlobalId, 'Article', 'input.article');
    return this.work.transaction(async (repositories) => {
      const [article] = await repositories.articles.byIds([articleId]);
      if (!article) throw notFound('article', 'input', 'article');
      const problems = new Problems();
      checkDueDates(publicationDay(article), [deadline], () => ['input'], problems);
      const refs = new EntityRefResolver(repositories.entities);
      await refs.checkIds(
        deadlineRefs([deadline], () => ['input']),
        problems,
      );
      problems.throwIfAny();
      const [row] = (await storeDeadlines(repositories, refs, article, [deadline])) as [
        DeadlineRow,
      ];
      await repositories.events.deadlineChanged(row.id, true);
      return row;
    });
  }

  /** Applies a reported change; returns the deadline and the history entry (null for corrections). */
  update(
    update: DeadlineUpdate,
  ): Promise<{ deadline: DeadlineRow; change: DeadlineChangeRow | null }> {
    const id = decodeGlobalId(update.id, 'Deadline', 'input.id');
    const reportingId = decodeGlobalId(update.article, 'Article', 'input.article');
    return this.work.transaction(async (repositories) => {
      const current = await repositories.deadlines.byIdForUpdate(id);
      if (!current) throw notFound('deadline', 'input', 'id');
      const [reporting] = await repositories.articles.byIds([reportingId]);
      if (!reporting) throw notFound('article', 'input', 'article');
      const [origin] = await repositories.articles.byIds([current.articleId]);

      const corrections = {
        ...(update.description != null && { description: update.description }),
        ...(update.consequence != null && { consequence: update.consequence }),
      };
      if (update.status == null && update.dueOn == null && Object.keys(corrections).length > 0) {
        const corrected = await repositories.deadlines.update(id, corrections);
        await repositories.events.deadlineChanged(id, false);
        return { deadline: corrected as DeadlineRow, change: null };
      }

      const plan = planChange(
        current,
        {
          status: update.status ?? undefined,
          dueOn: update.dueOn ?? undefined,
          note: update.note ?? undefined,
        },
        publicationDay(origin as ArticleRow),
      );
      if ('problems' in plan) {
        const problems = new Problems();
        for (const [field, reason] of plan.problems) problems.add(['input', field], reason);
        problems.throwIfAny();
        throw new Error('unreachable');
      }
      const deadline = await repositories.deadlines.update(id, { ...corrections, ...plan.next });
      const change = await repositories.deadlines.appendChange({
        deadlineId: id,
        articleId: reporting.id,
        status: plan.next.status,
        dueOn: plan.next.dueOn,
        previousStatus: current.status,
        previousDueOn: current.dueOn,
        note: update.note ?? null,
      });
      await repositories.events.deadlineChanged(id, false);
      return { deadline: deadline as DeadlineRow, change };
    });
  }

  async delete(id: number): Promise<DeadlineRow> {
    const row = await this.work.repositories.deadlines.delete(id);
    if (!row) throw notFound('deadline', 'input', 'id');
    return row;
  }
}
