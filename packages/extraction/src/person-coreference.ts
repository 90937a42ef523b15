// People named again: "Kofi Mensah-Bonsu … Mensah-Bonsu said" is one speaker, not two. Runs on
// the entity table before speakers are resolved, so a surname-only subject ("Park said") finds
// the full name, its title and its gender. Organisations are shortened from the front ("Meridian"
// for "Meridian Savings Bank") and people from the back, so a name that is the last word or two
// of a longer one, written later, is that person's surname.
import { normalizeName, type EntityDraft, type EntityTable } from './entity-table';
import { readSet } from './data';
import {
  COUNTRIES,
  GOVERNMENT_HEADS,
  LEADING_ORGANIZATION_HEADS,
  ORGANIZATION_HEADS,
  PERSON_TITLES,
} from './gazetteer';

/**
 * Nouns for people: "a cleaner", "her neighbour", "the general secretary of …". Not those a
 * company can be too ("its partner, Greenfold", "the market leader", "its biggest investor").
 */
const SHARED_WITH_ORGANISATIONS = new Set([
  'partner',
  'member',
  'owner',
  'investor',
  'leader',
  'head',
]);
const PERSON_NOUNS = new Set(
  [
    ...readSet('person-descriptors.txt'),
    ...PERSON_TITLES.map((title) => title.split(' ').pop() ?? title),
  ].filter((noun) => !SHARED_WITH_ORGANISATIONS.has(noun)),
);
const DETERMINER = String.raw`(?:the|a|an|his|her|its|their|our)`;
/** "Li Mei, a cleaner who …", "Zhang Wei, the general secretary of …": group 1 is the noun phrase. */
const PERSON_APPOSITION_AFTER = new RegExp(
  String.raw`^,\s+${DETERMINER}\s+((?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+)(?=[\s,.;]|$)`,
  'u',
);
/** "Her neighbour, Emeka Obi": the noun phrase right before the name. */
/** "by his first name, X", "identified only as X", "gave her name as X": a person's name. */
const NAMED_AS_NAME =
  /(?:\b(?:first|given|last|family)\s+name,?\s+|\bidentified\s+only\s+as\s+|\b(?:his|her|their)\s+name\s+as\s+)$/i;

const PERSON_APPOSITION_BEFORE = new RegExp(
  String.raw`\b${DETERMINER}\s+(?:[\p{Ll}-]+\s+){0,3}?([\p{Ll}-]+),\s+$`,
  'iu',
);

const AFTER_THE = /\b[Tt]he\s+$/;
const PHRASE_END = /\s(?:of|at|for|in|with|from|to|on|and|who|which|whose)\b/;

const MAY_BE_PERSON = new Set(['PERSON', 'ORGANIZATION', 'OTHER']);

/** Normalised words of each name, computed once per entity (normalising is not cheap). */
const wordCache = new WeakMap<EntityDraft, { name: string; words: string[] }>();
function words(entity: EntityDraft): string[] {
  const cached = wordCache.get(entity);
  if (cached && cached.name === entity.name) return cached.words;
  const computed = normalizeName(entity.name).split(' ');
  wordCache.set(entity, { name: entity.name, words: computed });
  return computed;
}

/** "Saudi", "Korean": a nationality adjective, which starts company names, not people's. */
const NATIONALITY_ADJECTIVES = new Set(COUNTRIES.flatMap((country) => country.adjectives));

/**
 * "… Bank", "Ministry of …", "… of Ulmeria", "Saudi Aramco": a name built like an institution's,
 * not a person's.
 */
function institutional(entity: EntityDraft): boolean {
  if (/\s(?:of|for|and|&)\s/i.test(entity.name)) return true;
  if (NATIONALITY_ADJECTIVES.has(entity.name.split(/\s+/)[0] ?? '')) return true;
  if (LEADING_ORGANIZATION_HEADS.has(words(entity)[0] ?? '')) return true;
  return words(entity).some((word) => ORGANIZATION_HEADS.has(word) || GOVERNMENT_HEADS.has(word));
}

const TEAM_MEMBERS_AFTER =
  /^(?:['’]s?)?\s+(?:(?:former|new|interim|caretaker|assistant|head)\s+)?(?:manager|coach|chairman|chairwoman|captain|striker|goalkeeper|midfielder|defender|winger|players|fans|supporters|squad|shareholders),?\s+\p{Lu}/u;

/** ", which …" after a name. */
const RELATIVE_WHICH = /^,\s+which\b/;

function firstMention(entity: EntityDraft): number {
  return entity.mentions.reduce((min, m) => Math.min(min, m.start), Number.POSITIVE_INFINITY);
}

/**
 * Merges each surname-only entity into the one full name that ends with it and was written
 * first, and makes that name a person: an organisation is not called by its last words.
 * A capitalised name followed by ", who" is a person too.
 */
export function linkPersonMentions(body: string, table: EntityTable): void {
  // "Rivenholt United" in Rivenholt: a place's name followed by more is a club's or a firm's,
  // and "United" alone is its short name, not a surname.
  const placeNamed = (e: EntityDraft): boolean => {
    const first = e.name.split(/\s+/)[0] ?? '';
    const place = e.name.includes(' ') ? table.find(first) : undefined;
    return place?.kind === 'PLACE' || place?.kind === 'COUNTRY';
  };
  const candidates = table.entities.filter(
    (e) =>
      MAY_BE_PERSON.has(e.kind) && e.knownId === undefined && !institutional(e) && !placeNamed(e),
  );
  const merged = new Set<EntityDraft>();
  for (const short of candidates) {
    if (merged.has(short)) continue;
    const tail = words(short);
    const tailText = tail.join(' ');
    let owner: EntityDraft | undefined;
    let owners = 0;
    for (const e of candidates) {
      if (e === short || merged.has(e)) continue;
      const full = words(e);
      if (
        full.length > tail.length &&
        full.length <= tail.length + 3 &&
        full.slice(-tail.length).join(' ') === tailText
      ) {
        owner = e;
        owners++;
      }
    }
    // "Rosa Quispe Mamani … Quispe said": a person of three names is called by the middle one,
    // the first of two surnames, as Spanish and Portuguese names are.
    if (owners === 0 && tail.length === 1) {
      for (const e of candidates) {
        if (e === short || merged.has(e) || e.kind !== 'PERSON') continue;
        const full = words(e);
        if (full.length === 3 && full[1] === tailText) {
          owner = e;
          owners++;
        }
      }
    }
    if (!owner || owners !== 1 || firstMention(owner) > firstMention(short)) continue;
    // "the Aske embankment" after "the River Aske": a name used as a modifier, not a surname.
    if (short.mentions.every((m) => AFTER_THE.test(body.slice(Math.max(0, m.start - 6), m.start))))
      continue;
    // "Rovers manager Callum Reid": a team's or a company's people are named after it; a last
    // word used so names an organisation ("Kelvin Rovers"), not a person's surname.
    const staffed = short.mentions.some((m) =>
      TEAM_MEMBERS_AFTER.test(body.slice(m.end, m.end + 50)),
    );
    // "Ferrylink, which is owned by …": a name followed by ", which" is no one's surname.
    const thing = [...owner.mentions, ...short.mentions].some((m) =>
      RELATIVE_WHICH.test(body.slice(m.end, m.end + 12)),
    );
    table.merge(owner, short);
    merged.add(short);
    if (staffed || thing) {
      if (owner.kind === 'PERSON') owner.kind = 'ORGANIZATION';
    } else owner.kind = 'PERSON';
  }
  const taken = table.mentions().map((ref) => ref.mention);
  for (const entity of candidates) {
    if (merged.has(entity)) continue;
    if (words(entity).length < 2) {
      // "identified only by his first name, Rafiq": what is called someone's name is a person.
      if (
        entity.mentions.some((m) =>
          NAMED_AS_NAME.test(body.slice(Math.max(0, m.start - 60), m.start)),
        )
      )
        entity.kind = 'PERSON';
      continue;
    }
    addSurnameMentions(body, table, entity, taken);
    const evidence = personEvidence(body, entity);
    if (evidence.person) entity.kind = 'PERSON';
    // "Kelvin Rovers … Rovers manager Callum Reid": named by its last word like a person, but
    // with a team's people named after it.
    if (
      entity.kind === 'PERSON' &&
      !entity.title &&
      entity.mentions.some(
        (m) =>
          m.text.split(/\s+/).length === 1 &&
          TEAM_MEMBERS_AFTER.test(body.slice(m.end, m.end + 50)),
      )
    )
      entity.kind = 'ORGANIZATION';
    if (evidence.title && entity.title === undefined && entity.kind === 'PERSON')
      entity.title = evidence.title;
  }
}

/**
 * What the words around a name say about it: ", who …", ", 67," (an age), or a person noun in
 * apposition before or after it ("Her neighbour, Emeka Obi", "Li Mei, a cleaner"), or its last
 * word used alone later, as people's surnames are. The noun phrase after the name is its title.
 */
function personEvidence(body: string, entity: EntityDraft): { person: boolean; title?: string } {
  let person = false;
  let title: string | undefined;
  const surname = entity.name.split(/\s+/).pop() ?? '';
  for (const m of entity.mentions) {
    const after = body.slice(m.end, m.end + 80);
    const before = body.slice(Math.max(0, m.start - 60), m.start);
    // "Aske" alone is a surname; "the Aske embankment" is a river or a firm.
    if (m.text === surname && m.text !== entity.name && !AFTER_THE.test(before)) person = true;
    if (/^,\s+(?:who|whose)\s/.test(after) || /^,\s+\d{1,3}[,.]/.test(after)) person = true;
    // "the general secretary of the union": the noun phrase ends before its preposition.
    const following = PERSON_APPOSITION_AFTER.exec(after)?.[1]?.split(PHRASE_END)[0]?.trim();
    if (following && PERSON_NOUNS.has(following.split(' ').pop() ?? '')) {
      person = true;
      title ??= following;
    }
    const preceding = PERSON_APPOSITION_BEFORE.exec(before)?.[1]?.toLowerCase();
    if (preceding && PERSON_NOUNS.has(preceding)) person = true;
  }
  // "Ferrylink, which is owned by …": what is followed by ", which" is a thing, not a person.
  if (entity.mentions.some((m) => RELATIVE_WHICH.test(body.slice(m.end, m.end + 12))))
    person = false;
  return title === undefined ? { person } : { person, title };
}

/**
 * "Zieliński, who left the board, said …": the last word of a person's name, standing alone
 * later in the text (not after "the", not beside another capitalised word), is a mention of them.
 */
function addSurnameMentions(
  body: string,
  table: EntityTable,
  entity: EntityDraft,
  taken: { start: number; end: number }[],
): void {
  const surname = entity.name.split(/\s+/).pop() ?? '';
  // "al-Mansouri": a lower-case particle joined by a hyphen opens some surnames.
  if (!/^(?:\p{Ll}{1,3}-)?\p{Lu}[\p{L}'’-]{2,}$/u.test(surname) || !body.includes(surname)) return;
  const first = firstMention(entity);
  const wordChar = /[\p{L}'’-]/u;
  for (
    let start = body.indexOf(surname, first + 1);
    start >= 0;
    start = body.indexOf(surname, start + 1)
  ) {
    if (wordChar.test(body[start - 1] ?? ' ') || wordChar.test(body[start + surname.length] ?? ' '))
      continue;
    const end = start + surname.length;
    if (taken.some((m) => m.start <= start && start < m.end)) continue;
    const before = body.slice(Math.max(0, start - 20), start);
    const after = body.slice(end, end + 20);
    if (/\b(?:the|The)\s+$/.test(before) || /\p{Lu}[\p{L}'’-]*\s+$/u.test(before)) continue;
    if (/^\s+\p{Lu}/u.test(after) || /^['’]s?\s+\p{Lu}/u.test(after)) continue;
    const mention = { start, end, text: surname, form: 'NAME' as const };
    table.addMention(entity, mention);
    taken.push(mention);
  }
}
