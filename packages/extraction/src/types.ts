// The shapes the extraction engine produces. Plain data, no database types: the ingestion service
// maps these onto rows, and the evaluator compares them with hand annotation.

export const ENTITY_KINDS = [
  'PERSON',
  'ORGANIZATION',
  'GOVERNMENT',
  'COUNTRY',
  'PLACE',
  'MEDIA_OUTLET',
  'OTHER',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const QUOTE_CHANNELS = [
  'STATEMENT',
  'INTERVIEW',
  'PRESS_BRIEFING',
  'PRESS_CONFERENCE',
  'SOCIAL_MEDIA',
  'SPEECH',
  'TESTIMONY',
  'FILING',
  'OTHER',
] as const;
export type QuoteChannel = (typeof QUOTE_CHANNELS)[number];

export const DEADLINE_STATUSES = ['PENDING', 'MET', 'MISSED', 'EXTENDED', 'CANCELLED'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const RELATION_TYPES = ['OWNS', 'LEADS', 'PART_OF', 'WORKS_FOR'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** Half-open character range [start, end) in the article body. */
export interface Span {
  start: number;
  end: number;
}

/** An entity the caller already knows (from the database), so extraction links instead of duplicating. */
export interface KnownEntity {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
}

export interface EntityMention extends Span {
  text: string;
  /** NAME for proper names, DESCRIPTION for "the US tech giant", PRONOUN for "he". */
  form: 'NAME' | 'DESCRIPTION' | 'PRONOUN';
}

export interface ExtractedEntity {
  /** Stable within one extraction (slug of the name); the known entity's id is in knownId. */
  key: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  title?: string;
  knownId?: string;
  mentions: EntityMention[];
  confidence: number;
}

export interface ExtractedRelation {
  from: string;
  type: RelationType;
  to: string;
  evidence: Span;
  confidence: number;
}

export interface ExtractedQuote extends Span {
  text: string;
  direct: boolean;
  /** Reported speech with a quoted fragment inside ('said the plan was "a disgrace"'); never direct. */
  mixed: boolean;
  /**
   * Entity key of the speaker, null when the text names nobody we can resolve: such a quote is
   * kept (unattributed, with a low confidence) rather than dropped.
   */
  speaker: string | null;
  speakerTitle: string | null;
  /** The words the speaker was referred to by at the cue ("he", "the company"). */
  speakerMention: string | null;
  cue: string | null;
  channel: QuoteChannel | null;
  /** Entity key of the outlet the quote reached us through ("according to AFP"). */
  via: string | null;
  spokenOn: string | null;
  confidence: number;
  evidence: Span;
}

export interface ExtractedDeadline {
  description: string;
  dueOn: string;
  /** Set when the article reports the date being moved. */
  previousDueOn: string | null;
  setBy: string | null;
  subject: string | null;
  concerns: string[];
  consequence: string | null;
  status: DeadlineStatus;
  confidence: number;
  evidence: Span;
}

export interface Extraction {
  entities: ExtractedEntity[];
  relations: ExtractedRelation[];
  quotes: ExtractedQuote[];
  deadlines: ExtractedDeadline[];
}

export interface ArticleInput {
  body: string;
  /** YYYY-MM-DD; relative dates ("on Friday") are resolved against it. */
  publishedOn: string;
  datelines?: string[];
}
