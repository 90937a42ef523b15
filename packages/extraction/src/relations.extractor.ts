// Relations the text states outright: "Instagram head Adam Mosseri" (LEADS), "the Facebook-owned
// platform" and "TikTok's owner" (OWNS), "majority-owned by" (OWNS), ministries of a government
// (PART_OF), "a partner at" (WORKS_FOR).
import type { EntityDraft, EntityTable } from './entity-table';
import { GOVERNMENT_DESCRIPTORS, GOVERNMENT_HEADS } from './gazetteer';
import type { TitleContext } from './entities.extractor';
import type { ExtractedRelation, RelationType } from './types';
import type { RelationLookup } from './speaker-resolver';

const LEADERSHIP =
  /\b(?:head|chief|chief executive|ceo|chairman|chairwoman|chair|founder|co-founder|president|director general|director|administrator|leader)$/i;
const ORGANISATION_KINDS = new Set(['ORGANIZATION', 'GOVERNMENT', 'MEDIA_OUTLET']);

export class RelationSet implements RelationLookup {
  readonly relations: ExtractedRelation[] = [];

  add(
    from: EntityDraft,
    type: RelationType,
    to: EntityDraft,
    evidence: { start: number; end: number },
    confidence: number,
  ): void {
    if (from === to) return;
    if (this.relations.some((r) => r.from === from.key && r.type === type && r.to === to.key))
      return;
    this.relations.push({ from: from.key, type, to: to.key, evidence, confidence });
  }

  sources(type: RelationType, to: EntityDraft): EntityDraft[] {
    return this.relations
      .filter((r) => r.type === type && r.to === to.key)
      .map((r) => this.entities.get(r.from))
      .filter((e): e is EntityDraft => e !== undefined);
  }

  /** Keys are stable, so the set keeps its own index from key to entity. */
  readonly entities = new Map<string, EntityDraft>();
}

export function extractRelations(
  body: string,
  table: EntityTable,
  titles: TitleContext[],
): RelationSet {
  const set = new RelationSet();
  for (const entity of table.entities) set.entities.set(entity.key, entity);
  const organisationBefore = (
    offset: number,
    exclude: EntityDraft[] = [],
  ): EntityDraft | undefined =>
    table
      .mentionsBefore(offset)
      .find(
        (ref) =>
          ref.entity.kind !== 'MEDIA_OUTLET' &&
          ORGANISATION_KINDS.has(ref.entity.kind) &&
          !exclude.includes(ref.entity),
      )?.entity;

  for (const context of titles) {
    const evidence = { start: context.titleStart, end: context.nameEnd };
    const named =
      context.organisationAt === null ? undefined : table.mentionAt(context.organisationAt)?.entity;
    let organisation =
      named && named.kind !== 'PERSON' && named.kind !== 'COUNTRY' && named.kind !== 'PLACE'
        ? named
        : null;
    if (!organisation && context.descriptor) {
      const wanted =
        GOVERNMENT_DESCRIPTORS.has(context.descriptor) || GOVERNMENT_HEADS.has(context.descriptor)
          ? 'GOVERNMENT'
          : 'ORGANIZATION';
      organisation =
        table.mentionsBefore(context.titleStart).find((ref) => ref.entity.kind === wanted)
          ?.entity ?? null;
    }
    if (
      !organisation &&
      /\b(?:its|their)\s+$/i.test(
        body.slice(Math.max(0, context.titleStart - 7), context.titleStart),
      )
    ) {
      organisation = organisationBefore(context.titleStart) ?? null;
    }
    if (
      !organisation &&
      /^(?:chief executive|ceo|founder|chairman|chairwoman)$/i.test(context.title)
    ) {
      organisation = mostMentionedBefore(table, context.titleStart) ?? null;
    }
    if (!organisation) continue;
    const leads = LEADERSHIP.test(context.title);
    set.add(
      context.person,
      leads ? 'LEADS' : 'WORKS_FOR',
      organisation,
      evidence,
      leads ? 0.8 : 0.7,
    );
  }

  const personAt = (offset: number): EntityDraft | undefined => {
    const ref = table.mentionAt(offset);
    return ref?.entity.kind === 'PERSON' ? ref.entity : undefined;
  };

  // "The founder of payments start-up Cobalt Pay, Daniel Reyes," / "Daniel Reyes, founder of …"
  const ofPattern =
    /\b(founder|head|chief executive|chairman|chairwoman|leader|director general|president|partner|member)\s+(?:of|at)\s+([^,.;]+?),\s+(?=\p{Lu})/giu;
  for (let m = ofPattern.exec(body); m; m = ofPattern.exec(body)) {
    const person = personAt(m.index + m[0].length);
    const orgStart = m.index + m[0].length - (m[2]?.length ?? 0) - 2;
    const org = table
      .mentionsIn(orgStart, m.index + m[0].length)
      .find((ref) => ORGANISATION_KINDS.has(ref.entity.kind))?.entity;
    if (person && org)
      set.add(
        person,
        /partner|member/i.test(m[1] ?? '') ? 'WORKS_FOR' : 'LEADS',
        org,
        { start: m.index, end: m.index + m[0].length },
        0.75,
      );
  }
  const appositive =
    /,\s+an?\s+(partner|member|official|analyst|economist|director|executive)\s+(?:at|of|with)\s+/gi;
  for (let m = appositive.exec(body); m; m = appositive.exec(body)) {
    const at = m.index;
    const after = m.index + m[0].length;
    const person = table.mentionsBefore(at).find((ref) => ref.mention.end >= at - 1)?.entity;
    const org = table
      .mentions()
      .find((ref) => ref.mention.start >= after && ORGANISATION_KINDS.has(ref.entity.kind))?.entity;
    if (person?.kind === 'PERSON' && org)
      set.add(person, 'WORKS_FOR', org, { start: m.index, end: m.index + m[0].length + 20 }, 0.7);
  }
  const chairs = /,\s+who\s+(?:chairs|leads|heads|runs)\s+(?:the\s+)?([\w\s]+?)[,.]/gi;
  for (let m = chairs.exec(body); m; m = chairs.exec(body)) {
    const at = m.index;
    const person = table.mentionsBefore(at).find((ref) => ref.mention.end >= at - 1)?.entity;
    const noun = (m[1] ?? '').trim().toLowerCase();
    const org = table.entities.find(
      (e) => ORGANISATION_KINDS.has(e.kind) && e.name.toLowerCase().endsWith(noun),
    );
    if (person?.kind === 'PERSON' && org)
      set.add(person, 'LEADS', org, { start: m.index, end: m.index + m[0].length }, 0.7);
  }

  // "the Facebook-owned platform": the owner is named, the owned thing is the organisation the
  // description stands for, which is the last one named before it.
  const owned = /\b(\p{Lu}[\p{L}\p{N}]*)-owned\b/gu;
  // Each pattern is tried only where its fixed word occurs: they are slow to fail across a body.
  const mayOwn = body.includes('-owned');
  for (let m = mayOwn ? owned.exec(body) : null; m; m = owned.exec(body)) {
    const owner = table.mentionAt(m.index)?.entity;
    if (!owner) continue;
    const target = organisationBefore(m.index, [owner]);
    if (target) set.add(owner, 'OWNS', target, { start: m.index, end: m.index + m[0].length }, 0.6);
  }
  // "TikTok's owner": the owner is the other company named in the same sentence.
  const ownerOf = /\b(\p{Lu}[\p{L}\p{N}]*)['’]s\s+(?:owner|parent(?: company)?)\b/gu;
  const mayParent = body.includes('parent');
  const mayOwner = mayParent || body.includes('owner');
  for (let m = mayOwner ? ownerOf.exec(body) : null; m; m = ownerOf.exec(body)) {
    const ownedEntity = table.mentionAt(m.index)?.entity;
    if (!ownedEntity) continue;
    const sentenceStart =
      Math.max(body.lastIndexOf('\n', m.index), body.lastIndexOf('. ', m.index)) + 1;
    const owner = table
      .mentionsIn(sentenceStart, m.index)
      .find((ref) => ref.entity !== ownedEntity && ref.entity.kind === 'ORGANIZATION')?.entity;
    if (owner)
      set.add(owner, 'OWNS', ownedEntity, { start: m.index, end: m.index + m[0].length }, 0.5);
  }
  // "Lumen+ parent Meridian Media"
  const parent = /(\S+)\s+parent\s+(?=\p{Lu})/gu;
  for (let m = mayParent ? parent.exec(body) : null; m; m = parent.exec(body)) {
    const child = table.mentionAt(m.index)?.entity;
    const owner = table.mentionAt(m.index + m[0].length)?.entity;
    if (child && owner && ORGANISATION_KINDS.has(owner.kind))
      set.add(owner, 'OWNS', child, { start: m.index, end: m.index + m[0].length + 10 }, 0.7);
  }
  // "Andes Cobre, which is majority-owned by Canadian group Northline Metals"
  const ownedBy = /\b(?:(?:majority|wholly|partly)[- ])?owned\s+by\s+/gi;
  for (let m = ownedBy.exec(body); m; m = ownedBy.exec(body)) {
    const after = m.index + m[0].length;
    const owner = table
      .mentions()
      .find((ref) => ref.mention.start >= after && ref.entity.kind === 'ORGANIZATION')?.entity;
    const ownedEntity = owner ? organisationBefore(m.index, [owner]) : undefined;
    if (owner && ownedEntity)
      set.add(owner, 'OWNS', ownedEntity, { start: m.index, end: m.index + m[0].length }, 0.7);
  }

  for (const entity of table.entities) {
    if (entity.kind !== 'GOVERNMENT') continue;
    const administration = /^(\S+) administration$/.exec(entity.name);
    if (administration) {
      const leader = table.entities.find(
        (e) => e.kind === 'PERSON' && e.name.split(' ').pop() === administration[1],
      );
      if (leader) set.add(leader, 'LEADS', entity, entity.mentions[0] ?? { start: 0, end: 0 }, 0.8);
    }
    if (entity.country && !entity.name.startsWith('Government of')) {
      const government = table.entities.find((e) => e.name === `Government of ${entity.country}`);
      if (government)
        set.add(entity, 'PART_OF', government, entity.mentions[0] ?? { start: 0, end: 0 }, 0.8);
    }
  }
  return set;
}

function mostMentionedBefore(table: EntityTable, offset: number): EntityDraft | undefined {
  const counts = new Map<EntityDraft, number>();
  for (const ref of table.mentionsBefore(offset)) {
    if (ref.entity.kind === 'ORGANIZATION')
      counts.set(ref.entity, (counts.get(ref.entity) ?? 0) + 1);
  }
  let best: EntityDraft | undefined;
  let bestCount = 0;
  for (const [entity, count] of counts) if (count > bestCount) [best, bestCount] = [entity, count];
  return best;
}
