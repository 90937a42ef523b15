// The entities of one article while it is being extracted: names merge into one entity, every
// mention keeps its span, and later stages (quotes, deadlines) look entities up by position.
import { remembered } from './remembered';
import type { EntityKind, EntityMention, ExtractedEntity } from './types';

export interface EntityDraft {
  key: string;
  name: string;
  kind: EntityKind;
  aliases: Set<string>;
  title?: string;
  knownId?: string;
  mentions: EntityMention[];
  confidence: number;
  /** Country an institution belongs to ("Chinese Foreign Ministry" → China). */
  country?: string;
  gender?: 'male' | 'female';
  /**
   * Mentions inside another entity's name ("Mexico" in "Bank of Mexico"). Reported with the
   * entity but kept out of the positional index, so a speaker or setter is never read from them.
   */
  nested?: EntityMention[];
}

export interface MentionRef {
  entity: EntityDraft;
  mention: EntityMention;
}

/** Normalised for comparison (accents, "the", possessive and punctuation dropped, lower case). */
export const normalizeName = remembered(computeNormalizedName, 20_000);

/** The words of a normalised name ("Donald J. Trump" → donald, j, trump). */
export const nameWords = remembered(
  (name): readonly string[] => normalizeName(name).split(' '),
  20_000,
);

function computeNormalizedName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .replace(/^the\s+/i, '')
    .replace(/'s$/i, '')
    .replace(/[^\p{L}\p{N}+&' ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export const slugify = remembered(computeSlug, 20_000);

function computeSlug(name: string): string {
  const slug = normalizeName(name)
    .replace(/\+/g, ' plus')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug === '' ? 'entity' : slug;
}

export class EntityTable {
  readonly entities: EntityDraft[] = [];
  private readonly byName = new Map<string, EntityDraft>();
  private sortedMentions: MentionRef[] | null = null;

  find(name: string): EntityDraft | undefined {
    return this.byName.get(normalizeName(name));
  }

  byKey(key: string): EntityDraft | undefined {
    return this.entities.find((entity) => entity.key === key);
  }

  /** Adds or merges an entity by name/alias; returns the entity that now holds the name. */
  upsert(input: {
    name: string;
    kind: EntityKind;
    aliases?: string[];
    confidence: number;
    knownId?: string;
    country?: string;
  }): EntityDraft {
    const names = [input.name, ...(input.aliases ?? [])];
    let entity: EntityDraft | undefined;
    for (const name of names) {
      entity = this.byName.get(normalizeName(name));
      if (entity) break;
    }
    if (!entity) {
      entity = {
        key: this.uniqueKey(slugify(input.name)),
        name: input.name,
        kind: input.kind,
        aliases: new Set(),
        mentions: [],
        confidence: input.confidence,
        // Every field from the start, so that every draft has one shape: fields added later gave
        // drafts many, and the functions reading them were deoptimised and compiled again.
        title: undefined,
        knownId: input.knownId,
        country: input.country,
        gender: undefined,
        nested: undefined,
      };
      this.entities.push(entity);
    } else {
      entity.confidence = Math.max(entity.confidence, input.confidence);
      if (entity.knownId === undefined && input.knownId !== undefined)
        entity.knownId = input.knownId;
    }
    for (const name of names) this.addAlias(entity, name);
    return entity;
  }

  addAlias(entity: EntityDraft, alias: string): void {
    const normalized = normalizeName(alias);
    if (normalized === '') return;
    if (!this.byName.has(normalized)) this.byName.set(normalized, entity);
    if (normalizeName(entity.name) !== normalized)
      entity.aliases.add(alias.replace(/^the\s+/i, ''));
  }

  /** A longer name for the same entity ("Trump" → "Donald Trump") becomes its name. */
  rename(entity: EntityDraft, name: string): void {
    this.addAlias(entity, entity.name);
    entity.name = name;
    entity.aliases.delete(name);
    this.addAlias(entity, name);
  }

  addMention(entity: EntityDraft, mention: EntityMention): void {
    if (entity.mentions.some((m) => m.start === mention.start && m.end === mention.end)) return;
    entity.mentions.push(mention);
    if (this.sortedMentions) this.insertSorted(entity, mention);
  }

  /**
   * Keeps the sorted mentions as a fresh sort would leave them (by start; on a tie, in entity
   * order, then in the entity's own order), without sorting them all again for each new one.
   */
  private insertSorted(entity: EntityDraft, mention: EntityMention): void {
    const all = this.sortedMentions;
    const order = this.entities.indexOf(entity);
    if (!all || order < 0) {
      this.sortedMentions = null;
      return;
    }
    let at = this.firstStartingAt(mention.start + 1);
    for (; at > 0; at--) {
      const previous = all[at - 1];
      if (!previous || previous.mention.start !== mention.start) break;
      if (this.entities.indexOf(previous.entity) <= order) break;
    }
    all.splice(at, 0, { entity, mention });
  }

  /** Every mention, in text order. */
  mentions(): MentionRef[] {
    if (!this.sortedMentions) {
      const all: MentionRef[] = [];
      for (const entity of this.entities)
        for (const mention of entity.mentions) all.push({ entity, mention });
      all.sort((a, b) => a.mention.start - b.mention.start);
      this.sortedMentions = all;
    }
    return this.sortedMentions;
  }

  mentionsIn(start: number, end: number): MentionRef[] {
    const all = this.mentions();
    const found: MentionRef[] = [];
    for (let i = this.firstStartingAt(start); i < all.length; i++) {
      const ref = all[i];
      if (!ref || ref.mention.start > end) break;
      if (ref.mention.end <= end) found.push(ref);
    }
    return found;
  }

  mentionAt(offset: number): MentionRef | undefined {
    const all = this.mentions();
    const after = this.firstStartingAt(offset + 1);
    for (let i = 0; i < after; i++) {
      const ref = all[i];
      if (ref && offset < ref.mention.end) return ref;
    }
    return undefined;
  }

  /** Mentions before `offset`, nearest first. */
  mentionsBefore(offset: number): MentionRef[] {
    const all = this.mentions();
    const found: MentionRef[] = [];
    // A mention ending by `offset` starts by it too, so only those need a look.
    for (let i = this.firstStartingAt(offset + 1) - 1; i >= 0; i--) {
      const ref = all[i];
      if (ref && ref.mention.end <= offset) found.push(ref);
    }
    return found;
  }

  /** Index of the first mention, in text order, that starts at `offset` or later. */
  private firstStartingAt(offset: number): number {
    const all = this.mentions();
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((all[mid]?.mention.start ?? Infinity) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A mention inside a longer name: reported, but not found by position (see `nested`). */
  addNestedMention(entity: EntityDraft, mention: EntityMention): void {
    const nested = (entity.nested ??= []);
    if (nested.some((m) => m.start === mention.start && m.end === mention.end)) return;
    nested.push(mention);
  }

  /**
   * A longer name found after its fragments ("Economic Co-operation" inside "Organisation for
   * Economic Co-operation and Development (OECD)"): the fragments' mentions inside it go, and a
   * fragment left with none goes too. Places stay, as places nested in a name do.
   */
  dropFragmentsIn(start: number, end: number, keep: EntityDraft): void {
    for (const entity of [...this.entities]) {
      if (entity === keep || entity.kind === 'PLACE' || entity.kind === 'COUNTRY') continue;
      const left = entity.mentions.filter((m) => m.start < start || m.end > end);
      if (left.length === entity.mentions.length) continue;
      entity.mentions = left;
      if (left.length === 0) {
        this.entities.splice(this.entities.indexOf(entity), 1);
        for (const [name, owner] of this.byName) if (owner === entity) this.byName.delete(name);
      }
      this.sortedMentions = null;
    }
  }

  merge(into: EntityDraft, from: EntityDraft): void {
    if (into === from) return;
    for (const mention of from.mentions) this.addMention(into, mention);
    for (const mention of from.nested ?? []) this.addNestedMention(into, mention);
    this.addAlias(into, from.name);
    for (const alias of from.aliases) this.addAlias(into, alias);
    for (const [name, entity] of this.byName) if (entity === from) this.byName.set(name, into);
    if (into.title === undefined && from.title !== undefined) into.title = from.title;
    if (into.gender === undefined && from.gender !== undefined) into.gender = from.gender;
    into.confidence = Math.max(into.confidence, from.confidence);
    this.entities.splice(this.entities.indexOf(from), 1);
    this.sortedMentions = null;
  }

  /** Each entity's name and the aliases reported with it, in table order. */
  names(): { name: string; aliases: string[] }[] {
    return this.entities.map((entity) => ({ name: entity.name, aliases: reportedAliases(entity) }));
  }

  toExtracted(): ExtractedEntity[] {
    return this.entities.map((entity) => {
      const extracted: ExtractedEntity = {
        key: entity.key,
        name: entity.name,
        kind: entity.kind,
        aliases: reportedAliases(entity),
        mentions: [...entity.mentions, ...(entity.nested ?? [])].sort((a, b) => a.start - b.start),
        confidence: round(entity.confidence),
      };
      if (entity.title !== undefined) extracted.title = entity.title;
      if (entity.knownId !== undefined) extracted.knownId = entity.knownId;
      return extracted;
    });
  }

  /**
   * Entities are renamed while extraction runs ("Trump" becomes "Donald Trump"), so keys are made
   * from final names at the end. Returns old key → new key for the references held elsewhere.
   */
  finalizeKeys(): Map<string, string> {
    const renamed = new Map<string, string>();
    const taken = new Set<string>();
    for (const entity of this.entities) {
      const base = slugify(entity.name);
      let key = base;
      for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
      taken.add(key);
      renamed.set(entity.key, key);
    }
    for (const entity of this.entities) entity.key = renamed.get(entity.key) ?? entity.key;
    return renamed;
  }

  private uniqueKey(base: string): string {
    let key = base;
    for (let n = 2; this.entities.some((entity) => entity.key === key); n++) key = `${base}-${n}`;
    return key;
  }
}

/** Aliases that normalise to the name itself are not reported. */
function reportedAliases(entity: EntityDraft): string[] {
  const name = normalizeName(entity.name);
  return [...entity.aliases].filter((alias) => normalizeName(alias) !== name);
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
