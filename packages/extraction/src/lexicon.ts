// What compromise's lexicon knows about single words: whether a word is a first name (and which
// gender), a common word, or a proper noun. A lookup table, so it costs nothing per article;
// running compromise's full tagger on every article would be ten times slower than all our rules.
import type compromise from 'compromise';
import { readSet } from './data';

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

export function firstNameGender(word: string): 'male' | 'female' | 'unknown' | null {
  const tags = tagsOf(word);
  if (tags.includes('MaleName')) return 'male';
  if (tags.includes('FemaleName')) return 'female';
  if (tags.includes('FirstName') || FIRST_NAMES.has(word.toLowerCase())) return 'unknown';
  return null;
}

/** The lexicon knows the word and none of its readings is a name. */
export function isCommonWord(word: string): boolean {
  const tags = tagsOf(word);
  return tags.length > 0 && !tags.some((tag) => PROPER_TAGS.has(tag));
}

export function isProperWord(word: string): boolean {
  return tagsOf(word).some((tag) => PROPER_TAGS.has(tag));
}

export function lexiconKind(word: string): 'PLACE' | 'COUNTRY' | 'ORGANIZATION' | null {
  const tags = tagsOf(word);
  if (tags.includes('Country')) return 'COUNTRY';
  if (tags.includes('City') || tags.includes('Place') || tags.includes('Region')) return 'PLACE';
  if (tags.includes('Organization')) return 'ORGANIZATION';
  return null;
}

/** "General", "Major", "American": a word that, opening a sentence, still belongs to the name after it. */
export function isAdjective(word: string): boolean {
  const tags = tagsOf(word);
  return tags.includes('Adjective') || tags.includes('Demonym');
}
