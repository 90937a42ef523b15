// Turns the words that name a speaker or an actor ("Instagram head Adam Mosseri", "he",
// "the US tech giant", "a Chinese Foreign Ministry spokesperson") into an entity of the article.
// Descriptions and pronouns resolve to whoever spoke last, when that fits, because wire copy
// almost always refers back to the most recent speaker.
import type { EntityDraft, EntityTable } from './entity-table';
import {
  COUNTRIES,
  GOVERNMENT_DESCRIPTORS,
  ORGANIZATION_DESCRIPTORS,
  PERSON_TITLES,
  SPEAKER_PRONOUNS,
  SPOKESPERSON_WORDS,
} from './gazetteer';
import { readSet } from './data';
import { firstNameGender } from './lexicon';
import { reportingVerbs } from './reporting-verbs';
import type { EntityKind, QuoteChannel, RelationType } from './types';

/** Nouns for a man or a woman that an apposition gives a name ("her brother", "his widow"). */
const MALE_NOUNS = [
  'brother',
  'son',
  'husband',
  'father',
  'uncle',
  'nephew',
  'grandson',
  'grandfather',
  'boyfriend',
  'widower',
  'businessman',
  'chairman',
  'spokesman',
  'policeman',
  'fisherman',
];
const FEMALE_NOUNS = new Set([
  'sister',
  'daughter',
  'wife',
  'mother',
  'aunt',
  'niece',
  'granddaughter',
  'grandmother',
  'girlfriend',
  'widow',
  'businesswoman',
  'chairwoman',
  'spokeswoman',
  'policewoman',
  'actress',
]);
const GENDERED_NOUNS = [...MALE_NOUNS, ...FEMALE_NOUNS].join('|');
/** "Her brother, X", "the dead man's widow, X": the noun right before the name. */
const KIN_BEFORE = new RegExp(
  String.raw`\b(?:[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Tt]he|\p{Lu}[\p{L}-]*['’]s?)\s+(?:[\p{Ll}-]+\s+)?(${GENDERED_NOUNS}),?\s+$`,
  'u',
);
/** "X, his daughter,", "X, a businesswoman from Y": the noun of the apposition after it. */
const KIN_AFTER = new RegExp(
  String.raw`^,\s+(?:[Hh]is|[Hh]er|[Tt]heir|the|a|an|\p{Lu}[\p{L}-]*['’]s?)\s+(?:[\p{Ll}-]+\s+)?(${GENDERED_NOUNS})\b`,
  'u',
);

/** ", a shift supervisor", ", the plant's chief engineer": the head noun of an apposition. */
const PERSON_APPOSITION =
  /^,\s+(?:a|an|the|his|her|their|its)\s+(?:[\p{L}'’-]+\s+){0,3}?([\p{Ll}-]+)(?=[\s,.;]|$)(?!\s+\p{Ll})/u;

/** The endings of English agent nouns ("supervisor", "farmer", "economist", "fisherman"). */
const AGENT_NOUN = /^[a-z]{3,}(?:er|or|ist|ian|man|woman)$/;

/** Object pronouns of one person, by the gender they require. */
const OBJECT_PRONOUNS: Record<string, 'male' | 'female'> = { him: 'male', her: 'female' };

const FEMALE_NAMES = readSet('first-names-female.txt');
const MALE_NAMES = readSet('first-names-male.txt');
const PERSON_DESCRIPTORS = readSet('person-descriptors.txt');
const DOCUMENT_NOUNS = readSet('document-nouns.txt');
/** "the Brazilian wrote": a nationality used as a noun describes a person. */
const NATIONALITY_NOUNS = new Set(
  COUNTRIES.flatMap((country) => country.adjectives)
    .filter((adjective) => /^\p{Lu}\p{Ll}+$/u.test(adjective))
    .map((adjective) => adjective.toLowerCase()),
);

/** "the 61-year-old", "the Brazilian", "the veteran coach": words that can only describe a person. */
function describesPerson(noun: string): boolean {
  return (
    PERSON_DESCRIPTORS.has(noun) ||
    /^(?:\d+|[a-z]+)-year-old$/.test(noun) ||
    NATIONALITY_NOUNS.has(noun)
  );
}

/** "the lawmaker" for a member of parliament or a senator: description nouns and the titles they cover. */
const TITLE_CLASSES: Record<string, RegExp> = {
  lawmaker:
    /\b(?:mp|member of parliament|senator|sen\.?|rep\.?|representative|congress(?:wo)?man|assembly(?:wo)?man|legislator|lawmaker|deputy|mep)\b/,
  legislator:
    /\b(?:mp|member of parliament|senator|sen\.?|rep\.?|representative|congress(?:wo)?man|assembly(?:wo)?man|legislator|lawmaker|deputy|mep)\b/,
  executive: /\b(?:chief executive|ceo|managing director|executive)\b/,
};

/** Description nouns and the words the names of bodies of that trade end in. */
const TRADE_HEADS: Record<string, string[]> = {
  airline: ['Airways', 'Airlines', 'Air'],
  carrier: ['Airways', 'Airlines', 'Air', 'Lines', 'Shipping'],
  carmaker: ['Motors', 'Motor', 'Automotive', 'Motorenwerke', 'Autos'],
  automaker: ['Motors', 'Motor', 'Automotive', 'Autos'],
  insurer: ['Insurance', 'Assurance'],
  miner: ['Mining', 'Resources', 'Minerals', 'Metals'],
  drugmaker: ['Pharma', 'Pharmaceuticals', 'Therapeutics', 'Biotherapeutics'],
  chipmaker: ['Semiconductors', 'Semiconductor', 'Microelectronics'],
  broadcaster: ['Broadcasting', 'Television', 'Radio', 'TV'],
  lender: ['Bank', 'Banco', 'Finance', 'Credit'],
  utility: ['Energy', 'Power', 'Water', 'Electric', 'Gas'],
  university: ['University', 'College'],
  fund: [
    'Capital',
    'Partners',
    'Investments',
    'Management',
    'Fund',
    'Asset',
    'Advisers',
    'Advisors',
  ],
};

function titleFits(noun: string, title: string | undefined): boolean {
  if (!title) return false;
  const lower = title.toLowerCase();
  return lower.includes(noun) || (TITLE_CLASSES[noun]?.test(lower) ?? false);
}

export interface Utterance {
  speaker: EntityDraft;
  position: number;
  paragraph: number;
  channel: QuoteChannel | null;
  via: EntityDraft | null;
  spokenOn: string | null;
  speakerTitle: string | null;
}

export interface ResolvedActor {
  entity: EntityDraft;
  /** The words used for it at this place ("he", "the company"), null when it is the name itself. */
  mention: { start: number; end: number; text: string; form: 'DESCRIPTION' | 'PRONOUN' } | null;
  title: string | null;
}

export interface RelationLookup {
  /** Entities `from` that stand in `type` to `to` ("who LEADS Instagram"). */
  sources(type: RelationType, to: EntityDraft): EntityDraft[];
}

/** "her deputy", "his long-time lawyer": a person described by whose they are. */
const POSSESSED_DESCRIPTION = /^(?:his|her|their|His|Her|Their)\s+(?:[a-z-]+\s+)?([a-z-]{3,})$/;
/** "… and her deputy, " right before a name: the apposition that names a possessed noun. */
const POSSESSED_APPOSITION = /\b(?:his|her|their|His|Her|Their)\s+(?:[a-z-]+\s+)?[a-z-]+,\s+$/;

/** Names of one court filing: "the lawsuit", "the complaint", "the filing". */
const LEGAL_FILINGS = new Set(['filing', 'lawsuit', 'complaint', 'petition', 'suit']);

/** What puts a document's author after it: "by X", "filed on Monday by X". */
const DOCUMENT_BY =
  /^,?\s+(?:(?:filed|brought|lodged|submitted|issued|written|commissioned|prepared)\s+(?:[^.,;]{0,30}?\s+)?)?(?:by|from)\s+/;

/** A paragraph opening "The teacher, " or "The retired nurse, ", a name in apposition next. */
const DESCRIPTION_NAMED = /^\n(?:The|the)\s+(?:[a-z-]+\s+){0,2}[a-z-]+,\s+$/;

const LEADER_OF =
  /\b(?:the\s+)?(head|chief|chief executive|founder|leader|chairman|chairwoman|chair|president|director general|director|administrator)\s+of\s+/i;

export class SpeakerResolver {
  readonly utterances: Utterance[] = [];

  /** Gender learnt from pronouns already resolved ("Okonkwo … She told reporters"). */
  private readonly pronounGender = new Map<EntityDraft, 'male' | 'female'>();

  constructor(
    private readonly body: string,
    private readonly table: EntityTable,
    private readonly relations: RelationLookup,
    private readonly titles: Map<number, string>,
    /** Start of the sentence holding an offset; lets pronouns prefer a sentence's subject. */
    private readonly sentenceStart: (offset: number) => number = () => 0,
    /** The body with quoted text blanked out: a name inside a quotation is nobody's subject. */
    private readonly masked: string = body,
  ) {}

  private quoted(offset: number): boolean {
    return this.masked[offset] !== this.body[offset];
  }

  /** What the text says about a person's gender: first name, honorific or title, pronouns. */
  genderOf(entity: EntityDraft): 'male' | 'female' | undefined {
    if (entity.kind !== 'PERSON') return undefined;
    if (entity.gender) return entity.gender;
    const learnt = this.pronounGender.get(entity);
    if (learnt) return learnt;
    const first = entity.name.split(/\s+/)[0] ?? '';
    if (entity.name.includes(' ')) {
      if (FEMALE_NAMES.has(first)) return 'female';
      if (MALE_NAMES.has(first)) return 'male';
    }
    const title = (entity.title ?? '').toLowerCase();
    if (/\b(?:ms|mrs|miss|madam|dame|lady|\w+woman)\b/.test(title)) return 'female';
    if (/\b(?:mr|sir|lord)\b/.test(title)) return 'male';
    for (const mention of entity.mentions) {
      const before = this.body.slice(Math.max(0, mention.start - 6), mention.start);
      if (/\b(?:Ms|Mrs|Miss)\.?\s+$/.test(before)) return 'female';
      if (/\bMr\.?\s+$/.test(before)) return 'male';
    }
    // "Her brother, Tunde,", "Ama Mahama, his daughter,": a kinship or a gendered noun in
    // apposition.
    for (const mention of entity.mentions) {
      if (mention.form !== 'NAME') continue;
      const noun =
        KIN_BEFORE.exec(this.body.slice(Math.max(0, mention.start - 40), mention.start))?.[1] ??
        KIN_AFTER.exec(this.body.slice(mention.end, mention.end + 40))?.[1];
      if (noun) return FEMALE_NOUNS.has(noun.toLowerCase()) ? 'female' : 'male';
    }
    return undefined;
  }

  /** Resolves the phrase body[start, end) as an actor at `position`. */
  resolve(start: number, end: number, position: number): ResolvedActor | null {
    const raw = this.body.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text === '' || /_/.test(text)) return null;
    const from = start + lead;
    const mentions = this.table.mentionsIn(from, from + text.length);
    const named = mentions.filter((ref) => ref.mention.form === 'NAME');

    const leader = LEADER_OF.exec(text);
    // "A former finance chief of Brightvault": not the one who leads it now.
    const notTheLeader =
      leader !== null &&
      /^(?:a|an)\s|\bformer\b/i.test(text.slice(0, leader.index + leader[0].length));
    if (leader && !notTheLeader && !named.some((ref) => ref.entity.kind === 'PERSON')) {
      const orgRef = named.find(
        (ref) => ref.mention.start >= from + leader.index + leader[0].length - 1,
      );
      if (orgRef) {
        const [person] = this.relations.sources('LEADS', orgRef.entity);
        if (person) {
          const phrase = stripTrailingAdverbials(text);
          return {
            entity: person,
            mention: { start: from, end: from + phrase.length, text: phrase, form: 'DESCRIPTION' },
            title: `${leader[1] ?? ''} of ${orgRef.entity.name}`,
          };
        }
      }
    }

    const spokes = /\b(spokesperson|spokesman|spokeswoman)\b/i.exec(text);
    if (spokes) {
      const title = spokes[1]?.toLowerCase() ?? 'spokesperson';
      const person = rightmost(named.filter((ref) => ref.entity.kind === 'PERSON'));
      if (person) return { entity: person.entity, mention: null, title };
      const forMatch = /\b(?:spokes(?:person|man|woman))\s+for\s+(.+)$/i.exec(text);
      if (forMatch && forMatch[1]) {
        const innerStart = from + text.length - forMatch[1].length;
        const owner = this.resolve(innerStart, from + text.length, position);
        if (owner) return { entity: owner.entity, mention: descriptionMention(from, text), title };
      }
      const institution = rightmost(
        named.filter(
          (ref) =>
            ref.entity.kind !== 'PERSON' &&
            ref.entity.kind !== 'MEDIA_OUTLET' &&
            ref.entity.kind !== 'PLACE',
        ),
      );
      if (institution) return { entity: institution.entity, mention: null, title };
      const descriptor = /\b([a-z-]+)\s+spokes(?:person|man|woman)\b/i
        .exec(text)?.[1]
        ?.toLowerCase();
      if (
        descriptor &&
        (ORGANIZATION_DESCRIPTORS.has(descriptor) || GOVERNMENT_DESCRIPTORS.has(descriptor))
      ) {
        const owner = this.byDescription(descriptor, position);
        if (owner) return { entity: owner, mention: descriptionMention(from, text), title };
      }
      // "the spokeswoman said": the spokesperson who spoke last.
      const previous = [...this.utterances]
        .reverse()
        .find((u) => u.speakerTitle !== null && SPOKESPERSON_WORDS.has(u.speakerTitle));
      if (previous)
        return { entity: previous.speaker, mention: descriptionMention(from, text), title };
      return null;
    }

    const person = rightmost(named.filter((ref) => ref.entity.kind === 'PERSON'));
    if (person)
      return {
        entity: person.entity,
        mention: null,
        title: this.titles.get(person.mention.start) ?? null,
      };

    // "the US tech giant", "TikTok's owner": a description whose head noun is not part of a name;
    // the names inside only modify it.
    const core = stripTrailingAdverbials(text);
    const head = /((?:\d+-)?[\p{L}-]+)$/u.exec(core)?.[1] ?? '';
    const headCovered = named.some((ref) => ref.mention.end >= from + core.length - 1);
    // "Canada's environment minister has told …": a country's or a body's officeholder is a
    // person, described by the office before or after being named.
    const ownedOffice =
      /^\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*['’]s\s/u.test(core) &&
      (describesPerson(head) || PERSON_TITLES.includes(head));
    // "A senior official said …": an indefinite description brings in someone the article has
    // not named, never the person named last.
    if (
      !headCovered &&
      /^(?:a|an)\s/i.test(core) &&
      (describesPerson(head) || PERSON_TITLES.includes(head))
    )
      return this.introducedNext(from, core);
    if (
      !headCovered &&
      head === head.toLowerCase() &&
      (/^(?:the|a|an|its|their|this|that)\b/i.test(core) || ownedOffice)
    ) {
      const entity = this.byDescription(head, Math.min(position, from), core);
      if (entity) {
        return {
          entity,
          mention: { start: from, end: from + core.length, text: core, form: 'DESCRIPTION' },
          title: null,
        };
      }
    }

    // "A former finance chief of Brightvault testified": someone who no longer speaks for it.
    if (/^(?:a|an|the|its|their)\s+former\s/i.test(core)) return this.introducedNext(from, core);
    const institution = rightmost(named.filter((ref) => ref.entity.kind !== 'PLACE'));
    const nonOutlet = rightmost(
      named.filter((ref) => ref.entity.kind !== 'PLACE' && ref.entity.kind !== 'MEDIA_OUTLET'),
    );
    if (nonOutlet) return { entity: nonOutlet.entity, mention: null, title: null };
    if (institution) return { entity: institution.entity, mention: null, title: null };

    // "her deputy replied" after "her deputy, Pedro Lobo,": the person named in apposition to
    // the same possessed noun.
    const possessed = POSSESSED_DESCRIPTION.exec(core)?.[1];
    if (possessed) {
      for (const ref of this.table.mentionsBefore(Math.min(position, from))) {
        if (ref.mention.form !== 'NAME' || ref.entity.kind !== 'PERSON') continue;
        const before = this.body.slice(Math.max(0, ref.mention.start - 40), ref.mention.start);
        if (before.endsWith(`${possessed}, `) && POSSESSED_APPOSITION.test(before))
          return { entity: ref.entity, mention: descriptionMention(from, core), title: null };
      }
    }
    // "His campaign said in a statement", "her office said": the body that speaks for a person
    // named by a pronoun is that person's voice.
    const owned =
      /^(his|her|His|Her)\s+(?:[a-z-]+\s+)?(?:campaign|office|camp|team|administration)$/.exec(
        core,
      )?.[1];
    if (owned) {
      const entity = this.byPronoun(owned.toLowerCase() === 'his' ? 'he' : 'she', position);
      if (entity) return { entity, mention: descriptionMention(from, core), title: null };
    }

    const pronoun = /^(?:and\s+)?(he|she|they|it|we|He|She|They|It|We)$/.exec(core)?.[1];
    if (pronoun) {
      const entity = this.byPronoun(pronoun.toLowerCase(), position);
      if (!entity) return null;
      const at = from + core.lastIndexOf(pronoun);
      return {
        entity,
        mention: { start: at, end: at + pronoun.length, text: pronoun, form: 'PRONOUN' },
        title: null,
      };
    }

    // "A separate email to regional managers": the head noun comes before its complement.
    const description =
      /\b(?:the|a|an|its|this|that)\s+((?:[\p{L}-]+\s+){0,3}?)([\p{L}-]+)$/iu.exec(core) ??
      /\b(?:the|a|an|its|this|that)\s+((?:[\p{L}-]+\s+){0,3}?)([\p{L}-]+)(?=\s+(?:to|for|from|sent|seen|obtained|issued)\s)/iu.exec(
        core,
      );
    if (description) {
      const noun = (description[2] ?? '').toLowerCase();
      const entity = this.byDescription(noun, Math.min(position, from), description[0]);
      if (entity) {
        const descText = description[0];
        const at = from + text.indexOf(descText);
        return {
          entity,
          mention: { start: at, end: at + descText.length, text: descText, form: 'DESCRIPTION' },
          title: null,
        };
      }
    }
    return null;
  }

  /**
   * "A former procurement chief … told a court on Tuesday that …. Testifying …, Josphat Mwangi
   * said": a lead that describes its speaker names them as the next sentence's speaker. Only in
   * the article's first sentence, and only a person named next as the subject of a verb of speech.
   */
  private introducedNext(from: number, core: string): ResolvedActor | null {
    const entity = this.namedInNextSentence(from);
    return entity ? { entity, mention: descriptionMention(from, core), title: null } : null;
  }

  private namedInNextSentence(from: number): EntityDraft | null {
    // The article's first sentence only.
    if (/[.!?]["”]?\s/.test(this.masked.slice(0, from))) return null;
    const end = /[.!?]["”]?(?:\s|$)/.exec(this.masked.slice(from));
    if (!end) return null;
    const next = from + end.index + end[0].length;
    const first = this.table
      .mentionsIn(next, next + 300)
      .find(
        (ref) =>
          ref.mention.form === 'NAME' &&
          ref.entity.kind === 'PERSON' &&
          !this.quoted(ref.mention.start),
      );
    if (!first) return null;
    const verb = /^\s+([a-z]+)\b/.exec(
      this.body.slice(first.mention.end, first.mention.end + 20),
    )?.[1];
    return verb !== undefined && reportingVerbs().cues.has(verb) ? first.entity : null;
  }

  /**
   * "asked him to respond": the person of the pronoun's gender named last before it, who is not
   * the subject of its verb ("Marsh had asked him": an object pronoun is never its clause's
   * subject).
   */
  byObjectPronoun(pronoun: string, position: number): EntityDraft | null {
    const want = OBJECT_PRONOUNS[pronoun.toLowerCase()];
    if (!want) return null;
    const subject = this.table
      .mentionsBefore(position)
      .find((ref) =>
        /^\s+(?:[a-z]+\s+){1,3}$/.test(this.body.slice(ref.mention.end, position)),
      )?.entity;
    for (const ref of this.table.mentionsBefore(position)) {
      if (ref.entity.kind !== 'PERSON' || ref.entity === subject) continue;
      if (this.genderOf(ref.entity) === want) return ref.entity;
    }
    return null;
  }

  byPronoun(pronoun: string, position: number): EntityDraft | null {
    const want = SPEAKER_PRONOUNS[pronoun];
    if (want === undefined) return null;
    const last = this.lastUtteranceBefore(position);
    if (want !== 'male' && want !== 'female') {
      const fits = (entity: EntityDraft): boolean =>
        (entity.kind !== 'PERSON' || this.introducedAsOrganisation(entity)) &&
        entity.kind !== 'PLACE' &&
        entity.kind !== 'MEDIA_OUTLET';
      // "The regulator also ordered Savanna to … It said": an "it" opening a sentence is the
      // institution the sentence before opened with (its subject), not the object named last.
      const opening = this.sentenceStart(position);
      if (
        pronoun === 'it' &&
        opening > 0 &&
        /^\s*it\s*$/i.test(this.masked.slice(opening, position))
      ) {
        const previous = this.sentenceStart(opening - 2);
        const subject = this.openingInstitution(previous, opening);
        if (subject && fits(subject) && subject !== last?.speaker) return subject;
      }
      if (last && fits(last.speaker)) return last.speaker;
      for (const ref of this.table.mentionsBefore(position))
        if (fits(ref.entity)) return ref.entity;
      return null;
    }
    // "she" is never a known man: a person of the right gender first, one of unknown gender only
    // when no known one is at hand. The subject of a sentence since the last quote comes before
    // the last speaker ("Monkton appeared on radio … 'It is not a tax,' he said").
    const strict = (entity: EntityDraft): boolean =>
      entity.kind === 'PERSON' && this.genderOf(entity) === want;
    const loose = (entity: EntityDraft): boolean =>
      entity.kind === 'PERSON' && this.genderOf(entity) === undefined;
    // The first name of each sentence since the last quote, nearest sentence first.
    const subjects: EntityDraft[] = [];
    let previousSentence = -1;
    for (const ref of this.table.mentionsIn(last?.position ?? 0, position)) {
      if (ref.mention.form !== 'NAME' || this.quoted(ref.mention.start)) continue;
      const sentence = this.sentenceStart(ref.mention.start);
      if (sentence === previousSentence) continue;
      // Only the sentence's first name: "Smith told Jones" after Smith's quote has no new subject.
      // An institution before a person is the person's ("Rovers' captain, … Kofi Asante-Bekoe,").
      const earlier = this.table
        .mentionsIn(sentence, ref.mention.start)
        .some(
          (other) =>
            other.mention.form === 'NAME' &&
            other !== ref &&
            (other.entity.kind === 'PERSON' || ref.entity.kind !== 'PERSON'),
        );
      if (earlier) continue;
      if (ref.entity.kind === 'PERSON') previousSentence = sentence;
      subjects.unshift(ref.entity);
    }
    // "A bank spokeswoman said … '…,' she said": the organisation's spokeswoman goes on speaking
    // for it while no one else has been named.
    const spokesGender = /^spokes(wo)?man$/.exec(last?.speakerTitle ?? '');
    if (
      last &&
      subjects.length === 0 &&
      !this.body.slice(last.position, position).includes('\n') &&
      last.speaker.kind !== 'PERSON' &&
      last.speakerTitle !== null &&
      SPOKESPERSON_WORDS.has(last.speakerTitle) &&
      (!spokesGender || (spokesGender[1] ? 'female' : 'male') === want)
    )
      return last.speaker;
    const nearby = this.table.mentionsBefore(position).map((ref) => ref.entity);
    // Nearness decides before certainty: a subject since the last quote whose gender the text
    // never told ("Yetunde Bakare-Olatunji") beats a known woman named paragraphs earlier.
    const lastSpeaker = last ? [last.speaker] : [];
    const chosen =
      subjects.find(strict) ??
      subjects.find(loose) ??
      lastSpeaker.find(strict) ??
      lastSpeaker.find(loose) ??
      nearby.find(strict) ??
      nearby.find(loose) ??
      this.namedAhead(position, strict, loose);
    if (chosen && this.genderOf(chosen) === undefined) this.pronounGender.set(chosen, want);
    return chosen;
  }

  /** The institution a sentence opens with: its first name, or "The regulator" resolved. */
  private openingInstitution(start: number, end: number): EntityDraft | null {
    const text = this.masked.slice(start, end);
    const described =
      /^\s*(?:The|Its)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\s+(?:also\s+|has\s+|had\s+|then\s+)*[a-z]+(?:ed|s)\b/.exec(
        text,
      );
    if (described?.[1]) return this.byDescription(described[1], start + described[0].length);
    const first = this.table.mentionsIn(start, end)[0];
    if (!first || first.mention.form !== 'NAME') return null;
    return /^\s*(?:the\s+)?$/i.test(this.body.slice(start, first.mention.start))
      ? first.entity
      : null;
  }

  /** The person opening each sentence in [from, position), nearest sentence first. */
  private sentenceSubjects(from: number, position: number): EntityDraft[] {
    const subjects: EntityDraft[] = [];
    let previousSentence = -1;
    for (const ref of this.table.mentionsIn(from, position)) {
      if (ref.mention.form !== 'NAME' || this.quoted(ref.mention.start)) continue;
      const sentence = this.sentenceStart(ref.mention.start);
      if (sentence === previousSentence || ref.entity.kind !== 'PERSON') continue;
      const earlier = this.table
        .mentionsIn(sentence, ref.mention.start)
        .some(
          (other) =>
            other !== ref && other.mention.form === 'NAME' && other.entity.kind === 'PERSON',
        );
      if (earlier) continue;
      previousSentence = sentence;
      subjects.unshift(ref.entity);
    }
    return subjects;
  }

  /**
   * "The union's leader was defiant. '…,' she said. The leader, Maria Okoro, …": with nobody
   * before who fits, a speaker described before being named is the person named just after.
   */
  private namedAhead(
    position: number,
    strict: (entity: EntityDraft) => boolean,
    loose: (entity: EntityDraft) => boolean,
  ): EntityDraft | null {
    const paragraphEnd = this.body.indexOf('\n', position);
    const end = Math.min(position + 300, paragraphEnd < 0 ? this.body.length : paragraphEnd);
    const ahead = this.table
      .mentionsIn(position, end)
      .filter((ref) => ref.mention.form === 'NAME')
      .map((ref) => ref.entity);
    const found = ahead.find(strict) ?? ahead.find(loose);
    if (found || paragraphEnd < 0) return found ?? null;
    // "A retired schoolteacher … '…,' she said. ¶ The teacher, Maelle Kerdoncuff, is …": the
    // description taken up and named in apposition at the head of the next paragraph.
    const next = this.table
      .mentionsIn(paragraphEnd, paragraphEnd + 120)
      .filter(
        (ref) =>
          ref.mention.form === 'NAME' &&
          DESCRIPTION_NAMED.test(this.body.slice(paragraphEnd, ref.mention.start)),
      )
      .map((ref) => ref.entity);
    return next.find(strict) ?? next.find(loose) ?? null;
  }

  /** "the company", "the US tech giant", "the statement", "the governor". */
  byDescription(noun: string, position: number, phrase = ''): EntityDraft | null {
    if (describesPerson(noun) || PERSON_TITLES.includes(noun)) {
      // "the Greens leader": the person written about in a sentence with the Greens in it, not
      // someone else whose title happens to say "leader".
      const qualified = this.byQualifier(phrase, position);
      if (qualified) return qualified;
    }
    // "A club statement said", "a party memo says": the body the document's modifier describes.
    if (noun === 'statement' || DOCUMENT_NOUNS.has(noun)) {
      // A loop, not split … map … find: map's array of no words has another shape, which sent
      // this function back to the compiler (V8) time and again.
      const words = phrase.split(/\s+/);
      let owner: string | undefined;
      for (let k = 1; k < words.length - 1; k++) {
        const word = (words[k] as string).toLowerCase().replace(/['’]s$/, '');
        if (ORGANIZATION_DESCRIPTORS.has(word) || GOVERNMENT_DESCRIPTORS.has(word)) {
          owner = word;
          break;
        }
      }
      // The body of that kind named last: "… ordered the club to …. A club statement said".
      const kind: EntityKind =
        owner && ORGANIZATION_DESCRIPTORS.has(owner) ? 'ORGANIZATION' : 'GOVERNMENT';
      const issuer = owner
        ? this.table
            .mentionsBefore(position)
            .find((ref) => ref.entity.kind === kind && !this.quoted(ref.mention.start))
        : undefined;
      if (issuer) return issuer.entity;
    }
    if (noun === 'statement') {
      const previous = [...this.utterances]
        .reverse()
        .find((u) => u.position < position && u.channel === 'STATEMENT');
      return previous?.speaker ?? null;
    }
    // "the group" after "The campaign group Fair Freight": the entity introduced with that noun.
    if (/^[a-z-]{3,}$/.test(noun)) {
      // Also "a supermarket chain, Greenfold": a lower-case noun in apposition, never the last
      // word of a name ("Denby District Council, Aleksander Nowicki").
      const introduced = new RegExp(`\\b${noun}\\s+$`, 'i');
      const apposed = new RegExp(
        `\\b(?:[Aa]n?|[Tt]he)\\s+(?:[\\p{Ll}-]+\\s+){0,2}${noun},\\s+$`,
        'u',
      );
      const governed = new RegExp(
        `\\b(?:to|in|for|with|from|at|on|by|of|after|before|against|under)\\s+(?:an?|the)\\s+(?:[\\p{Ll}-]+\\s+){0,2}${noun},\\s+$`,
        'u',
      );
      for (const ref of this.table.mentionsBefore(position)) {
        if (ref.mention.form !== 'NAME') continue;
        const before = this.body.slice(Math.max(0, ref.mention.start - 40), ref.mention.start);
        // "In a written reply to the union, Pell said": after a preposition, a phrase that the name
        // does not close with a comma ends an opening adverbial ("a contract with a supermarket
        // chain, Greenfold, that …" is still an apposition).
        const closed = this.body.startsWith(',', ref.mention.end);
        // The patterns end in the noun and spaces: a cheap test first, as most names fail it.
        const tail = before.trimEnd();
        if (
          before.endsWith(', ')
            ? tail.endsWith(`${noun},`) &&
              apposed.test(before) &&
              (closed || !governed.test(before))
            : tail.toLowerCase().endsWith(noun) && introduced.test(before)
        )
          return ref.entity;
      }
    }
    if (DOCUMENT_NOUNS.has(noun)) {
      const author = this.documentAuthor(noun, position);
      if (author) return author;
      // "the memo says": the organisation the article is about issued it.
      // Ties go to the one named first: an article names its subject early.
      // "the ruling says": a ruling or decision is a public body's, whoever it concerns.
      const issued = /^(?:ruling|judgment|judgement|decision|verdict)$/.test(noun);
      // "the ruling says": a court's, the nearest named before it or else the first named after.
      if (noun !== 'decision') {
        const courts = this.table
          .mentionsBefore(position)
          .filter(
            (ref) =>
              ref.entity.kind === 'GOVERNMENT' && /\b(?:Court|Tribunal)\b/.test(ref.entity.name),
          );
        // A court named after it, unless as the one appealed to ("can appeal to the Circuit Court").
        const court =
          courts[0]?.entity ??
          this.table
            .mentionsIn(position, this.body.length)
            .find(
              (ref) =>
                ref.entity.kind === 'GOVERNMENT' &&
                /\b(?:Court|Tribunal)\b/.test(ref.entity.name) &&
                !/\b(?:to|before|in)\s+(?:the\s+)?$/i.test(
                  this.body.slice(Math.max(0, ref.mention.start - 12), ref.mention.start),
                ),
            )?.entity;
        if (court) return court;
        // "U.S. District Judge X wrote … the ruling says": with no court named, the judge's.
        const judge =
          issued &&
          this.table
            .mentionsBefore(position)
            .find(
              (ref) =>
                ref.entity.kind === 'PERSON' &&
                /\b(?:judge|justice|magistrate)\b/i.test(ref.entity.title ?? ''),
            );
        if (judge) return judge.entity;
      }
      const issuers = issued
        ? this.table.mentionsBefore(position).filter((ref) => ref.entity.kind === 'GOVERNMENT')
        : [];
      const counts = new Map<EntityDraft, number>();
      for (const ref of [
        ...(issuers.length > 0 ? issuers : this.table.mentionsBefore(position)),
      ].reverse()) {
        // A name inside a quotation is what someone said, not who wrote the document.
        if (this.quoted(ref.mention.start)) continue;
        if (ref.entity.kind === 'ORGANIZATION' || ref.entity.kind === 'GOVERNMENT')
          counts.set(ref.entity, (counts.get(ref.entity) ?? 0) + 1);
      }
      let best: EntityDraft | null = null;
      let bestCount = 0;
      for (const [entity, count] of counts)
        if (count > bestCount) [best, bestCount] = [entity, count];
      return best;
    }
    let kinds: EntityKind[] | null = null;
    if (ORGANIZATION_DESCRIPTORS.has(noun)) kinds = ['ORGANIZATION'];
    else if (GOVERNMENT_DESCRIPTORS.has(noun)) kinds = ['GOVERNMENT'];
    // "The commission said" after "a ministry spokesman said": a body whose name carries the
    // noun comes before the last body that spoke.
    if (kinds && noun.length > 3) {
      const head = noun[0]?.toUpperCase() + noun.slice(1);
      // "The airline said" after "Skyvale Airways": the words a name of that trade ends in.
      const heads = [head, ...(TRADE_HEADS[noun] ?? [])];
      const named = this.table
        .mentionsBefore(position)
        .find(
          (ref) =>
            kinds?.includes(ref.entity.kind) &&
            ref.entity.name.split(/\s+/).some((word) => heads.includes(word)),
        );
      if (named) return named.entity;
      const phraseWords = phrase.split(/\s+/);
      const qualifiers: string[] = [];
      for (let k = 1; k < phraseWords.length - 1; k++) {
        const word = (phraseWords[k] as string).toLowerCase();
        if (/^\p{L}{4,}$/u.test(word)) qualifiers.push(word);
      }
      // "… their union said on Tuesday. The Aotearoa Nurses Union gave …": a body described in
      // the lead before the sentence that names it.
      const ahead = this.table.mentionsIn(position, position + 400).find(
        (ref) =>
          ref.mention.form === 'NAME' &&
          kinds?.includes(ref.entity.kind) &&
          ref.entity.name.split(/\s+/).some((word) => heads.includes(word)) &&
          // "the Icelandic foreign ministry" is not the fisheries ministry named next.
          (qualifiers.length === 0 ||
            qualifiers.some((word) => ref.entity.name.toLowerCase().includes(word))),
      );
      if (ahead) return ahead.entity;
    }
    if (kinds) {
      const wanted = kinds;
      // "Halvorsen rejected the claims. In a statement, the company said": the body the sentence
      // before opened with, before the last one of that kind to speak.
      const opening = this.sentenceStart(position);
      if (opening > 0) {
        const subject = this.openingInstitution(this.sentenceStart(opening - 2), opening);
        if (subject && wanted.includes(subject.kind)) return subject;
      }
      // A speaker of the wanted kind first; a name typed PERSON that may be a company only when
      // no organisation has spoken.
      const earlier = [...this.utterances].reverse().filter((u) => u.position < position);
      const previous =
        earlier.find((u) => wanted.includes(u.speaker.kind)) ??
        // A name typed PERSON may be a company, never a government body.
        (wanted.includes('ORGANIZATION')
          ? earlier.find((u) => this.introducedAsOrganisation(u.speaker))
          : undefined);
      if (previous) return previous.speaker;
      const counts = new Map<EntityDraft, number>();
      for (const ref of this.table.mentionsBefore(position)) {
        if (wanted.includes(ref.entity.kind))
          counts.set(ref.entity, (counts.get(ref.entity) ?? 0) + 1);
      }
      let best: EntityDraft | null = null;
      let bestCount = 0;
      for (const [entity, count] of counts)
        if (count > bestCount) [best, bestCount] = [entity, count];
      if (best) return best;
    }
    // "the chamber" for "Oxley Chamber of Commerce", "the commission" for "European Commission";
    // failing the head, a modifier: "the hospital trust" for "St Aldhelm's Hospital".
    const modifiers = phrase
      .split(/\s+/)
      .slice(1, -1)
      .filter((word) => /^\p{Ll}{4,}$/u.test(word) && !describesPerson(word));
    for (const word of noun.length > 3 ? [noun, ...modifiers] : modifiers) {
      const head = word[0]?.toUpperCase() + word.slice(1);
      for (const ref of this.table.mentionsBefore(position)) {
        if (ref.entity.kind === 'PERSON' || ref.entity.kind === 'PLACE') continue;
        const { name } = ref.entity;
        if (name.includes(head) && name.split(/\s+/).includes(head)) return ref.entity;
      }
    }
    if (describesPerson(noun)) {
      // "The Republican lawmaker conceded …": the person the description was written about,
      // most often the one just quoted or the last person named.
      const want = noun === 'woman' ? 'female' : noun === 'man' ? 'male' : undefined;
      const fits = (entity: EntityDraft): boolean =>
        entity.kind === 'PERSON' &&
        (want === undefined || this.genderOf(entity) !== (want === 'female' ? 'male' : 'female'));
      const titled = this.table
        .mentionsBefore(position)
        .find((ref) => fits(ref.entity) && titleFits(noun, ref.entity.title));
      if (titled) return titled.entity;
      const last = this.lastUtteranceBefore(position);
      // "The local MP, Rosalind Achterberg, now opposes it. The lawmaker said …": a person who
      // opened a sentence since the last quote is whom the description is about.
      const subject = this.sentenceSubjects(last?.position ?? 0, position).find(fits);
      if (subject) return subject;
      if (last && fits(last.speaker)) return last.speaker;
      const named = this.table.mentionsBefore(position).find((ref) => fits(ref.entity));
      if (named) return named.entity;
    }
    if (PERSON_TITLES.includes(noun)) {
      for (const ref of this.table.mentionsBefore(position)) {
        if (ref.entity.kind === 'PERSON' && ref.entity.title?.toLowerCase().includes(noun))
          return ref.entity;
      }
      return (
        this.table.entities.find(
          (e) => e.kind === 'PERSON' && e.title?.toLowerCase().includes(noun),
        ) ?? null
      );
    }
    return null;
  }

  /**
   * The person named closest to the capitalised modifier of `phrase` ("Greens" in "the Greens
   * leader"), in the nearest earlier sentence that has it.
   */
  byQualifier(phrase: string, position: number): EntityDraft | null {
    const qualifiers = phrase
      .split(/\s+/)
      .slice(1)
      .filter(
        (word) => /^\p{Lu}[\p{L}-]+$/u.test(word) && !NATIONALITY_NOUNS.has(word.toLowerCase()),
      );
    if (qualifiers.length === 0) return null;
    const pattern = new RegExp(`\\b(?:${qualifiers.join('|')})\\b`);
    const seen = new Set<number>();
    for (const ref of this.table.mentionsBefore(position)) {
      if (ref.entity.kind !== 'PERSON' || ref.mention.form !== 'NAME') continue;
      const start = this.sentenceStart(ref.mention.start);
      if (seen.has(start)) continue;
      seen.add(start);
      const stop = /[.!?]["”]?\s/.exec(this.body.slice(ref.mention.end, position));
      const end = stop ? ref.mention.end + stop.index : position;
      const found = pattern.exec(this.body.slice(start, end));
      if (!found) continue;
      const at = start + found.index;
      const people = this.table
        .mentionsIn(start, end)
        .filter((other) => other.entity.kind === 'PERSON' && other.mention.form === 'NAME');
      let best = ref;
      for (const other of people)
        if (Math.abs(other.mention.start - at) < Math.abs(best.mention.start - at)) best = other;
      return best.entity;
    }
    return null;
  }

  /**
   * "the letter said" after "Balasubramanian apologised in a letter to customers" or "A report by
   * FairLedger": whoever the nearest earlier mention of that document says wrote it, the name
   * after "by"/"from" or else the first name of that sentence. Null when the text does not say.
   */
  documentAuthor(noun: string, position: number): EntityDraft | null {
    // "a lawsuit filed by Fjordlinje … the filing says": one court filing under another name.
    const nouns = LEGAL_FILINGS.has(noun) ? [...LEGAL_FILINGS].join('|') : noun;
    const pattern = new RegExp(
      `\\b(?:a|an|the|his|her|its|their)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:${nouns})s?\\b`,
      'giu',
    );
    const from = Math.max(0, position - 800);
    let found: RegExpExecArray | null = null;
    const window = this.body.slice(from, this.sentenceStart(position));
    for (let match = pattern.exec(window); match; match = pattern.exec(window)) found = match;
    if (!found) return null;
    const at = from + found.index;
    const end = at + found[0].length;
    const after = this.body.slice(end, end + 80);
    if (/^,?\s+(?:seen|obtained|reviewed|published|sent)\s+(?:by|to)\b/.test(after)) return null;
    const fits = (ref: { entity: EntityDraft }): boolean =>
      ref.entity.kind !== 'PLACE' && ref.entity.kind !== 'MEDIA_OUTLET';
    // "a lawsuit filed on Monday by X", "a report commissioned by X": the one it is by.
    const by = DOCUMENT_BY.exec(after);
    if (by) {
      const stop = after.search(/[.,;:]\s/);
      const named = this.table
        .mentionsIn(end + by[0].length, end + (stop < 0 ? after.length : stop))
        .find((ref) => ref.mention.form === 'NAME' && fits(ref));
      return named?.entity ?? null;
    }
    const subject = this.table
      .mentionsIn(this.sentenceStart(at), at)
      .find((ref) => ref.mention.form === 'NAME' && fits(ref));
    if (subject) return subject.entity;
    // "In a letter to the Commission, the industry group AIA said", "In her veto message,
    // Achterberg ordered": the subject after the opening phrase wrote it.
    const opening =
      /^\s+(?:to|for|with|sent\s+to)\s+[^,.;]{1,80},\s+/.exec(after) ??
      (/^\s*(?:In|Through|With|Under)\s+$/.test(this.body.slice(this.sentenceStart(at), at))
        ? /^,\s+/.exec(after)
        : null);
    if (!opening) return null;
    const writerAt = end + opening[0].length;
    const writer = this.table
      .mentionsIn(writerAt, writerAt + 80)
      .find((ref) => ref.mention.form === 'NAME' && fits(ref));
    return writer?.entity ?? null;
  }

  /**
   * "The fan group Rovers Together", or a name typed PERSON with nothing personal about it (no
   * first name, title or gendered pronoun): the text may well call it "it" or "the company".
   */
  introducedAsOrganisation(entity: EntityDraft): boolean {
    if (
      entity.kind === 'PERSON' &&
      entity.title === undefined &&
      this.genderOf(entity) === undefined &&
      entity.name.includes(' ') &&
      firstNameGender(entity.name.split(/\s+/)[0] ?? '') === null &&
      // "Jean-Pierre Mbuyi, a shift supervisor,", "X, 44,": a person described as one.
      !entity.mentions.some((mention) => {
        const after = this.body.slice(mention.end, mention.end + 60);
        const noun = PERSON_APPOSITION.exec(after)?.[1];
        return (
          (noun !== undefined &&
            (describesPerson(noun) || PERSON_TITLES.includes(noun) || AGENT_NOUN.test(noun))) ||
          /^,\s+\d{1,3},/.test(after)
        );
      })
    )
      return true;
    return entity.mentions.some((mention) => {
      const before = /([a-z-]+)\s+$/.exec(
        this.body.slice(Math.max(0, mention.start - 30), mention.start),
      )?.[1];
      return before !== undefined && ORGANIZATION_DESCRIPTORS.has(before);
    });
  }

  /** Name mentions inside [start, end), in text order. */
  namesIn(start: number, end: number): { start: number; end: number }[] {
    return this.table
      .mentionsIn(start, end)
      .filter((ref) => ref.mention.form === 'NAME')
      .map((ref) => ref.mention);
  }

  lastUtteranceBefore(position: number): Utterance | undefined {
    for (let i = this.utterances.length - 1; i >= 0; i--) {
      const utterance = this.utterances[i];
      if (utterance && utterance.position < position) return utterance;
    }
    return undefined;
  }
}

function rightmost<T extends { mention: { start: number; end: number } }>(
  refs: T[],
): T | undefined {
  // Ties ("Peru" inside "Peru's government") go to the longer mention, which is the head.
  return refs.reduce<T | undefined>(
    (best, ref) =>
      !best ||
      ref.mention.start > best.mention.start ||
      (ref.mention.start === best.mention.start && ref.mention.end > best.mention.end)
        ? ref
        : best,
    undefined,
  );
}

function descriptionMention(start: number, text: string): ResolvedActor['mention'] {
  return { start, end: start + text.length, text, form: 'DESCRIPTION' };
}

const TRAILING_ADVERBIALS =
  /(?:\s+(?:has|have|had|also|earlier|later|then|again|previously|once|still|categorically|in an? [\w-]+(?: (?:to|with|on) [\w ]+)?|on \w+day|\w+day|\w+ly))+$/i;

function stripTrailingAdverbials(text: string): string {
  return text.replace(TRAILING_ADVERBIALS, '');
}
