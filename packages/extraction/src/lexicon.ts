// What compromise's lexicon knows about single words: whether a word is a first name (and which
// gender), a common word, or a proper noun. A lookup table, so it costs nothing per article;
// running compromise's full tagger on every article would be ten times slower than all our rules.
import type compromise from 'compromise';
import { readSet } from './data';
import { remembered } from './remembered';

type LexiconValue = string | string[] | undefined;

let lexicon: Record<string, LexiconValue> | undefined;

/**
 * compromise's lexicon, loaded on first use: loading compromise takes about 0.3 s, which a server
 * that never ingests should not add to its start-up.
 */
function lexiconTable(): Record<string, LexiconValue> {
  if (!lexicon) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (above)
    const nlp = require('compromise') as typeof compromise;
    lexicon = (nlp.model() as { one: { lexicon: Record<string, LexiconValue> } }).one.lexicon;
  }
  return lexicon;
}

const PROPER_TAGS = new Set([
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'Person',
  'Organization',
  'Place',
  'City',
  'Country',
  'Region',
  'ProperNoun',
  'SportsTeam',
  'Honorific',
]);

function tagsOf(word: string): string[] {
  const value = lexiconTable()[word.toLowerCase()];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Given names from many languages that compromise's English lexicon lacks (data/first-names.txt). */
const FIRST_NAMES = readSet('first-names.txt');

/** What the lexicon says about one word, worked out once: the rules ask about the same words often. */
interface WordFacts {
  gender: 'male' | 'female' | 'unknown' | null;
  common: boolean;
  proper: boolean;
  kind: 'PLACE' | 'COUNTRY' | 'ORGANIZATION' | null;
  adjective: boolean;
}

const factsOf = remembered((word): WordFacts => {
  const tags = tagsOf(word);
  const proper = tags.some((tag) => PROPER_TAGS.has(tag));
  return {
    gender: tags.includes('MaleName')
      ? 'male'
      : tags.includes('FemaleName')
        ? 'female'
        : tags.includes('FirstName') || FIRST_NAMES.has(word.toLowerCase())
          ? 'unknown'
          : null,
    common: tags.length > 0 && !proper,
    proper,
    kind: tags.includes('Country')
      ? 'COUNTRY'
      : tags.includes('City') || tags.includes('Place') || tags.includes('Region')
        ? 'PLACE'
        : tags.includes('Organization')
          ? 'ORGANIZATION'
          : null,
    adjective: tags.includes('Adjective') || tags.includes('Demonym'),
  };
}, 50_000);

export function firstNameGender(word: string): 'male' | 'female' | 'unknown' | null {
  return factsOf(word).gender;
}

/** The lexicon knows the word and none of its readings is a name. */
export function isCommonWord(word: string): boolean {
  return factsOf(word).common;
}

export function isProperWord(word: string): boolean {
  return factsOf(word).proper;
}

export function lexiconKind(word: string): 'PLACE' | 'COUNTRY' | 'ORGANIZATION' | null {
  return factsOf(word).kind;
}

/** "General", "Major", "American": a word that, opening a sentence, still belongs to the name after it. */
export function isAdjective(word: string): boolean {
  return factsOf(word).adjective;
}
