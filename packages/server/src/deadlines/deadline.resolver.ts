// Maps Deadline, DeadlineChange and the deadline queries onto repositories and loaders.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Extensions,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Article } from '../articles/article.type';
import type { ArticleSummaryRow } from '../articles/article.repository';
import type { EntityRow } from '../db/schema';
import { Entity } from '../entities/entity.type';
import type { RequestContext } from '../shared/context';
import { badUserInput } from '../shared/errors';
import { decodeGlobalId, toGlobalId } from '../shared/ids';
import { globalIdOfRow } from '../graphql/executor-schema';
import { nodesSelect, type RowReads } from '../shared/lookahead';
import { LATEST_DATE } from '../shared/scalars';
import {
  ConnectionArgs,
  cursorList,
  toConnection,
  toKeyset,
  type CursorList,
} from '../shared/pagination';
import { intInRange, orderedRange, validateInput } from '../shared/validation';
import {
  CreateDeadlineInput,
  DeadlinesArgs,
  DeleteDeadlineInput,
  UpcomingDeadlinesArgs,
  UpdateDeadlineInput,
  createDeadlineSchema,
  updateDeadlineSchema,
} from './deadline.inputs';
import type { DeadlineService } from './deadline.service';
import type {
  DeadlineChangeRow,
  DeadlineFilter,
  DeadlineOrder as DeadlineOrderValue,
  DeadlineRepository,
  DeadlineRow,
} from './deadline.repository';
import {
  DeleteDeadlinePayload,
  Deadline,
  DeadlineChange,
  DeadlinePayload,
  DeadlineChangeConnection,
  DeadlineConnection,
  DeadlineOrder,
  DeadlineRole,
  DeadlineStatus,
} from './deadline.type';

// Cursor lists: each ordering pages by its own key (ids are the last, tie-breaking part).
const deadlineLists: Record<DeadlineOrderValue, CursorList> = {
  DUE_ON_ASC: cursorList('deadlines:DUE_ON_ASC', 'date', 'integer'),
  DUE_ON_DESC: cursorList('deadlines:DUE_ON_DESC', 'date', 'integer'),
};
const deadlineHistoryList = cursorList('Deadline.history', 'integer');

const DEFAULT_UPCOMING_DAYS = 30;

/** What the Deadline resolvers below read of a deadline row, besides the fields of the same name. */
export const deadlineReads: RowReads = {
  setBy: ['setById'],
  subject: ['subjectId'],
  concerns: [],
  article: ['articleId'],
  history: [],
};

@Resolver(() => Deadline)
export class DeadlineResolver {
  constructor(
    private readonly repository: DeadlineRepository,
    private readonly service: DeadlineService,
  ) {}

  @Authorized('editor')
  @Mutation(() => DeadlinePayload, {
    description: 'Adds a deadline reported by a stored article. Needs the editor role.',
  })
  async createDeadline(
    @Arg('input', () => CreateDeadlineInput, { description: 'The deadline.' })
    input: CreateDeadlineInput,
  ): Promise<{ deadline: DeadlineRow; change: null }> {
    validateInput(createDeadlineSchema, input);
    return { deadline: await this.service.create(input.article, input), change: null };
  }

  @Authorized('editor')
  @Mutation(() => DeadlinePayload, {
    description:
      "Records a reported change of status or due date (appended to the deadline's history), or corrects its wording. Needs the editor role.",
  })
  async updateDeadline(
    @Arg('input', () => UpdateDeadlineInput, { description: 'The change.' })
    input: UpdateDeadlineInput,
  ): Promise<{ deadline: DeadlineRow; change: DeadlineChangeRow | null }> {
    validateInput(updateDeadlineSchema, input);
    return this.service.update(input);
  }

  @Authorized('admin')
  @Mutation(() => DeleteDeadlinePayload, {
    description: 'Deletes a deadline and its history. Needs the admin role.',
  })
  async deleteDeadline(
    @Arg('input', () => DeleteDeadlineInput, { description: 'The deadline.' })
    input: DeleteDeadlineInput,
  ): Promise<DeleteDeadlinePayload> {
    const row = await this.service.delete(decodeGlobalId(input.id, 'Deadline', 'input.id'));
    return { deletedId: toGlobalId('Deadline', row.id) };
  }

  @Query(() => Deadline, {
    nullable: true,
    description: 'A deadline by ID; null when there is none.',
  })
  deadline(
    @Arg('id', () => ID, { description: 'The deadline ID.' }) id: string,
    @Ctx() { loaders }: RequestContext,
  ): Promise<DeadlineRow | null> {
    return loaders.deadlines.byId.load(decodeGlobalId(id, 'Deadline', 'id'));
  }

  @Query(() => DeadlineConnection, {
    description: 'Deadlines by status, due date and the entities involved, soonest due first.',
  })
  async deadlines(
    @Args(() => DeadlinesArgs) args: DeadlinesArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    orderedRange(args.dueFrom, args.dueTo, 'dueFrom', 'dueTo');
    if (args.role && !args.entity) {
      throw badUserInput('"role" only applies together with "entity".', [
        { path: ['role'], message: 'needs entity' },
      ]);
    }
    const filter: DeadlineFilter = {
      statuses: args.statuses ?? undefined,
      dueFrom: args.dueFrom ?? undefined,
      dueTo: args.dueTo ?? undefined,
      entityId: args.entity ? decodeGlobalId(args.entity, 'Entity', 'entity') : undefined,
      role: args.role ?? DeadlineRole.ANY,
    };
    return this.page(filter, args.orderBy ?? DeadlineOrder.DUE_ON_ASC, args, info);
  }

  @Query(() => DeadlineConnection, {
    description:
      'Deadlines still open (PENDING or EXTENDED) that fall due within the next withinDays days of asOf, soonest first.',
  })
  async upcomingDeadlines(
    @Args(() => UpcomingDeadlinesArgs) args: UpcomingDeadlinesArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    const asOf = args.asOf ?? new Date().toISOString().slice(0, 10);
    const days = intInRange(args.withinDays ?? DEFAULT_UPCOMING_DAYS, 'withinDays', 1, 366);
    const until = new Date(`${asOf}T00:00:00Z`);
    until.setUTCDate(until.getUTCDate() + days);
    const filter: DeadlineFilter = {
      statuses: [DeadlineStatus.PENDING, DeadlineStatus.EXTENDED],
      dueFrom: asOf,
      // A window that runs past the last storable date ends there.
      dueTo: until.getUTCFullYear() > 9999 ? LATEST_DATE : until.toISOString().slice(0, 10),
    };
    return this.page(filter, DeadlineOrder.DUE_ON_ASC, args, info);
  }

  private async page(
    filter: DeadlineFilter,
    order: DeadlineOrderValue,
    args: ConnectionArgs,
    info: GraphQLResolveInfo,
  ) {
    const list = deadlineLists[order];
    const keyset = toKeyset(args, list, info);
    const rows = await this.repository.list(filter, order, keyset, {
      setBy: nodesSelect(info, 'setBy'),
      subject: nodesSelect(info, 'subject'),
    });
    return toConnection(rows, keyset, {
      list,
      keyOf: (row) => [row.dueOn, row.id],
      count: () => this.repository.count(filter),
    });
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  @Extensions(globalIdOfRow('Deadline'))
  id(@Root() deadline: DeadlineRow): string {
    return toGlobalId('Deadline', deadline.id);
  }

  @FieldResolver(() => Entity, { nullable: true, description: 'Who set the deadline, when known.' })
  setBy(
    @Root() deadline: DeadlineRow & { setBy?: EntityRow | null },
    @Ctx() { loaders }: RequestContext,
  ): Promise<EntityRow | null> | EntityRow | null {
    if (deadline.setById === null) return null;
    // Lists of deadlines join the setter when the query asks for it.
    return deadline.setBy ?? loaders.entities.byId.load(deadline.setById);
  }

  @FieldResolver(() => Entity, { description: 'Who must act by the deadline.' })
  subject(
    @Root() deadline: DeadlineRow & { subject?: EntityRow | null },
    @Ctx() { loaders }: RequestContext,
  ): Promise<EntityRow> | EntityRow {
    // Lists of deadlines join the subject when the query asks for it: given at once, no promise.
    return (
      deadline.subject ??
      loaders.entities.byId.load(deadline.subjectId).then((subject) => {
        if (!subject) throw new Error(`Deadline ${deadline.id} has no subject row`);
        return subject;
      })
    );
  }

  @FieldResolver(() => [Entity], { description: 'What else the deadline is about (TikTok).' })
  concerns(
    @Root() deadline: DeadlineRow,
    @Ctx() { loaders }: RequestContext,
  ): Promise<EntityRow[]> {
    return loaders.deadlines.concerns.load(deadline.id);
  }

  @FieldResolver(() => Article, { description: 'The article that first reported the deadline.' })
  async article(
    @Root() deadline: DeadlineRow,
    @Ctx() { loaders }: RequestContext,
  ): Promise<ArticleSummaryRow> {
    const article = await loaders.articles.byId.load(deadline.articleId);
    if (!article) throw new Error(`Deadline ${deadline.id} has no article row`);
    return article;
  }

  @FieldResolver(() => DeadlineChangeConnection, {
    description:
      'Every change to status and due date, oldest first, starting with the first report.',
  })
  async history(
    @Root() deadline: DeadlineRow,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { loaders }: RequestContext,
  ) {
    const keyset = toKeyset(args, deadlineHistoryList);
    const rows = await loaders.deadlines.history(keyset).load(deadline.id);
    return toConnection(rows, keyset, {
      list: deadlineHistoryList,
      keyOf: (row) => [row.id],
      count: () => loaders.deadlines.countHistory.load(deadline.id),
    });
  }
}

@Resolver(() => DeadlineChange)
export class DeadlineChangeResolver {
  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  @Extensions(globalIdOfRow('DeadlineChange'))
  id(@Root() change: DeadlineChangeRow): string {
    return toGlobalId('DeadlineChange', change.id);
  }

  @FieldResolver(() => Article, {
    nullable: true,
    description: 'The article that reported the change, when known.',
  })
  article(
    @Root() change: DeadlineChangeRow,
    @Ctx() { loaders }: RequestContext,
  ): Promise<ArticleSummaryRow | null> | null {
    return change.articleId === null ? null : loaders.articles.byId.load(change.articleId);
  }
}
