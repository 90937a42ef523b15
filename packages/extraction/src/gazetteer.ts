// Closed word lists the extraction rules lean on: news outlets, countries and their adjectives,
// titles, reporting verbs and the nouns that mark organisations and governments. The lists are data
// files in ../data (see data.ts); this module gives them their types.
import { readAliasList, readJson, readList, readSet } from './data';
import type { EntityKind, QuoteChannel } from './types';

export interface GazetteerEntry {
  name: string;
  kind: EntityKind;
  aliases: string[];
}

export const MEDIA_OUTLETS: GazetteerEntry[] = readAliasList('outlets.txt').map((entry) => ({
  ...entry,
  kind: 'MEDIA_OUTLET',
}));

export interface CountryEntry extends GazetteerEntry {
  /** "Chinese", "US": how the country appears as a modifier. */
  adjectives: string[];
}

export const COUNTRIES: CountryEntry[] = readJson<Omit<CountryEntry, 'kind'>[]>(
  'countries.json',
).map((entry) => ({ ...entry, kind: 'COUNTRY' }));

export const PLACES: GazetteerEntry[] = readList('places.txt').map((name) => ({
  name,
  kind: 'PLACE',
  aliases: [],
}));

/** Words that make a capitalised phrase a government body. */
export const GOVERNMENT_HEADS = readSet('government-heads.txt');

/** Words that make a capitalised phrase an organisation. */
export const ORGANIZATION_HEADS = readSet('organization-heads.txt');

/** Words that make a capitalised phrase a law or other instrument ("… Act", "… Regulation"). */
/** "Atlético Tlaquepaque", "Banco Atlantico Invest": heads that open club and firm names. */
export const LEADING_ORGANIZATION_HEADS = new Set([
  'atlético',
  'atletico',
  'deportivo',
  'sporting',
  'banco',
  'grupo',
  'gruppo',
  'companhia',
  'compañía',
  'compagnie',
  'société',
  // Spanish and Portuguese words for a firm's trade, opening its name ("Minera Cordillera Azul",
  // "Mineração Paraopeba", "Constructora Andina").
  'minera',
  'mineração',
  'mineradora',
  'empresa',
  'empresas',
  'industrias',
  'indústrias',
  'constructora',
  'construtora',
  'sociedad',
  'corporación',
  'inversiones',
  'distribuidora',
  'naviera',
  'pesquera',
  'siderúrgica',
  'cementos',
  'cimentos',
  'laboratorios',
  'aerolíneas',
  'petróleos',
]);

export const LAW_HEADS = readSet('law-heads.txt');

/** Job titles that precede or follow a person's name ("Governor Ellen Marsh", "union secretary"). */
export const PERSON_TITLES = readList('person-titles.txt');

export const SPOKESPERSON_WORDS = readSet('spokesperson-words.txt');

/** Pronouns a speaker can be referred to by, with the gender they imply (null: any). */
export const SPEAKER_PRONOUNS: Record<string, 'male' | 'female' | 'plural' | 'neuter'> = {
  he: 'male',
  she: 'female',
  they: 'plural',
  it: 'neuter',
  we: 'plural',
};

/** Nouns that describe an organisation in "the company", "the US tech giant", "the airline". */
export const ORGANIZATION_DESCRIPTORS = readSet('organization-descriptors.txt');

export const GOVERNMENT_DESCRIPTORS = readSet('government-descriptors.txt');

/** Which lower-case nouns name a channel, in the order they are tried. */
export const CHANNEL_PATTERNS: {
  pattern: RegExp;
  channel: QuoteChannel;
}[] = [
  {
    pattern:
      /\b(?:testif(?:y|ied|ies)|testimony|hearing|told (?:senators|lawmakers|legislators|MPs|the committee))\b/i,
    channel: 'TESTIMONY',
  },
  { pattern: /\b(?:filing|filed with|court documents|documents filed)\b/i, channel: 'FILING' },
  { pattern: /\b(?:press conference|news conference)\b/i, channel: 'PRESS_CONFERENCE' },
  {
    pattern: /\b(?:press briefing|news briefing|briefing|told reporters|told journalists)\b/i,
    channel: 'PRESS_BRIEFING',
  },
  {
    pattern: /\b(?:interview|speaking to|speaking with|told (?:the )?[A-Z])/i,
    channel: 'INTERVIEW',
  },
  {
    pattern:
      /\b(?:tweet(?:ed)?|on (?:Twitter|X|LinkedIn|Facebook|Instagram|Threads|Weibo|Telegram|Truth Social)|a post|posted)\b/,
    channel: 'SOCIAL_MEDIA',
  },
  {
    pattern:
      /\b(?:speech|address(?:ing)?|at (?:a|the) rally|on the (?:Senate |House |Commons |chamber )?floor|told (?:a |the )?(?:rally|summit|conference|delegates|crowd|audience)|telling (?:a |the )?(?:rally|regional summit|summit|conference|delegates))\b/i,
    channel: 'SPEECH',
  },
  { pattern: /\b(?:statement|open letter)\b/i, channel: 'STATEMENT' },
  { pattern: /\b(?:spokes(?:person|man|woman))\b/i, channel: 'PRESS_BRIEFING' },
];

/** Capitalised words that are never names on their own. */
export const NON_NAME_WORDS = readSet('non-name-words.txt');
