// Finds the named entities of an article: gazetteer and caller-known names first, then capitalised
// word sequences classified by titles, head nouns ("Ministry", "Bank"), first names and context.
// Descriptions and pronouns are linked later, by the stages that need them.
import {
  COUNTRIES,
  GOVERNMENT_DESCRIPTORS,
  GOVERNMENT_HEADS,
  LAW_HEADS,
  LEADING_ORGANIZATION_HEADS,
  MEDIA_OUTLETS,
  NON_NAME_WORDS,
  ORGANIZATION_DESCRIPTORS,
  ORGANIZATION_HEADS,
  PERSON_TITLES,
  PLACES,
} from './gazetteer';
import type { EntityKind, KnownEntity } from './types';
import { EntityTable, nameWords, normalizeName, type EntityDraft } from './entity-table';
import { firstNameGender, isAdjective, isCommonWord, isProperWord, lexiconKind } from './lexicon';
import type { TextLayout, Token } from './text-layout';
import { readList, readSet } from './data';
import { reportingVerbs } from './reporting-verbs';
import { isTitleOfWork } from './quotes.extractor';

/** "Democrat", "Republican": a member of a party, after the place they represent. */
const PARTY_MEMBERS = readSet('party-members.txt');
/** Countries' names and adjectives, lower case: "Nigeria's Union …" is a country's union. */
const COUNTRY_WORDS = new Set(
  COUNTRIES.flatMap((c) => [c.name, ...c.aliases, ...c.adjectives]).map((w) => w.toLowerCase()),
);
const COUNTRY_NAMES = new Set(COUNTRIES.map((c) => c.name));
/** A person's name seen with the words that precede it ("Instagram head", "agency administrator"). */
export interface TitleContext {
  person: EntityDraft;
  title: string;
  titleStart: number;
  nameStart: number;
  nameEnd: number;
  /** Where a name right before the title starts ("Nordavia chief executive …"), resolved later. */
  organisationAt: number | null;
  /** A description noun right before the title ("agency administrator …"). */
  descriptor: string | null;
}

export interface EntityExtraction {
  table: EntityTable;
  titles: TitleContext[];
}

interface PhraseEntry {
  tokens: string[];
  name: string;
  kind: EntityKind;
  aliases: string[];
  knownId?: string;
  confidence: number;
}

/** One-word titles, for telling "Instagram head Adam Mosseri" from a name run. */
const TITLE_WORDS = new Set([
  ...PERSON_TITLES.filter((title) => !title.includes(' ')),
  'officer',
  'premier',
]);
/** Verbs of travel before "to" or "from" ("flew to X", "fled from Y"). */
const MOVEMENT_VERBS =
  /^(?:flew|fly|flown|travelled|traveled|travel|returned|return|moved|fled|flee|evacuated|relocated|sailed|drove|driven|marched|headed|deported|trekked|migrated|emigrated|commute|commuted)$/;
/** Verbs whose object is where someone goes ("visited X", "reached Y"). */
const DESTINATION_VERBS =
  /^(?:visited|visiting|visit|visits|reached|reach|reaching|toured|touring)$/;
/** Titles written before a name inside the capitalised run ("Governor Ellen Marsh"). */
const LEADING_TITLES = readSet('leading-titles.txt');
/** "Mr", "Sen", "President": never an entity on their own; "Mr." does not end the name run. */
const HONORIFICS = readSet('honorifics.txt');
const COURTESY_TITLES = readSet('courtesy-titles.txt');
/** "Jr.", "III": part of how a person is written, not of the name other mentions use. */
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
const NAME_PARTICLES = readSet('name-particles.txt');
const OUTLET_SUFFIXES = readSet('outlet-suffixes.txt');
const OUTLET_PREFIXES = readSet('outlet-prefixes.txt');
const LOWER_GOVERNMENT_AFTER =
  /^\s+(city council|town council|county council|state government|regional government|government|administration)\b/;
const SPEECH_VERBS = readSet('name-speech-verbs.txt');
const AFFIXES =
  /^(\p{Lu}[\p{L}\p{N}]*)-(owned|based|backed|led|run|controlled|born|listed|made|headquartered|registered|funded|operated|linked|sponsored|focused|bound)$/u;

export function extractEntities(
  layout: TextLayout,
  datelines: string[],
  known: KnownEntity[] = [],
): EntityExtraction {
  const table = new EntityTable();
  const titles: TitleContext[] = [];
  const { body } = layout;
  const tokens = splitAffixes(layout.tokens);
  const phrases = buildPhraseIndex(known, datelines);
  const deferred: Token[] = [];

  for (const place of datelines) {
    const entry = lookupPhrase(phrases, place);
    table.upsert(
      entry
        ? {
            name: entry.name,
            kind: entry.kind,
            aliases: [...entry.aliases, place],
            confidence: 0.9,
            ...(entry.knownId ? { knownId: entry.knownId } : {}),
          }
        : { name: place, kind: 'PLACE', confidence: 0.8 },
    );
  }

  const adjacent = (a: Token, b: Token): boolean => {
    if (a.possessive) return false;
    const gap = body.slice(a.end, b.start);
    // "Sen. Dalia Okonkwo": an abbreviated honorific belongs to the name run after it.
    return /^[ \t]*$/.test(gap) || (/^\.[ \t]+$/.test(gap) && HONORIFICS.has(a.lower));
  };

  /** "Sen. Marcia", "St. Louis": an abbreviated title and its full stop, then the name. */
  const honorificDot = (a: Token, b: Token): boolean =>
    (HONORIFICS.has(a.lower) || a.lower === 'st') && /^\.[ \t]+$/.test(body.slice(a.end, b.start));

  /**
   * "Ministry of Economy, Trade and Industry", "… Practitioners, Pharmacists and Dentists Union":
   * a list of capitalised common nouns after a comma continues the name when it follows "of" or
   * the name ends in an organisation head after it. Proper names in the list ("Boeing and
   * Airbus") end the name instead. Returns the index after the list, or `at` when there is none.
   */
  /** "Trade", "Industry", "Pharmacists": a capitalised word that is a common noun in lower case. */
  const commonNounLike = (token: Token): boolean =>
    (isCommonWord(token.text) ||
      COMMON_NOUN_ENDING.test(token.lower) ||
      appearsLowercase(body, token.lower)) &&
    !isProperWord(token.text) &&
    table.find(token.text) === undefined;

  const listInsideName = (at: number, sawOf: boolean): number => {
    let j = at;
    for (let items = 0; items < 6; items++) {
      const item = tokens[j];
      if (!item || !item.capitalised || item.initial || !commonNounLike(item)) return at;
      const next = tokens[j + 1];
      if (!next) return at;
      const gap = body.slice(item.end, next.start);
      if (/^,[ \t]+$/.test(gap)) {
        j++;
        continue;
      }
      if (/^[ \t]+$/.test(gap) && (next.lower === 'and' || next.text === '&')) {
        const last = tokens[j + 2];
        if (!last || !last.capitalised || !/^[ \t]+$/.test(body.slice(next.end, last.start)))
          return at;
        if (sawOf) return commonNounLike(last) ? j + 3 : at;
        return endsInTitleOrHead(tokens, j + 2) ? j + 3 : at;
      }
      return at;
    }
    return at;
  };

  const sequenceEnd = (i: number): number => {
    let j = i + 1;
    let sawOf = false;
    while (j < tokens.length) {
      const prev = tokens[j - 1];
      const cur = tokens[j];
      if (prev && cur && cur.capitalised && honorificDot(prev, cur)) {
        j++;
        continue;
      }
      // A name never runs on into the next sentence ("Washington D.C. The currency …").
      if (cur?.initial) break;
      if (prev && cur && !prev.possessive && /^,[ \t]+$/.test(body.slice(prev.end, cur.start))) {
        const listEnd = listInsideName(j, sawOf);
        if (listEnd > j) {
          j = listEnd;
          continue;
        }
      }
      // "The Ombudsman's Office", "the Prosecutor's Office": an office named after its holder.
      if (
        prev?.possessive &&
        cur?.lower === 'office' &&
        OFFICE_HOLDERS.has(prev.lower) &&
        /^['’]s[ \t]+$/.test(body.slice(prev.end, cur.start))
      ) {
        j++;
        continue;
      }
      // "St Aldhelm's Hospital", "Porto Residents' Federation": a possessive inside the name of
      // an organisation whose head follows it, unless a country or place owns it ("Nigeria's Union").
      if (
        prev &&
        cur?.capitalised &&
        ORGANIZATION_HEADS.has(cur.lower) &&
        /^(?:['’]s?)[ \t]+$/.test(body.slice(prev.start + prev.text.length, cur.start)) &&
        lexiconKind(prev.text) === null &&
        !COUNTRY_WORDS.has(prev.lower)
      ) {
        j++;
        continue;
      }
      // "People's Progress Party", "Workers' Solidarity Union": a group of people owning the
      // words up to an organisation's head is part of its name.
      // ("Senate Veterans' Affairs Committee": any plural written with its apostrophe alone.)
      const plural =
        prev !== undefined &&
        cur !== undefined &&
        /\p{Ll}s$/u.test(prev.text) &&
        lexiconKind(prev.text) === null &&
        /^['’][ \t]+$/.test(body.slice(prev.start + prev.text.length, cur.start));
      if (
        prev &&
        cur?.capitalised &&
        !cur.initial &&
        ((prev.possessive && COLLECTIVE_POSSESSORS.has(prev.lower)) || plural) &&
        /^(?:['’]s?)[ \t]+$/.test(body.slice(prev.start + prev.text.length, cur.start)) &&
        endsInTitleOrHead(tokens, j)
      ) {
        j++;
        continue;
      }
      // "Hollis & Crane", "Procter & Gamble": an ampersand between capitals joins one name.
      if (
        prev?.capitalised &&
        cur?.capitalised &&
        !cur.initial &&
        !prev.possessive &&
        /^[ \t]+&[ \t]+$/.test(body.slice(prev.end, cur.start))
      ) {
        j++;
        continue;
      }
      // "the U.S. Attorney's Office", "the Sheriff's Office": an office named after its holder.
      if (
        prev?.possessive &&
        cur?.text === 'Office' &&
        OFFICE_OWNERS.test(prev.lower) &&
        /^['’]s[ \t]+$/.test(body.slice(prev.end, cur.start))
      ) {
        j++;
        continue;
      }
      if (
        !prev ||
        !cur ||
        !adjacent(prev, cur) ||
        AFFIXES.test(prev.text) ||
        prev.end !== prev.start + prev.text.length
      )
        break;
      if (prev.possessive) break;
      // "Group 20" is a name; "fined Dambi 32 billion won", "gave the ministry 30 days" are not.
      const numberInName =
        /^\d+$/.test(cur.text) &&
        prev.capitalised &&
        j - i <= 3 &&
        !/^[ \t]+(?:[a-z]|%)/.test(body.slice(cur.end, cur.end + 2));
      if (cur.capitalised || numberInName) {
        j++;
        continue;
      }
      const next = tokens[j + 1];
      // "Office of the Auditor-General", "Office of the President": a head, "of the", a name.
      const named = tokens[j + 2];
      if (
        (cur.lower === 'of' || (cur.lower === 'for' && prev.lower === 'office')) &&
        next?.lower === 'the' &&
        named?.capitalised &&
        adjacent(cur, next) &&
        adjacent(next, named) &&
        (GOVERNMENT_HEADS.has(prev.lower) ||
          ORGANIZATION_HEADS.has(prev.lower) ||
          // "said Friends of the Levels", "Sisters of the Holy Cross": a capitalised plural
          // mid-sentence, then "of the" and a name, is one name.
          (j - i === 1 && !prev.initial && /\p{Ll}s$/u.test(prev.text)))
      ) {
        sawOf = true;
        j += 3;
        continue;
      }
      // "Annelies van der Berg", "Juan de la Cruz": two particles in a row before the surname.
      const surname = tokens[j + 2];
      if (
        NAME_PARTICLES.has(cur.lower) &&
        next !== undefined &&
        NAME_PARTICLES.has(next.lower) &&
        surname?.capitalised &&
        adjacent(cur, next) &&
        adjacent(next, surname)
      ) {
        j += 3;
        continue;
      }
      if (!next || !next.capitalised || !adjacent(cur, next)) break;
      // "Department for Environment …", "Committee on Foreign Relations": like "of" after a head.
      const connector =
        cur.lower === 'of' ||
        ((cur.lower === 'for' || cur.lower === 'on') &&
          (GOVERNMENT_HEADS.has(prev.lower) || ORGANIZATION_HEADS.has(prev.lower)) &&
          !NON_NAME_WORDS.has(next.lower) &&
          // "Texas Commission on Environmental Quality": an adjective may open the field.
          (commonNounLike(next) ||
            isAdjective(next.text) ||
            /(?:al|ary|ic|ive|ous)$/.test(next.lower)));
      // "Prime Minister Jonas Lindberg-Hale of Ulmeria": a titled person's name ends before the
      // place they are of ("Minister of Finance Ana Silva" keeps its title whole).
      if (cur.lower === 'of') {
        const run = tokens.slice(i, j);
        let lastTitle = -1;
        run.forEach((token, k) => {
          if (LEADING_TITLES.has(token.lower) || HONORIFICS.has(token.lower)) lastTitle = k;
        });
        // "Analyst Tamsin Okafor of Greyline Securities", "Ana Ruiz of Banco Sur": a person's
        // name (a job or a given name before it says so) ends before where they work.
        const opener = run[0];
        const job = opener !== undefined && PERSON_NOUNS.has(opener.lower) ? 1 : 0;
        const personRun = run.slice(job);
        if (
          lastTitle < 0 &&
          personRun.length >= 2 &&
          personRun.length <= 3 &&
          (job === 1 ||
            firstNameGender(personRun[0]?.text ?? '') !== null ||
            PERSON_NOUNS.has(tokens[i - 1]?.lower ?? '')) &&
          personRun.every(
            (token) =>
              !ORGANIZATION_HEADS.has(token.lower) &&
              !GOVERNMENT_HEADS.has(token.lower) &&
              !PLACE_HEADS.has(token.lower) &&
              lexiconKind(token.text) === null,
          )
        )
          break;
        const name = lastTitle >= 0 ? run.slice(lastTitle + 1) : [];
        if (
          name.length > 0 &&
          name.every(
            (token) =>
              !ORGANIZATION_HEADS.has(token.lower) &&
              !GOVERNMENT_HEADS.has(token.lower) &&
              !LEADING_TITLES.has(token.lower),
          )
        )
          break;
      }
      if (connector) {
        sawOf = true;
        j += 2;
        continue;
      }
      if (NAME_PARTICLES.has(cur.lower)) {
        j += 2;
        continue;
      }
      // "Energy and Mines Minister …" is one title; "Sen. Mark Bell and Rep. Ann Cole" two people.
      const titled = tokens
        .slice(i, j)
        .some((token) => LEADING_TITLES.has(token.lower) || HONORIFICS.has(token.lower));
      if (
        (cur.lower === 'and' || cur.text === '&') &&
        !titled &&
        ((sawOf && commonNounLike(next)) || endsInTitleOrHead(tokens, j + 1))
      ) {
        // "Ministry of Science and Technology" is one name; "residents of Jeddah and Dammam" two.
        j += 2;
        continue;
      }
      break;
    }
    return j;
  };

  // "won for \"The Weight of Salt\"", its so-called \"VIP\" screenings": a title of a work or a
  // scare-quoted word between quotation marks names no entity.
  const titleSpans = layout.quoted.filter((span) =>
    isTitleOfWork(body.slice(span.start, span.end)),
  );
  const inTitle = (token: Token): boolean =>
    token.quoted && titleSpans.some((span) => token.start >= span.start && token.end <= span.end);

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || !token.capitalised) continue;
    if (token.initial && NON_NAME_WORDS.has(token.lower)) continue;
    if (inTitle(token)) continue;
    // "US$40m", "HK$2bn": a currency, not the country.
    // (Tested inside the text: a read past its end sent this function back to the compiler.)
    if (token.end < body.length && body[token.end] === '$') continue;
    // "Sen. Daniel Ortiz, D-N.M.": a party and state tag, not a name.
    if (/^[DRI]-\p{Lu}/u.test(token.text) && /,\s*$/.test(body.slice(token.start - 3, token.start)))
      continue;
    const end = sequenceEnd(i);
    let phrase = matchPhrase(phrases, tokens, i, adjacent);
    // "Economist Itzel Caballero wrote": a common noun opening a sentence before a name is a
    // job, not the outlet of the same name.
    if (
      phrase &&
      phrase.length === 1 &&
      token.initial &&
      end - i > 1 &&
      isCommonWord(token.text) &&
      !/^the $/i.test(body.slice(Math.max(0, token.start - 4), token.start))
    )
      phrase = null;
    if (phrase) {
      const fullSequence = tokens.slice(i, end);
      const placeFirst =
        (phrase.entry.kind === 'PLACE' || phrase.entry.kind === 'COUNTRY') &&
        end - i > phrase.length;
      // "Rivenholt United", "Harwick Bus Users": proper words after a place make a longer name
      // ("London Mayor Sadiq Khan", "in Lagos Tuesday" do not).
      const rest = fullSequence.slice(phrase.length);
      const longerName =
        placeFirst &&
        rest.every(
          (token) =>
            token.capitalised &&
            !token.initial &&
            !/^\d/.test(token.text) &&
            !LEADING_TITLES.has(token.lower) &&
            !HONORIFICS.has(token.lower) &&
            !NON_NAME_WORDS.has(token.lower) &&
            !COUNTRY_WORDS.has(token.lower) &&
            lexiconKind(token.text) === null &&
            firstNameGender(token.text) === null,
        );
      const longerWithHead = placeFirst && (headKind(fullSequence) !== null || longerName);
      if (!longerWithHead) {
        const first = tokens[i];
        let last = tokens[i + phrase.length - 1];
        // "Washington D.C.": a dotted state or district short form belongs to the place before it.
        const district = tokens[i + phrase.length];
        if (
          phrase.entry.kind === 'PLACE' &&
          last &&
          district &&
          !last.possessive &&
          /^(?:\p{Lu}\.){2,}$/u.test(district.text) &&
          /^,?[ \t]+$/.test(body.slice(last.end, district.start))
        ) {
          last = district;
          phrase.length += 1;
        }
        if (first && last) addPhraseMention(table, phrase.entry, body, first.start, last.end);
        const government = /^\s+government\b/.exec(
          body.slice((last?.end ?? 0) + 2, (last?.end ?? 0) + 14),
        );
        const localBody =
          last && !last.possessive && phrase.entry.kind === 'PLACE'
            ? LOWER_GOVERNMENT_AFTER.exec(body.slice(last.end, last.end + 40))
            : null;
        if (
          localBody &&
          first &&
          last &&
          !/^(?:government|administration)$/.test(localBody[1] ?? '')
        ) {
          const mentionEnd = last.end + localBody[0].length;
          const name = body.slice(first.start, mentionEnd);
          const gov = table.upsert({ name, kind: 'GOVERNMENT', confidence: 0.8 });
          table.addMention(gov, { start: first.start, end: mentionEnd, text: name, form: 'NAME' });
        }
        if (last?.possessive && phrase.entry.kind === 'COUNTRY' && government && first) {
          const gov = table.upsert({
            name: `Government of ${phrase.entry.name}`,
            kind: 'GOVERNMENT',
            aliases: [`${phrase.entry.name}'s government`],
            confidence: 0.85,
            country: phrase.entry.name,
          });
          const mentionEnd = last.end + 2 + government[0].length;
          table.addMention(gov, {
            start: first.start,
            end: mentionEnd,
            text: body.slice(first.start, mentionEnd),
            form: 'NAME',
          });
        }
        i += phrase.length - 1;
        continue;
      }
    }
    // "the 4th Circuit Court of Appeals", "the 1st Armored Division": an ordinal opening an
    // institution's name is part of it.
    const ordinal = tokens[i - 1];
    const kind = end - i > 1 ? headKind(tokens.slice(i, end)) : null;
    if (
      ordinal &&
      /^\d+(?:st|nd|rd|th)$/i.test(ordinal.text) &&
      adjacent(ordinal, token) &&
      (kind === 'GOVERNMENT' || kind === 'ORGANIZATION')
    ) {
      classifySequence(tokens.slice(i - 1, end), i - 1, true);
      i = end - 1;
      continue;
    }
    classifySequence(tokens.slice(i, end), i);
    i = end - 1;
  }

  /**
   * "the Consumer Federation of the Philippines", "the Farmers Union": a capitalised noun inside
   * a sentence opening a name whose head is a body's is part of that name.
   */
  function opensBodyName(seq: Token[]): boolean {
    const head = seq[0];
    return (
      head !== undefined &&
      !head.initial &&
      seq.length > 1 &&
      /^\p{Lu}\p{Ll}{3,}$/u.test(head.text) &&
      seq
        .slice(1)
        .some((token) => ORGANIZATION_HEADS.has(token.lower) || GOVERNMENT_HEADS.has(token.lower))
    );
  }

  function classifySequence(sequence: Token[], firstIndex: number, ordinalOpening = false): void {
    let seq = sequence;
    let offset = firstIndex;
    // Sentence-initial capitals and determiners say nothing about names.
    while (seq.length > 0) {
      const head = seq[0];
      if (!head) break;
      const droppable =
        (NON_NAME_WORDS.has(head.lower) &&
          !opensBodyName(seq) &&
          // "said Patience Akello": inside a sentence, a given name before a surname is a name.
          !(seq.length > 1 && !head.initial && firstNameGender(head.text) !== null)) ||
        (/^\d/.test(head.text) && !(head === sequence[0] && ordinalOpening)) ||
        (seq.length > 1 &&
          head.initial &&
          !/^\d/.test(seq[1]?.text ?? '') &&
          // "General Motors said", "Major League Soccer fined": an adjective stays in the name.
          !isAdjective(head.text) &&
          firstNameGender(head.text) === null &&
          (isCommonWord(head.text) ||
            ORGANIZATION_DESCRIPTORS.has(head.lower) ||
            appearsLowercase(body, head.lower)) &&
          table.find(spanText(body, seq)) === undefined);
      if (!droppable) break;
      seq = seq.slice(1);
      offset++;
    }
    if (seq.length === 0) return;
    // "the Minnesota Democrat", "an Iowa Republican": a place and a party member describe a person
    // named elsewhere; only the place is a name.
    const member = seq[seq.length - 1];
    if (
      seq.length >= 2 &&
      member &&
      PARTY_MEMBERS.has(member.lower) &&
      seq.slice(0, -1).every((token) => lexiconKind(token.text) === 'PLACE')
    ) {
      classifySequence(seq.slice(0, -1), offset);
      return;
    }
    const acronym = acronymAfter(body, seq);
    if (acronym && NON_NAME_WORDS.has(acronym.toLowerCase())) return;

    // "Governor Ellen Marsh", "US President Trump", "Energy and Mines Minister Lucía Paredes"
    let titleEnd = -1;
    for (let t = seq.length - 2; t >= 0; t--) {
      const word = seq[t]?.lower ?? '';
      if (
        LEADING_TITLES.has(word) ||
        // "Director-General Esther Wanjiku": a title of two words joined by a hyphen.
        (/^[a-z]+-[a-z]+$/.test(word) &&
          word.split('-').some((part) => LEADING_TITLES.has(part)) &&
          word.split('-').every((part) => isCommonWord(part))) ||
        // "Chief Marie Cardinal" (not "Chief Executive …"): a chief before a given name.
        (word === 'chief' && firstNameGender(seq[t + 1]?.text ?? '') !== null)
      ) {
        titleEnd = t;
        break;
      }
    }
    // "County Supervisor Thaddeus Mwangi", "Harbour Master Ines Duarte": a noun for someone who does
    // something (a person noun, or an agent noun of the lexicon: "-er", "-or", "-ist") right
    // before a given name and a surname is a title, whether or not a list holds it.
    for (let t = seq.length - 3; titleEnd < 0 && t >= 0 && t >= seq.length - 4; t--) {
      const word = seq[t]?.lower ?? '';
      const rest = seq.slice(t + 1);
      if (
        (PERSON_NOUNS.has(word) || (AGENT_NOUN.test(word) && isCommonWord(word))) &&
        firstNameGender(rest[0]?.text ?? '') !== null &&
        rest.every(
          (token) =>
            !ORGANIZATION_HEADS.has(token.lower) &&
            !GOVERNMENT_HEADS.has(token.lower) &&
            !PLACE_HEADS.has(token.lower) &&
            !token.possessive,
        )
      )
        titleEnd = t;
    }
    // "Arizona Secretary of State Delia Manriquez": a title "of" its field runs on to the given
    // name after it.
    const field = seq[titleEnd + 1]?.lower;
    if (titleEnd >= 0 && (field === 'of' || field === 'for')) {
      const given = seq.findIndex(
        (token, k) => k > titleEnd + 2 && firstNameGender(token.text) !== null,
      );
      if (given > 0 && seq.length - given >= 2) titleEnd = given - 1;
    }
    // "the backbench MPs Graham Oyelowo and …", "Senators Ana Ruiz": a plural title opening the run.
    const opener = seq[0]?.text ?? '';
    if (
      titleEnd < 0 &&
      seq.length >= 3 &&
      /^\p{Lu}[\p{L}]*s$/u.test(opener) &&
      (LEADING_TITLES.has(opener.slice(0, -1).toLowerCase()) ||
        PERSON_NOUNS.has(opener.slice(0, -1).toLowerCase())) &&
      firstNameGender(seq[1]?.text ?? '') !== null
    )
      titleEnd = 0;
    if (titleEnd >= 0 && headKind(seq) === null) {
      const titleTokens = seq.slice(0, titleEnd + 1);
      const nameTokens = seq.slice(titleEnd + 1);
      const lastTitle = titleTokens[titleTokens.length - 1];
      const courtesy = titleTokens.every((t) => COURTESY_TITLES.has(t.lower));
      const dot = lastTitle && body[lastTitle.end] === '.' ? '.' : '';
      const title = courtesy ? undefined : spanText(body, titleTokens) + dot;
      addPerson(nameTokens, title, titleTokens[0]?.start ?? 0, null, null);
      return;
    }
    // "the Bazaro 310", "its new Kestrel 9": after a determiner, a name ending in a model number is
    // a product, not its maker.
    if (
      seq.length >= 2 &&
      /^\d+$/.test(seq[seq.length - 1]?.text ?? '') &&
      headKind(seq) === null &&
      /\b(?:the|a|an|its|their|his|her|our|new|newest|latest)\s+$/i.test(
        body.slice(Math.max(0, (seq[0]?.start ?? 0) - 12), seq[0]?.start ?? 0),
      )
    )
      return;
    // A title or honorific alone ("Mr", "Sen", "President") names nobody.
    if (seq.every((token) => HONORIFICS.has(token.lower) || LEADING_TITLES.has(token.lower)))
      return;
    // "Cambodia's Minister of Water Resources, Sok Vannarith": a title of a field names its
    // holder, who follows; the body is the ministry.
    if (
      seq.length >= 3 &&
      LEADING_TITLES.has(seq[0]?.lower ?? '') &&
      (seq[1]?.lower === 'of' || seq[1]?.lower === 'for') &&
      /^,\s+\p{Lu}/u.test(body.slice(seq[seq.length - 1]?.end ?? 0))
    )
      return;

    const first = seq[0];
    const last = seq[seq.length - 1];
    if (!first || !last) return;
    const text = spanText(body, seq);
    const after = body.slice(last.end, last.end + 40);
    const lowerGov = last.possessive ? null : LOWER_GOVERNMENT_AFTER.exec(after);

    const adjectiveCountry = seq.length >= 1 ? countryByAdjective(first.text) : undefined;
    // "the South Korean group Haneul Industries": a demonym of two words names nothing either.
    if (seq.length >= 2 && !last.possessive && countryByAdjective(text) !== undefined) return;
    // "the Argentine Hernan Dellapiane": a nationality before a name of proper words describes a
    // person; it is no part of the name ("the American Red Cross" keeps its adjective).
    if (
      adjectiveCountry &&
      seq.length >= 3 &&
      headKind(seq.slice(1)) === null &&
      acronymAfter(body, seq) === null &&
      bracketedShortForm(body, seq) === null &&
      seq
        .slice(1)
        .every(
          (token) =>
            !isCommonWord(token.text) &&
            !NON_NAME_WORDS.has(token.lower) &&
            lexiconKind(token.text) === null,
        )
    ) {
      classifySequence(seq.slice(1), offset + 1);
      return;
    }
    if (adjectiveCountry && (seq.length === 1 || headKind(seq.slice(1)) === 'GOVERNMENT')) {
      if (seq.length === 1) {
        if (lowerGov && /government/.test(lowerGov[1] ?? '')) {
          const entity = table.upsert({
            name: `Government of ${adjectiveCountry}`,
            kind: 'GOVERNMENT',
            aliases: [`${first.text} government`],
            confidence: 0.85,
            country: adjectiveCountry,
          });
          const mentionEnd = last.end + (lowerGov[0]?.length ?? 0);
          const start = determinerStart(body, first.start);
          table.addMention(entity, {
            start,
            end: mentionEnd,
            text: body.slice(start, mentionEnd),
            form: 'NAME',
          });
        }
        return;
      }
      const rest = spanText(body, seq.slice(1));
      const canonical = canonicalInstitution(rest, adjectiveCountry);
      // "Chinese Foreign Ministry" → "Ministry of Foreign Affairs of China"; a name with no such
      // form keeps its adjective ("Norwegian Refugee Council", not a fragment "Refugee Council").
      const institution = canonical === rest ? text : canonical;
      const entity = table.upsert({
        name: institution,
        kind: 'GOVERNMENT',
        aliases: [text],
        confidence: 0.85,
        country: adjectiveCountry,
      });
      table.addMention(entity, { start: first.start, end: last.end, text, form: 'NAME' });
      return;
    }

    const previous = tokens[offset - 1];
    const possessiveCountry =
      previous && previous.possessive ? table.mentionAt(previous.start)?.entity : undefined;

    if (lowerGov) {
      const noun = lowerGov[1] ?? '';
      const person = table.find(text);
      if (
        noun === 'administration' &&
        (person?.kind === 'PERSON' || firstNameGender(first.text) !== null)
      ) {
        const leader = person ?? addPerson(seq, undefined, first.start, null, null);
        const surname = leader.name.split(' ').pop() ?? leader.name;
        const gov = table.upsert({
          name: `${surname} administration`,
          kind: 'GOVERNMENT',
          aliases: [`${text} administration`],
          confidence: 0.85,
        });
        const start = determinerStart(body, first.start);
        const mentionEnd = last.end + (lowerGov[0]?.length ?? 0);
        table.addMention(gov, {
          start,
          end: mentionEnd,
          text: body.slice(start, mentionEnd),
          form: 'NAME',
        });
        return;
      }
      if (noun !== 'government' && noun !== 'administration') {
        const mentionEnd = last.end + (lowerGov[0]?.length ?? 0);
        const name = body.slice(first.start, mentionEnd);
        const gov = table.upsert({ name, kind: 'GOVERNMENT', confidence: 0.8 });
        table.addMention(gov, { start: first.start, end: mentionEnd, text: name, form: 'NAME' });
        addPlaceOrLater(seq);
        return;
      }
    }

    if (acronym) {
      const expanded = expandAcronym(tokens, offset + seq.length - 1, acronym);
      if (expanded) {
        // Words of the long form already set aside as lone capitals belong to it now.
        const from = expanded[0]?.start ?? first.start;
        for (let d = deferred.length - 1; d >= 0; d--)
          if ((deferred[d]?.start ?? -1) >= from) deferred.splice(d, 1);
        const kind = headKind(expanded) ?? 'ORGANIZATION';
        const name = spanText(body, expanded);
        const entity = table.upsert({ name, kind, aliases: [acronym], confidence: 0.9 });
        const start = expanded[0]?.start ?? first.start;
        table.addMention(entity, {
          start,
          end: last.end,
          text: body.slice(start, last.end),
          form: 'NAME',
        });
        table.dropFragmentsIn(start, last.end, entity);
        return;
      }
    }

    // "Federal Financial Supervisory Authority (BaFin)", "Brazilian Football Confederation (CBF)":
    // a short form in brackets that is not the initials still names the same body.
    const shortForm = seq.length >= 2 ? (acronym ?? bracketedShortForm(body, seq)) : null;
    const kind = headKind(seq);
    if (kind !== null) {
      let name = text;
      let country: string | undefined;
      if (kind === 'GOVERNMENT' && possessiveCountry?.kind === 'COUNTRY') {
        country = possessiveCountry.name;
        name = canonicalInstitution(text, country);
      }
      const entity = table.upsert({
        name,
        kind,
        aliases: [...(name === text ? [] : [text]), ...(shortForm ? [shortForm] : [])],
        confidence: 0.85,
        ...(country ? { country } : {}),
      });
      table.addMention(entity, { start: first.start, end: last.end, text, form: 'NAME' });
      return;
    }

    const titleRun = titleBefore(offset);
    const nameShaped =
      seq.length <= 4 && seq.every((token) => token.capitalised || NAME_PARTICLES.has(token.lower));
    const evidence = kindEvidence(offset, offset + seq.length);
    if (titleRun !== null) evidence.PERSON += 3;
    const looksLikePerson =
      nameShaped &&
      evidence.PERSON > 0 &&
      evidence.PERSON >= evidence.PLACE &&
      evidence.PERSON >= evidence.ORGANIZATION;
    if (looksLikePerson && (seq.length >= 2 || titleRun !== null)) {
      addPerson(
        seq,
        titleRun?.title,
        titleRun?.start ?? first.start,
        titleRun?.organisationAt ?? null,
        titleRun?.descriptor ?? null,
      );
      return;
    }

    if (seq.length === 1) {
      deferred.push(first);
      return;
    }
    // "Kestrel Line, which runs …" opening a sentence: a name already found is a name again.
    // ("Northwind Air must …": a first word no dictionary has is a name's, capital or not.)
    if (
      seq[0]?.initial === true &&
      seq.every(
        (token) =>
          isCommonWord(token.text) ||
          (token.initial &&
            (NON_NAME_WORDS.has(token.lower) || appearsLowercase(body, token.lower))),
      ) &&
      table.find(text) === undefined
    )
      return;
    const decided = decideKind(evidence, descriptorKindBefore(offset));
    // Only a name-shaped run ("Dean Kamen", not "Friends of the Earth") can be a person.
    if (decided.kind === 'PERSON' && !nameShaped) decided.kind = 'ORGANIZATION';
    const untyped = typedByDefault(table.find(text));
    const entity = withEvidence(
      untyped,
      table.upsert({
        name: text,
        kind: decided.kind,
        aliases:
          shortForm && decided.kind !== 'PERSON' && decided.kind !== 'PLACE' ? [shortForm] : [],
        confidence: decided.confidence,
      }),
      decided,
    );
    table.addMention(entity, { start: first.start, end: last.end, text, form: 'NAME' });
  }

  function addPlaceOrLater(seq: Token[]): void {
    if (seq.length === 1 && seq[0]) deferred.push(seq[0]);
  }

  function addPerson(
    nameTokens: Token[],
    title: string | undefined,
    titleStart: number,
    organisationAt: number | null,
    descriptor: string | null,
  ): EntityDraft {
    const first = nameTokens[0];
    const last = nameTokens[nameTokens.length - 1];
    if (!first || !last) throw new Error('a person needs a name');
    const written = spanText(body, nameTokens);
    const core =
      nameTokens.length > 2 && NAME_SUFFIXES.has(last.lower) ? nameTokens.slice(0, -1) : nameTokens;
    const name = spanText(body, core);
    const entity =
      findPerson(table, name) ??
      table.upsert({
        name,
        kind: 'PERSON',
        aliases: written === name ? [] : [written],
        confidence: title ? 0.9 : 0.8,
      });
    if (
      entity.kind === 'PERSON' &&
      name.length > entity.name.length &&
      name.endsWith(entity.name.split(' ').pop() ?? '')
    ) {
      table.rename(entity, name);
    }
    if (title && !entity.title) entity.title = title;
    const gender = nameGender(core.map((token) => token.text));
    if (gender === 'male' || gender === 'female') entity.gender = gender;
    table.addMention(entity, { start: first.start, end: last.end, text: written, form: 'NAME' });
    if (title) {
      titles.push({
        person: entity,
        title,
        titleStart,
        nameStart: first.start,
        nameEnd: last.end,
        organisationAt,
        descriptor,
      });
    }
    return entity;
  }

  /** Lower-case title words right before index `at`: "union negotiator", "its director general,". */
  function titleBefore(at: number): {
    title: string;
    start: number;
    organisationAt: number | null;
    descriptor: string | null;
  } | null {
    let k = at - 1;
    const nameToken = tokens[at];
    const closest = tokens[k];
    if (!nameToken || !closest) return null;
    const gap = body.slice(closest.end, nameToken.start);
    if (!/^(?:\s+|,\s+)$/.test(gap)) return null;
    if (!TITLE_WORDS.has(closest.lower)) return null;
    const words: Token[] = [closest];
    k--;
    while (k >= 0 && words.length < 3) {
      const candidate = tokens[k];
      const following = words[0];
      if (!candidate || !following || !/^\s+$/.test(body.slice(candidate.end, following.start)))
        break;
      if (candidate.possessive || table.mentionAt(candidate.start)) break;
      if (
        [
          'the',
          'a',
          'an',
          'its',
          'his',
          'her',
          'their',
          'and',
          'of',
          'by',
          'at',
          'for',
          'to',
          'with',
        ].includes(candidate.lower)
      )
        break;
      if (candidate.capitalised && !candidate.initial) break;
      words.unshift(candidate);
      k--;
    }
    const organisationToken = tokens[k];
    const firstWord = words[0];
    if (!firstWord) return null;
    let organisationAt: number | null = null;
    if (
      organisationToken &&
      organisationToken.capitalised &&
      /^\s+$/.test(body.slice(organisationToken.end, firstWord.start))
    ) {
      organisationAt = organisationToken.start;
    }
    // "agency administrator": a description noun before the title names the organisation.
    let descriptor: string | null = null;
    let titleWords = words;
    if (
      words.length > 1 &&
      (ORGANIZATION_DESCRIPTORS.has(firstWord.lower) || GOVERNMENT_HEADS.has(firstWord.lower))
    ) {
      descriptor = firstWord.lower;
      titleWords = words.slice(1);
    }
    const start = titleWords[0]?.start ?? firstWord.start;
    const end = titleWords[titleWords.length - 1]?.end ?? firstWord.end;
    return { title: body.slice(start, end), start, organisationAt, descriptor };
  }

  /**
   * Evidence for what the unplaced name at tokens[from, to) is, as scores: a given name, person
   * verbs and appositions ("X, a lawyer", "led by X") for a person; place prepositions ("in X",
   * "near X", "X-based"), also across a list ("from X and Y"), for a place; all capitals, digits,
   * "X, which" and organisation appositions for an organisation. The lexicon counts as one source.
   */
  function kindEvidence(from: number, to: number): KindScores {
    const scores: KindScores = {
      PERSON: 0,
      PLACE: 0,
      ORGANIZATION: 0.5,
      GOVERNMENT: 0,
      MEDIA_OUTLET: 0,
    };
    const first = tokens[from];
    const last = tokens[to - 1];
    if (!first || !last) return scores;
    const seq = tokens.slice(from, to);
    if (seq.length >= 2 && firstNameGender(first.text) !== null) scores.PERSON += 2;
    // "Standard Chartered", "General Motors": people's names rarely start with an adjective.
    else if (seq.length >= 2 && isAdjective(first.text)) scores.ORGANIZATION += 1;
    // "Northwind Air", "Rivenholt United", "Telco One": a coined word, no given name, before a
    // common word is how firms and clubs are named; it outweighs one "said" after it.
    else if (
      seq.length === 2 &&
      /\p{Ll}/u.test(first.text) &&
      !isCommonWord(first.text) &&
      !isProperWord(first.text) &&
      isCommonWord(last.text) &&
      !last.possessive
    )
      scores.ORGANIZATION += 1;
    // "und" joins the words of a firm's name ("Harzer Kalk und Schotter"), never a person's; a
    // particle opening the name is an article ("Le Conquet", "La Nacion"), not a surname's.
    if (seq.slice(1).some((token) => NAME_PARTICLES.has(token.lower) && token.lower !== 'und'))
      scores.PERSON += 1.5;
    if (seq.length >= 2 && SURNAME_ENDING.test(last.text.toLowerCase())) scores.PERSON += 1.5;
    const lexical = seq.length === 1 ? lexiconKind(first.text) : null;
    if (lexical === 'PLACE' || lexical === 'COUNTRY') scores.PLACE += 3;
    if (lexical === 'ORGANIZATION') scores.ORGANIZATION += 2;
    if (seq.length === 1 && /^\p{Lu}{2,6}$/u.test(first.text)) scores.ORGANIZATION += 1;
    // "MTN Nigeria", "BYD Auto": letters in capitals open a firm's name, never a person's.
    else if (
      seq.length >= 2 &&
      /^\p{Lu}{3,6}$/u.test(first.text) &&
      seq.slice(1).every((token) => firstNameGender(token.text) === null)
    )
      scores.ORGANIZATION += 1.5;
    if (seq.some((token) => /\d/.test(token.text))) scores.ORGANIZATION += 1;
    // "Hollis & Crane": partners joined by an ampersand are a firm.
    if (/[ \t]&[ \t]/.test(body.slice(first.start, last.end))) scores.ORGANIZATION += 3;

    const next = tokens[to];
    const after = body.slice(last.end, last.end + 48);
    if (!last.possessive) {
      if (next && SPEECH_VERBS.has(next.lower) && /^\s+$/.test(body.slice(last.end, next.start)))
        scores.PERSON += seq.length >= 2 ? 1 : 0.3;
      // "\"It is a farce!\" Graeme Lockhart fumed": people fume, laugh and sigh; bodies do not.
      if (
        seq.length >= 2 &&
        next &&
        reportingVerbs().quoteOnly.has(next.lower) &&
        /^\s+$/.test(body.slice(last.end, next.start))
      )
        scores.PERSON += 2;
      if (/^-based\b/.test(after)) scores.PLACE += 3;
      // "Nurlan Bekov and Aigerim Sadykova were arrested", "X was born in 1961".
      if (seq.length >= 2 && PERSON_EVENTS_AFTER.test(after)) scores.PERSON += 1.5;
      // "at its Zwickau plant", "their Kitimat smelter": where an organisation's site stands.
      if (
        /^\s+(?:plant|factory|mine|smelter|refinery|site|facility|warehouse|depot|office|offices|campus)\b/.test(
          after,
        ) &&
        /\b(?:its|their)\s+$/i.test(body.slice(Math.max(0, first.start - 7), first.start))
      )
        scores.PLACE += 2.5;
      if (PLACE_NOUNS_AFTER.test(after)) scores.PLACE += 2.5;
      // "the Mufwala shaft", "the Zhaltyr copper mine": sites named after where they are.
      if (
        SITE_NOUNS_AFTER.test(after) &&
        !/^\p{Lu}+$/u.test(last.text) &&
        /\bthe\s+$/i.test(body.slice(Math.max(0, first.start - 5), first.start))
      )
        scores.PLACE += 2;
      // "KUSA anchor Kyle Dempsey-Ward": people only news outlets employ.
      if (
        /^\s+(?:reported|newspaper|daily|broadcaster|television|radio|TV|anchor|anchorman|anchorwoman|newsreader|correspondent|columnist|presenter)\b/.test(
          after,
        )
      )
        scores.MEDIA_OUTLET += 2;
      // "workers from Aceh, who …": after a preposition the clause may belong to the noun before.
      if (/^,\s+who\b/.test(after)) scores.PERSON += governedByPreposition(from) ? 0.5 : 2;
      if (/^,\s+which\b/.test(after)) scores.ORGANIZATION += 1.5;
      // "X, a shop owner in Can Tho": the apposition's head is its last word before a preposition.
      // "X, a Turkish striker": a nationality before the noun only qualifies it.
      const apposition = APPOSITION.exec(after);
      const demonym = apposition?.[1];
      const appositionWords =
        demonym === undefined || countryByAdjective(demonym) !== undefined
          ? (apposition?.[2] ?? '').split(/\s+/)
          : [];
      const cut = appositionWords.findIndex((word, i) => i > 0 && APPOSITION_ENDS.has(word));
      const headWords = cut > 0 ? appositionWords.slice(0, cut) : appositionWords;
      const firstNoun = appositionWords[0];
      const headNoun = headWords[headWords.length - 1];
      const noun =
        headNoun && (TITLE_WORDS.has(headNoun) || PERSON_NOUNS.has(headNoun))
          ? headNoun
          : firstNoun;
      // "In Kratie, the provincial fisheries chief, …": after an opening "In X," the phrase is
      // the subject of the sentence, not an apposition.
      const opener = tokens[from - 1];
      const opensSentence =
        opener?.initial === true &&
        PLACE_PREPOSITIONS.has(opener.lower) &&
        /^[ \t]+$/.test(body.slice(opener.end, first.start));
      if (noun && (TITLE_WORDS.has(noun) || PERSON_NOUNS.has(noun)) && !opensSentence)
        scores.PERSON += 2.5;
      // "the Moroccan Cinema Centre, a state agency,": a public body whatever its name says.
      else if (
        /^,\s+an?\s+(?:state|government|public|federal|national)\s+(?:agency|body|regulator|authority|watchdog|institution)\b/.test(
          after,
        )
      )
        scores.GOVERNMENT += 3;
      else if (noun && ORGANIZATION_DESCRIPTORS.has(noun)) scores.ORGANIZATION += 2.5;
      // "Tepelena, a mountain town,", "Varkaus, the region's largest city,": a place.
      else if (headNoun && PLACE_APPOSITION_HEADS.has(headNoun)) scores.PLACE += 2.5;
      // "Hakan Yildirim and Oluwaseun Adeyemi, both nurses,": people a plural apposition describes.
      const both =
        /^(?:\s+and\s+(?:\p{Lu}[\p{L}'’-]+\s+){0,3}\p{Lu}[\p{L}'’-]+)?,\s+(?:both|all|each|two|three)\s+(?:[a-z-]+\s+){0,2}?([a-z-]+)\b/u.exec(
          body.slice(last.end, last.end + 90),
        )?.[1];
      const bothNoun = both?.replace(/(?:e?s)$/, '');
      if (
        seq.length >= 2 &&
        both &&
        (PERSON_NOUNS.has(both) ||
          PERSON_NOUNS.has(bothNoun ?? '') ||
          PERSON_NOUNS.has(both.replace(/s$/, '')) ||
          TITLE_WORDS.has(both.replace(/s$/, '')))
      )
        scores.PERSON += 2.5;
      // "Tran Thi Mai, a shop owner, said she …": a person the next clause calls she or he.
      if (
        seq.length >= 2 &&
        /^(?:,[^.;"“”,]{0,80},)?\s+(?:[a-z]+\s+)?(?:said|says|told\s+\w+|added)\s+(?:that\s+)?(?:she|he)\b/.test(
          body.slice(last.end, last.end + 140),
        )
      )
        scores.PERSON += 2;
      // "Omondi Achieng spoke. He said …": a name opening a sentence with no other name in it,
      // whom the next sentence calls he or she.
      if (
        seq.length >= 2 &&
        first.initial &&
        /^[^.!?"“”\p{Lu}]{0,140}[.!?]\s+(?:He|She)\s+\p{Ll}/u.test(
          body.slice(last.end, last.end + 180),
        )
      )
        scores.PERSON += 2;
      const placeAfter = /^,\s+(\p{Lu}[\p{L}-]+)/u.exec(after)?.[1];
      if (placeAfter && table.find(placeAfter)?.kind === 'COUNTRY') scores.PLACE += 2;
    }

    // "the Argentine Hernan Dellapiane": a nationality between a determiner and a name of two
    // or more words describes a person (an organisation is "the German carmaker Hessler").
    const nationality = tokens[from - 1];
    if (
      seq.length >= 2 &&
      nationality?.capitalised &&
      !nationality.possessive &&
      countryByAdjective(nationality.text) !== undefined &&
      /^[ \t]+$/.test(body.slice(nationality.end, first.start)) &&
      /\b(?:the|a|an)\s+$/i.test(body.slice(Math.max(0, nationality.start - 5), nationality.start))
    )
      scores.PERSON += 2;
    // "A mother of two in Kilbride whose son …, Morag Dunn, said", "a soft-spoken man from Hvar
    // named Ivo Barisic": a person described before the name, at the head of a clause.
    if (seq.length >= 2 && describedPersonBefore(first.start)) scores.PERSON += 2.5;
    // "Tandem Travel's managing director", "Hollis's board": what only an organisation has.
    if (last.possessive && ORGANIZATION_POSSESSIONS.test(after.replace(/^['’]s?/, '')))
      scores.ORGANIZATION += 2;
    // "Saxony-Anhalt's mining authority", "the Western Cape's education department": a public
    // body of a field belongs to a place.
    const owned = last.possessive ? OWNED_PUBLIC_BODY.exec(after) : null;
    if (owned?.[1] && MINISTRY_FIELDS.has(owned[1])) scores.PLACE += 2.5;

    // "energy regulator, Osinergmin,", "watchdog Ofcom", "carmaker Subaru": the noun before says.
    const described = /\b([a-z-]+),?\s+$/.exec(
      body.slice(Math.max(0, first.start - 30), first.start),
    )?.[1];
    const singular = described?.replace(/s$/, '');
    if (described && GOVERNMENT_DESCRIPTORS.has(described) && described !== 'state')
      scores.GOVERNMENT += 2.5;
    // "its former coach, Kwabena Boateng", "two former bank employees, Chen Wei Ling": a person
    // noun right before a name of two or more words.
    else if (
      singular &&
      singular !== 'owner' &&
      seq.length >= 2 &&
      (PERSON_NOUNS.has(singular) || TITLE_WORDS.has(singular) || PERSON_NOUNS.has(described ?? ''))
    )
      scores.PERSON += 2.5;
    else if (described && ORGANIZATION_DESCRIPTORS.has(described) && described !== 'statement')
      scores.ORGANIZATION += 2;

    // "General Motors and Kia", "Kia and Hyundai": a name listed with a placed name is likely of
    // its kind.
    for (const neighbour of [coordinatedBefore(from), coordinatedAfter(to)]) {
      const kind = neighbour?.kind;
      if (kind === 'ORGANIZATION' || kind === 'GOVERNMENT') scores.ORGANIZATION += 1.5;
      else if (kind === 'PLACE' || kind === 'COUNTRY') scores.PLACE += 1.5;
      else if (kind === 'PERSON' && seq.length >= 2) scores.PERSON += 1;
    }

    // "The former mayor of Castelmar, Gustavo Pereira Lima, pleaded": a name set off by commas
    // after "<title> of <place>" is the holder of that title.
    const setOff =
      (/^,\s+\p{Ll}/u.test(after) && !/^,\s+(?:and|or)\b/.test(after)) ||
      (!last.possessive && /^[.;]/.test(after));
    // Also "The club's owner, Tarik Bould, spoke": a possessor's title set off the same way.
    const lead = body.slice(Math.max(0, first.start - 70), first.start);
    const titledBefore =
      setOff && seq.length >= 2
        ? (/\b(\p{L}+)\s+of\s+(?:the\s+)?[^,.;]{1,40},\s*$/u.exec(lead)?.[1]?.toLowerCase() ??
          /(?:['’]s|\b(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er))\s+(?:[\p{Ll}-]+\s+){0,2}(\p{Ll}+),\s*$/u.exec(
            lead,
          )?.[1] ??
          '')
        : '';
    if (
      setOff &&
      seq.length >= 2 &&
      (TITLE_WORDS.has(titledBefore) ||
        LEADING_TITLES.has(titledBefore) ||
        PERSON_NOUNS.has(titledBefore))
    )
      scores.PERSON += 2.5;

    // Walk back over a list ("from Ghurian and Shindand") to the word that governs it.
    let k = from - 1;
    let crossedComma = false;
    let crossedConjunction = false;
    for (let steps = 0; steps < 8 && k >= 0; steps++) {
      const token = tokens[k];
      if (!token) break;
      if (token.lower === 'and' || token.lower === 'or') {
        crossedConjunction = true;
        k--;
        continue;
      }
      if (
        token.capitalised &&
        !token.initial &&
        /^,?\s+$/.test(body.slice(token.end, tokens[k + 1]?.start ?? 0))
      ) {
        if (body.slice(token.end, tokens[k + 1]?.start ?? 0).startsWith(',')) crossedComma = true;
        k--;
        continue;
      }
      break;
    }
    // A name after a comma and before a verb is an apposition, not an item of a list.
    if (crossedComma && !crossedConjunction && setOff) k = -1;
    const governor = tokens[k];
    const directlyBefore = k === from - 1;
    // "In Antofagasta and Temuco, savers …": a preposition opening the sentence still governs.
    const openingPreposition =
      governor?.initial === true && PLACE_PREPOSITIONS.has(governor.lower) && from - k <= 4;
    if (openingPreposition) scores.PLACE += 2;
    // "in rural Tepelena", "near northern Varkaus", "struck the central Visayas": a preposition of
    // place or an article before a region's word.
    if (
      governor &&
      directlyBefore &&
      GEOGRAPHIC_ADJECTIVES.has(governor.lower) &&
      (PLACE_PREPOSITIONS.has(tokens[k - 1]?.lower ?? '') || tokens[k - 1]?.lower === 'the')
    )
      scores.PLACE += 2;
    // "Fish have died as far as Chingola".
    if (
      governor?.lower === 'as' &&
      directlyBefore &&
      tokens[k - 1]?.lower === 'far' &&
      tokens[k - 2]?.lower === 'as'
    )
      scores.PLACE += 2;
    // "villages such as Walajabad and Padappai": the noun before "such as" says what they are.
    if (governor?.lower === 'as' && tokens[k - 1]?.lower === 'such') {
      const noun = tokens[k - 2]?.lower ?? '';
      if (PLACE_PLURALS.test(noun)) scores.PLACE += 2.5;
    }
    if (governor && !governor.capitalised) {
      const word = governor.lower;
      const before = tokens[k - 1]?.lower ?? '';
      if (PLACE_PREPOSITIONS.has(word) && !NOT_PLACE_BEFORE_IN.has(before)) scores.PLACE += 2;
      else if (word === 'from' || word === 'to' || word === 'across') {
        scores.PLACE += 1;
        // "flew to Kisumu", "fled from Tillabéri": where people travel is a place.
        if (MOVEMENT_VERBS.test(before)) scores.PLACE += 1.5;
      }
      // "visited Brasília", "to reach Dinagat": where a visit or a journey ends is a place.
      else if (directlyBefore && DESTINATION_VERBS.test(word)) scores.PLACE += 2;
      else if (word === 'of' && PLACE_OWNERS.has(before)) scores.PLACE += 2.5;
      // "the member for Preseli", "MP for Hexham": a constituency.
      else if (
        word === 'for' &&
        directlyBefore &&
        /^(?:member|mp|mps|senator|representative|candidate|councillor|mla|msp|td)$/.test(before)
      )
        scores.PLACE += 2.5;
      if (directlyBefore && SPEECH_VERBS.has(word) && seq.length >= 2) scores.PERSON += 1;
      // "Police arrested Nurlan Bekov": what is done only to people.
      if (seq.length >= 2 && PERSON_EVENTS.test(word)) scores.PERSON += 1.5;
      // "a 2-1 win at Old Trafford on Sunday", "the border at Islam Qala": where something
      // happens on a day, or where a crossing or a meeting is, is a place.
      if (
        directlyBefore &&
        word === 'at' &&
        !last.possessive &&
        (EVENT_NOUNS_BEFORE_AT.test(before) ||
          /^,?\s+(?:on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|last\s+(?:night|week|month|year)|earlier\s+this\s+(?:week|month|year))\b/.test(
            body.slice(last.end, last.end + 30),
          ))
      )
        scores.PLACE += 2;
      // "analysts at Mirae Asset", "a nurse at St Jude's": where people work.
      if (
        directlyBefore &&
        word === 'at' &&
        (PERSON_NOUNS.has(before) || PERSON_NOUNS.has(before.replace(/s$/, '')))
      )
        scores.ORGANIZATION += 2.5;
      // "an analyst from Kroner Lindqvist": the firm such a professional comes from.
      if (
        directlyBefore &&
        word === 'from' &&
        /^(?:analyst|analysts|economist|economists|strategist|strategists|researcher|researchers|consultant|consultants|auditor|auditors|executive|executives)$/.test(
          before,
        )
      )
        scores.ORGANIZATION += 2.5;
      // "Tamsin Okafor of Greyline Securities": where a person named just before works.
      if (
        directlyBefore &&
        word === 'of' &&
        k >= 1 &&
        table.mentionAt(tokens[k - 1]?.start ?? -1)?.entity.kind === 'PERSON'
      )
        scores.ORGANIZATION += 2.5;
      // "(Reporting by Anneke Smit; Editing by Tom Pryce)": a wire story's sign-off names people.
      if (
        directlyBefore &&
        word === 'by' &&
        /^(?:reporting|editing|writing|photographs|photos)$/.test(before) &&
        seq.length >= 2
      )
        scores.PERSON += 3;
      if (directlyBefore && word === 'by' && /^(?:led|headed|chaired|founded|run)$/.test(before))
        scores.PERSON += 2;
      // "told Kompas", "in an interview with KSDK", "reported by Xinhua": a news outlet.
      if (directlyBefore && (word === 'told' || (word === 'with' && before === 'interview')))
        scores.MEDIA_OUTLET += seq.length === 1 ? 2 : 1;
      if (directlyBefore && word === 'by' && before === 'reported') scores.MEDIA_OUTLET += 2;
      // "told the Sacramento Bee that …", "told the Herald Sun the company would …".
      if (directlyBefore && word === 'the' && before === 'told') scores.MEDIA_OUTLET += 1;
    }
    return scores;
  }

  function describedPersonBefore(at: number): boolean {
    // Read back to the clause's start by index, not by a lazy pattern: this runs for every name.
    if (!/(?:,\s*|\s(?:named|called)\s+)$/.test(body.slice(Math.max(0, at - 9), at))) return false;
    const slice = body.slice(Math.max(0, at - 140), at);
    const tail = /(?:,\s*|\s+(?:named|called)\s+)$/.exec(slice);
    if (!tail) return false;
    const head = slice.slice(0, tail.index);
    let cut = -1;
    for (const mark of [',', '.', ';', ':', '"', '“', '”', '\n'])
      cut = Math.max(cut, head.lastIndexOf(mark));
    if (cut < 0 && at > 140) return false;
    const lead =
      /^\s*(?:[Aa]n?|[Oo]ne|[Hh]er|[Hh]is|[Tt]heir|[Ii]ts|[Tt]he)\s+(\S.{1,129})$/su.exec(
        head.slice(cut + 1),
      )?.[1];
    if (!lead) return false;
    const words = lead.split(/\s+/);
    // "the owner, Harzer Kalk und Schotter", "a solar park developer, Sonnenfeld Energie".
    if (words.some((word) => word === 'owner' || ORGANIZATION_DESCRIPTORS.has(word))) return false;
    const stop = words.findIndex((word) => DESCRIPTION_ENDS.has(word));
    return words.slice(0, stop < 0 ? 4 : Math.min(stop, 4)).some((word) => {
      const singular = word.replace(/(?:['’]s|s)$/, '');
      return (
        PERSON_NOUNS.has(word) ||
        PERSON_NOUNS.has(singular) ||
        PERSON_DESCRIPTORS.has(word) ||
        TITLE_WORDS.has(word)
      );
    });
  }

  /** The entity named right before "and"/"or" in front of tokens[at]. */
  function coordinatedBefore(at: number): EntityDraft | undefined {
    const conjunction = tokens[at - 1];
    const previous = tokens[at - 2];
    if (!conjunction || !previous || (conjunction.lower !== 'and' && conjunction.lower !== 'or'))
      return undefined;
    if (!/^[ \t]+$/.test(body.slice(previous.end, conjunction.start))) return undefined;
    return table.mentionAt(previous.start)?.entity;
  }

  /** The entity named right after "and"/"or" behind tokens[at - 1]. */
  function coordinatedAfter(at: number): EntityDraft | undefined {
    const conjunction = tokens[at];
    const next = tokens[at + 1];
    if (!conjunction || !next || (conjunction.lower !== 'and' && conjunction.lower !== 'or'))
      return undefined;
    return table.mentionAt(next.start)?.entity;
  }

  function governedByPreposition(at: number): boolean {
    const previous = tokens[at - 1];
    return (
      previous !== undefined &&
      (PLACE_PREPOSITIONS.has(previous.lower) || previous.lower === 'from') &&
      /^\s+$/.test(body.slice(previous.end, tokens[at]?.start ?? 0))
    );
  }

  function descriptorKindBefore(at: number): EntityKind | null {
    const before = body
      .slice(Math.max(0, (tokens[at]?.start ?? 0) - 25), tokens[at]?.start ?? 0)
      .toLowerCase();
    // "the financial daily Dagens Marked", "the news weekly …": a paper named after its kind.
    if (
      /(?:news agency|newspaper|broadcaster|(?:the|a)\s+(?:[a-z-]+\s+)?(?:daily|weekly|tabloid|magazine))\s+$/.test(
        before,
      )
    )
      return 'MEDIA_OUTLET';
    return null;
  }

  // Single capitalised words: a short form of a name seen elsewhere, or a name of its own.
  const ordered = [...deferred.filter((t) => !t.initial), ...deferred.filter((t) => t.initial)];
  // "Veltria … Veltrian officials", "Victoria … a Victorian MP": the adjective of a name the
  // article uses, whatever the list of countries knows, is a demonym and names nothing itself.
  const loneWords = new Set(ordered.map((token) => token.text));
  const namedHere = (name: string): boolean =>
    loneWords.has(name) || table.find(name) !== undefined;
  const isDemonym = (word: string): boolean =>
    word.length > 4 &&
    ((/[aeiou]n$/.test(word) && namedHere(word.slice(0, -1))) ||
      (/ian$/.test(word) && namedHere(`${word.slice(0, -3)}y`)) ||
      (/ese$/.test(word) && (namedHere(word.slice(0, -3)) || namedHere(`${word.slice(0, -3)}a`))) ||
      // "Aceh … Acehnese", "Bali … Balinese": -nese after a name ending in a vowel or an h.
      (/[aeiouh]nese$/.test(word) && namedHere(word.slice(0, -4))) ||
      (/[^aeiou]i$/.test(word) && namedHere(word.slice(0, -1))));
  for (const token of ordered) {
    if (!/^\p{L}/u.test(token.text)) continue;
    if (isDemonym(token.text)) continue;
    // "The FA" after "the Football Association" and an "FA Cup": a word in capitals is the
    // initials of a name before it is the first word of another.
    let existing = /^\p{Lu}{2,8}$/u.test(token.text)
      ? (acronymOwner(table, token.text) ?? shortFormOwner(table, token.text))
      : (shortFormOwner(table, token.text) ?? acronymOwner(table, token.text));
    // "residents of Citeureup" beside "the Citeureup Clean Air Alliance": a place the
    // organisation is named after, not its short form.
    if (
      (existing?.kind === 'ORGANIZATION' || existing?.kind === 'GOVERNMENT') &&
      existing.name.startsWith(`${token.text} `) &&
      kindEvidence(tokens.indexOf(token), tokens.indexOf(token) + 1).PLACE >= 2
    )
      existing = undefined;
    if (existing) {
      if (existing.name === token.text && typedByDefault(existing)) {
        const at = tokens.indexOf(token);
        withEvidence(true, existing, decideKind(kindEvidence(at, at + 1), null));
      }
      table.addMention(existing, {
        start: token.start,
        end: token.end,
        text: token.text,
        form: 'NAME',
      });
      continue;
    }
    if (NON_NAME_WORDS.has(token.lower) || HONORIFICS.has(token.lower)) continue;
    // "The MP said", "Analysts expect": a person noun alone names nobody; nor does a party
    // member ("a Democrat from Ohio", "Republicans say").
    if (
      PERSON_NOUNS.has(token.lower) ||
      PARTY_MEMBERS.has(token.lower) ||
      (/s$/.test(token.lower) &&
        (PERSON_NOUNS.has(token.lower.slice(0, -1)) || PARTY_MEMBERS.has(token.lower.slice(0, -1))))
    )
      continue;
    const next = tokens[tokens.indexOf(token) + 1];
    const lexical = lexiconKind(token.text);
    const plausible =
      lexical !== null ||
      isProperWord(token.text) ||
      (!token.initial && !isCommonWord(token.text)) ||
      // ('"Finally!" said X', '"Yes," said Y': a word closing a quotation is no speaker.)
      (token.initial &&
        next !== undefined &&
        SPEECH_VERBS.has(next.lower) &&
        !(token.quoted && !next.quoted) &&
        !appearsLowercase(body, token.lower)) ||
      // "Catalonia's housing tribunal has ordered …": a possessive opening a sentence, on a word
      // that is no common word, owns what follows it.
      (token.initial &&
        token.possessive &&
        next !== undefined &&
        !next.capitalised &&
        !isCommonWord(token.text) &&
        !appearsLowercase(body, token.lower) &&
        !table.entities.some((entity) => entity.name.endsWith(` ${token.text}`))) ||
      /^\p{Lu}{2,6}$/u.test(token.text);
    if (!plausible) continue;
    const at = tokens.indexOf(token);
    const evidence = kindEvidence(at, at + 1);
    // "Her husband, Darnell, works there too": a given name in apposition to a person noun owned
    // by someone is a person named by that name alone.
    const owned = lexical
      ? null
      : /\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|\p{Lu}[\p{L}-]*['’]s?)\s+(?:[\p{Ll}-]+\s+)?(\p{Ll}+),\s+$/u.exec(
          body.slice(Math.max(0, token.start - 40), token.start),
        );
    if (PERSON_NOUNS.has(owned?.[1] ?? '') && /^[,.;]/.test(body.slice(token.end, token.end + 1))) {
      const person = table.upsert({ name: token.text, kind: 'PERSON', confidence: 0.6 });
      table.addMention(person, {
        start: token.start,
        end: token.end,
        text: token.text,
        form: 'NAME',
      });
      continue;
    }
    // A lone given name is a person's short form we could not place, unless it is listed with
    // organisations or places ("General Motors and Kia") or stands where places stand.
    if (
      firstNameGender(token.text) !== null &&
      !lexical &&
      evidence.ORGANIZATION < 2 &&
      evidence.PLACE < 2
    )
      continue;
    const decided =
      lexical === 'COUNTRY'
        ? { kind: 'COUNTRY' as const, confidence: 0.75 }
        : GOVERNMENT_HEADS.has(token.lower)
          ? { kind: 'GOVERNMENT' as const, confidence: 0.6 }
          : decideKind(evidence, descriptorKindBefore(at));
    if (decided.kind === 'PERSON') continue;
    const untyped = typedByDefault(table.find(token.text));
    const entity = withEvidence(
      untyped,
      table.upsert({
        name: token.text,
        kind: decided.kind,
        confidence: decided.confidence,
      }),
      decided,
    );
    table.addMention(entity, {
      start: token.start,
      end: token.end,
      text: token.text,
      form: 'NAME',
    });
  }

  mergeCorporateForms(table);
  addNestedPlaces(table, phrases, body);
  addGovernmentsOf(table, body);

  // Institutions named without their country ("the Ministry of Science and Technology") belong to
  // the country of a sibling institution in the same article.
  const countries = new Set(
    table.entities.filter((e) => e.country !== undefined).map((e) => e.country),
  );
  if (countries.size === 1) {
    const [onlyCountry] = [...countries];
    for (const entity of table.entities) {
      if (
        entity.kind === 'GOVERNMENT' &&
        entity.country === undefined &&
        /^Ministry of /.test(entity.name) &&
        onlyCountry
      ) {
        entity.country = onlyCountry;
        table.rename(entity, `${entity.name} of ${onlyCountry}`);
      }
    }
  }

  // "Indonesia's environment ministry", "Valdoria's electoral commission": a ministry or
  // commission written in lower case after its country is a government body all the same.
  // The patterns below are slow to fail over a whole body: each runs only where its noun occurs.
  const hasMinistry = body.includes('ministry');
  const institutions =
    hasMinistry ||
    body.includes('department') ||
    body.includes('commission') ||
    body.includes('tribunal')
      ? body.matchAll(LOWER_CASE_INSTITUTION)
      : [];
  for (const match of institutions) {
    const [written, owner, phrase, head] = match;
    if (!written || !owner || !phrase || !head || match.index === undefined) continue;
    // "Valdoria's electoral commission", "Texas's health department": a country's or a state's.
    const country = table.find(owner);
    if (country?.kind !== 'COUNTRY' && country?.kind !== 'PLACE') continue;
    const fields = phrase.split(/\s+/).slice(0, -1);
    if (fields.some((word) => NOT_AN_INSTITUTION_FIELD.has(word))) continue;
    const start = match.index + written.length - phrase.length;
    if (table.mentionAt(start)) continue;
    // "Nigeria's electoral commission … The National Electoral Commission (NEC)": the body the
    // article names in full.
    const full = table.entities.find(
      (entity) =>
        entity.kind === 'GOVERNMENT' &&
        entity.name
          .toLowerCase()
          .split(/\s+of\s+/)[0]
          ?.endsWith(phrase.toLowerCase()),
    );
    if (full) {
      table.addAlias(full, written);
      table.addMention(full, { start, end: start + phrase.length, text: phrase, form: 'NAME' });
      continue;
    }
    const titled = phrase.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
    const name =
      head === 'ministry' || head === 'department' || head === 'tribunal'
        ? titled
        : `${titled} of ${country.name}`;
    const institution = table.upsert({
      name,
      kind: 'GOVERNMENT',
      aliases: [titled, written],
      confidence: 0.6,
      country: country.name,
    });
    table.addMention(institution, {
      start,
      end: start + phrase.length,
      text: phrase,
      form: 'NAME',
    });
  }
  // "The interior ministry denied the charge": a ministry of a field, in lower case, is a
  // government body too.
  // "The regional housing department has given landlords until": a public department too, but
  // only after "the" ("its finance department" is a company's).
  const fieldBodies = [
    ...(hasMinistry ? body.matchAll(LOWER_CASE_FIELD_MINISTRY) : []),
    ...(body.includes('department') ? body.matchAll(LOWER_CASE_FIELD_DEPARTMENT) : []),
  ];
  for (const match of fieldBodies) {
    const [written, phrase, field] = match;
    if (!written || !phrase || !field || match.index === undefined) continue;
    if (!MINISTRY_FIELDS.has(field)) continue;
    const start = match.index + written.length - phrase.length;
    if (table.mentionAt(start)) continue;
    const titled = phrase.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
    const ministry = table.upsert({
      name: titled,
      kind: 'GOVERNMENT',
      aliases: [phrase],
      confidence: 0.55,
    });
    table.addMention(ministry, { start, end: start + phrase.length, text: phrase, form: 'NAME' });
  }
  // "Health Minister Amara Nwosu … The ministry says": with no ministry named, "the ministry" is
  // the one minister's.
  const ministerFields = new Set<string>();
  if (hasMinistry) {
    for (const entity of table.entities) {
      if (entity.kind !== 'PERSON' || !entity.title) continue;
      const field = ministerField(entity.title);
      if (field !== null) ministerFields.add(field);
    }
  }
  const [ministerFieldName] = ministerFields;
  if (
    ministerFieldName &&
    ministerFields.size === 1 &&
    !table.entities.some((entity) => entity.kind === 'GOVERNMENT' && /ministry/i.test(entity.name))
  ) {
    const field = ministerFieldName.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
    for (const match of body.matchAll(/\b[Tt]he\s+ministry\b/g)) {
      if (match.index === undefined || table.mentionAt(match.index)) continue;
      const ministry = table.upsert({
        name: `Ministry of ${field}`,
        kind: 'GOVERNMENT',
        aliases: [`${field} Ministry`],
        confidence: 0.5,
      });
      const end = match.index + match[0].length;
      table.addMention(ministry, {
        start: match.index,
        end,
        text: body.slice(match.index, end),
        form: 'NAME',
      });
    }
  }
  // "The district council of Harz": a local government named in lower case before its place.
  const councils =
    body.includes('council') || body.includes('assembly')
      ? body.matchAll(LOWER_CASE_LOCAL_GOVERNMENT)
      : [];
  for (const match of councils) {
    const [written, level, body_, place] = match;
    if (!written || !level || !body_ || !place || match.index === undefined) continue;
    const placed = table.find(place);
    if (
      placed &&
      placed.kind !== 'PLACE' &&
      placed.kind !== 'COUNTRY' &&
      placed.kind !== 'ORGANIZATION'
    )
      continue;
    if (placed?.kind === 'ORGANIZATION') placed.kind = 'PLACE';
    if (table.mentionAt(match.index)) continue;
    const titled = (s: string): string => s.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
    const institution = table.upsert({
      name: `${place} ${titled(level)} ${titled(body_)}`,
      kind: 'GOVERNMENT',
      aliases: [written],
      confidence: 0.6,
    });
    table.addMention(institution, {
      start: match.index,
      end: match.index + written.length,
      text: written,
      form: 'NAME',
    });
  }

  // "The Kaimai regional council ordered …", "Brackley district council said": a local
  // government written in lower case after its place is one name with it.
  // The level and body are found first and the place read back from them: a pattern that opens
  // with a capitalised run would be tried at every word of every article.
  const placedCouncils =
    body.includes(' council') || body.includes(' assembly')
      ? body.matchAll(LOCAL_GOVERNMENT_AFTER_PLACE)
      : [];
  for (const found of placedCouncils) {
    if (found.index === undefined) continue;
    const end = found.index + found[0].length;
    const before = body.slice(Math.max(0, found.index - 60), end);
    const match = PLACE_LOCAL_GOVERNMENT.exec(before);
    if (!match) continue;
    const [written, named, level, body_] = match;
    if (!written || !named || !level || !body_) continue;
    const place = named.replace(/^(?:The|A|An|Its|Their|This|That)\s+/, '');
    if (/^(?:The|A|An|Its|Their|This|That)$/.test(place) || COUNTRY_WORDS.has(place.toLowerCase()))
      continue;
    const start = end - `${place} ${level} ${body_}`.length;
    const titled = (s: string): string => s.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
    const institution = table.upsert({
      name: `${place} ${titled(level)} ${titled(body_)}`,
      kind: 'GOVERNMENT',
      aliases: [body.slice(start, end)],
      confidence: 0.6,
    });
    table.addMention(institution, { start, end, text: body.slice(start, end), form: 'NAME' });
    table.dropFragmentsIn(start, end, institution);
  }

  // "The national maritime safety board ordered …", "the rail regulator": a public body written
  // in lower case, its field words before a head such as "board" or "authority".
  for (const match of body.matchAll(LOWER_CASE_BODY)) {
    const [written, level, fields, head] = match;
    if (!written || !fields || !head || match.index === undefined) continue;
    const words = fields.trim().split(/\s+/);
    // "The lawmaker said the board": a clause, not the name of a body.
    if (
      words.some(
        (word) =>
          NOT_AN_INSTITUTION_FIELD.has(word) ||
          NON_INSTITUTION_FIELDS.has(word) ||
          CLAUSE_WORDS.has(word) ||
          reportingVerbs().cues.has(word),
      )
    )
      continue;
    const start = match.index + written.length - fields.length - head.length - 1;
    const from = level ? start - level.length : start;
    if (table.mentionAt(from) || table.mentionAt(start + fields.length + 1)) continue;
    // "the energy regulator, Osinergmin,", "the telecoms regulator Anatel": the name that follows
    // is the body; other rules read it.
    if (
      /^,?\s+\p{Lu}/u.test(
        body.slice(match.index + written.length, match.index + written.length + 3),
      )
    )
      continue;
    // "Anatel, the telecoms regulator,": a description of the name before it (one that opens
    // the sentence counts even when no rule took it for a name).
    const comma = /,\s*$/.exec(body.slice(Math.max(0, match.index - 3), match.index));
    if (comma && table.mentionAt(match.index - 3 + comma.index - 1)) continue;
    if (
      /(?:^|[.!?]\s+)\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,3},\s*$/u.test(
        body.slice(Math.max(0, match.index - 60), match.index),
      )
    )
      continue;
    const titled = `${fields} ${head}`.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
    // "the safety board" after "the national maritime safety board": the same body again.
    const earlier = table.entities.find(
      (entity) =>
        (entity.kind === 'GOVERNMENT' || entity.kind === 'ORGANIZATION') &&
        entity.name.toLowerCase().endsWith(` ${fields} ${head}`.toLowerCase()) &&
        entity.mentions.some((m) => m.start < start),
    );
    const institution =
      earlier ??
      table.upsert({
        name: titled,
        kind: LOWER_CASE_BODY_KINDS.get(head) ?? 'GOVERNMENT',
        aliases: level ? [`${level}${fields} ${head}`] : [],
        confidence: 0.55,
      });
    const end = start + fields.length + 1 + head.length;
    table.addMention(institution, { start, end, text: body.slice(start, end), form: 'NAME' });
  }

  // "the European Commission … the Commission": a head noun alone, capitalised, is the one body
  // named before whose name ends in it.
  for (const entity of [...table.entities]) {
    const lower = entity.name.toLowerCase();
    if (
      entity.name.includes(' ') ||
      !(GOVERNMENT_HEADS.has(lower) || ORGANIZATION_HEADS.has(lower))
    )
      continue;
    const first = Math.min(...entity.mentions.map((m) => m.start));
    const owners = table.entities.filter(
      (other) =>
        other !== entity &&
        (other.kind === 'GOVERNMENT' || other.kind === 'ORGANIZATION') &&
        other.name.toLowerCase().endsWith(` ${lower}`) &&
        other.mentions.some((m) => m.start < first),
    );
    const [owner] = owners;
    if (owner && owners.length === 1) table.merge(owner, entity);
  }

  // "away from Tandem Travel … Tandem Travel's managing director": a name a preposition made a
  // place is an organisation once it has what only an organisation has.
  for (const entity of table.entities) {
    if (entity.kind !== 'PLACE' || lookupPhrase(phrases, entity.name)) continue;
    const owns = entity.mentions.some(
      (m) =>
        m.form === 'NAME' &&
        /^['’]s?/.test(body.slice(m.end, m.end + 2)) &&
        ORGANIZATION_POSSESSIONS.test(body.slice(m.end, m.end + 60).replace(/^['’]s?/, '')),
    );
    if (owns) entity.kind = 'ORGANIZATION';
  }

  // "Chambeshi Deep Mining … Chambeshi Deep was ordered": organisations are shortened from the
  // front; a later name that opens exactly one earlier body's name is that body.
  for (const entity of [...table.entities]) {
    if (entity.kind !== 'ORGANIZATION' || !entity.name.includes(' ')) continue;
    const first = Math.min(...entity.mentions.map((m) => m.start));
    const longer = table.entities.filter(
      (other) =>
        other !== entity &&
        (other.kind === 'ORGANIZATION' || other.kind === 'GOVERNMENT') &&
        other.name.startsWith(`${entity.name} `) &&
        other.mentions.some((m) => m.start < first),
    );
    const [owner] = longer;
    if (owner && longer.length === 1) table.merge(owner, entity);
  }

  // "her Kastovan counterpart", "the leaders of Kastova and Ulmeria", "Valdoria's electoral
  // commission": a one-word name with what only a nation has is a country, listed or not.
  for (const entity of table.entities) {
    if (entity.kind !== 'ORGANIZATION' && entity.kind !== 'PLACE') continue;
    const name = entity.name;
    if (name.includes(' ') || lookupPhrase(phrases, name) || !/^\p{Lu}\p{Ll}{3,}$/u.test(name))
      continue;
    // Cheap tests first: the pattern below reads the whole body.
    if (
      !body.includes(`of ${name}`) &&
      !body.includes(`${name}'s `) &&
      !body.includes(`${name}’s `) &&
      !['n ', 'an ', 'ian ', 'ese ', 'i ', 'in ', 'en '].some((ending) =>
        body.includes(`${name}${ending}`),
      ) &&
      !body.includes(`${name.slice(0, -1)}ese `)
    )
      continue;
    const escaped = escapeRegExp(name);
    const stem = /[aeiou]$/.test(name) ? escapeRegExp(name) : `${escaped}(?:i|ia|e)?`;
    // States and provinces have governments, parliaments and ministers too: only what a
    // nation alone has counts.
    const national = new RegExp(
      `\\b(?:${stem}n|${escaped}ese)\\s+(?:president|prime\\s+minister|counterpart|embassy|ambassador|army|foreign\\s+minister)\\b|\\b(?:[Pp]resident|[Pp]rime\\s+[Mm]inister|[Ll]eaders)\\s+of\\s+(?:\\p{Lu}\\p{Ll}+\\s+(?:and|or)\\s+)?${escaped}\\b|\\b${escaped}['’]s\\s+(?:president|prime\\s+minister|foreign\\s+minister|foreign\\s+ministry|electoral\\s+commission|central\\s+bank|embassy|army)\\b`,
      'u',
    );
    if (national.test(body)) entity.kind = 'COUNTRY';
  }

  return { table, titles };
}

const LOWER_CASE_INSTITUTION =
  /\b(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)['’]s\s+((?:[a-z]+\s+){1,2}?(ministry|department|commission|tribunal))\b/gu;
const LOWER_CASE_FIELD_DEPARTMENT =
  /\b[Tt]he\s+(?:(?:provincial|regional|state|federal|national)\s+)?(([a-z]+)\s+department)\b/g;
const LOWER_CASE_FIELD_MINISTRY =
  /\b(?:[Tt]he|[Ii]ts)\s+(?:(?:provincial|regional|state|federal|national)\s+)?(([a-z]+)\s+ministry)\b/g;
const MINISTRY_FIELDS = readSet('ministry-fields.txt');
const OWNED_PUBLIC_BODY =
  /^['’]s?\s+(?:(?:national|regional|provincial|state)\s+)?([a-z]+)\s+(?:ministry|department|authority|regulator|agency|inspectorate|commission|tribunal)\b/;
const LOWER_CASE_BODY_KINDS = new Map(
  readList('lower-case-institution-heads.txt').map((line) => {
    const [head = '', kind = 'GOVERNMENT'] = line.split(/\s+/);
    return [head, kind as EntityKind];
  }),
);
const LOWER_CASE_BODY = new RegExp(
  `\\b(?:[Tt]he|[Ii]ts|[Tt]heir)\\s+((?:national|federal|state|provincial|regional|municipal|city|county)\\s+)?((?:[a-z]+\\s+){0,2}[a-z]+)\\s+(${[...LOWER_CASE_BODY_KINDS.keys()].join('|')})\\b`,
  'g',
);
const NON_INSTITUTION_FIELDS = readSet('non-institution-fields.txt');
/** Words that never stand among the field words of a body's name: they make a clause of it. */
const CLAUSE_WORDS = new Set(['the', 'a', 'an', 'that', 'its', 'their', 'his', 'her', 'and', 'or']);
const LOCAL_GOVERNMENT_AFTER_PLACE =
  /(?<=\p{L}\s)(?:district|county|city|town|municipal|regional|borough|shire|parish)\s+(?:council|assembly)\b/gu;
const PLACE_LOCAL_GOVERNMENT =
  /\b(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)\s+(district|county|city|town|municipal|regional|borough|shire|parish)\s+(council|assembly)$/u;
const LOWER_CASE_LOCAL_GOVERNMENT =
  /\b(district|county|city|town|municipal|regional|provincial|state)\s+(council|assembly)\s+of\s+(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)/gu;
/** Words before "ministry" that say which one it is not ("its own ministry", "the new department"). */
const NOT_AN_INSTITUTION_FIELD = new Set([
  'own',
  'new',
  'former',
  'top',
  'main',
  'local',
  'federal',
  'state',
  'relevant',
  'government',
  'police',
]);

/** Endings of English common nouns and adjectives ("industry", "welfare", "pharmacists",
 *  "labour", "trade", "rural", "national"). */
const COMMON_NOUN_ENDING =
  /(?:ry|ty|cy|gy|my|ny|ion|ions|ment|ments|ure|ism|ics|ance|ence|ies|ists|ers|our|ade|th|ce|are|ort|ood|ural|onal|ial|ic|ive|ous)$/;

interface KindScores {
  PERSON: number;
  PLACE: number;
  ORGANIZATION: number;
  GOVERNMENT: number;
  MEDIA_OUTLET: number;
}

/** Nouns that make a capitalised phrase a place (data/place-heads.txt). */
const PLACE_HEADS = readSet('place-heads.txt');
/** Nouns that make a place when they open its name ("Lake Victoria", "Gulf of Aden"). */
const COLLECTIVE_POSSESSORS = new Set([
  'people',
  'workers',
  'citizens',
  'women',
  'farmers',
  'children',
  'teachers',
  'nurses',
  'doctors',
  'miners',
  'residents',
  'consumers',
  'taxpayers',
  'veterans',
  'students',
  'patients',
  'passengers',
  'tenants',
]);
const LEADING_PLACE_HEADS = new Set([
  'estadio',
  'lake',
  'mount',
  'river',
  'bay',
  'strait',
  'gulf',
  'cape',
  'isle',
]);
/** Lower-case nouns after a name that make it a place: "the Darfur region", "Aceh province". */
/** Sites that take the name of the place they are in ("the Mufwala shaft"). */
const SITE_NOUNS_AFTER =
  /^\s+(?:(?:copper|gold|coal|iron|nickel|lithium|diamond|zinc|uranium|container|ferry)\s+)?(?:mine|mines|shaft|pit|oilfield|gasfield|terminal|terminals|harbour|harbor)\b/;

const PLACE_NOUNS_AFTER =
  /^\s+(?:region|province|district|county|prefecture|governorate|state|city|town|village|area|valley|coast|peninsula|island|islands|border|desert|delta|basin|reservoir|dam|river|stream|lake|creek|lagoon|estuary|plateau|highlands|constituency|municipality|township)\b/;

const PLACE_PLURALS =
  /^(?:villages|towns|cities|districts|regions|provinces|states|areas|suburbs|counties)$/;
/** Surname endings that only people's names carry ("Kowalczyk", "Hrytsenko", "Petrović"). */
const SURNAME_ENDING =
  /(?:ski|ska|cki|cka|czyk|wicz|enko|chuk|ová|ović|ovich|evich|escu|oğlu|idze|shvili)$/;
/** Holders an office is named after ("the Sheriff's Office"). */
const OFFICE_OWNERS =
  /^(?:attorney|sheriff|prosecutor|governor|mayor|president|auditor|coroner|comptroller|controller|treasurer|commissioner|ombudsman|premier|chancellor)$/;

/** Events and crossings held at a place: "the border at X", "a summit at X". */
const EVENT_NOUNS_BEFORE_AT =
  /^(?:border|crossing|checkpoint|summit|rally|ceremony|match|game|final|semi-final|win|victory|defeat|draw|concert|funeral|vigil|protest|talks|meeting|landed|arrived|docked)$/;

/** Words before a name that make it a place: "in Herat", "near Bahodopi", "outside Kabul". */
/** Verbs of what happens only to people, before their object. */
const PERSON_EVENTS =
  /^(?:arrested|detained|jailed|imprisoned|sentenced|convicted|acquitted|pardoned|kidnapped|abducted|extradited|murdered|wounded|injured|killed|married|interviewed)$/;
/** The same verbs, passive, after a name or two joined by "and". */
const PERSON_EVENTS_AFTER =
  /^(?:\s+and(?:\s+\p{Lu}[\p{L}'’-]+){1,3})?\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:arrested|detained|jailed|imprisoned|sentenced|convicted|acquitted|pardoned|kidnapped|abducted|extradited|murdered|wounded|injured|killed|born|married)\b/u;

/** Words for the part of a region ("in rural X", "in northern X"). */
const GEOGRAPHIC_ADJECTIVES = new Set([
  'rural',
  'central',
  'northern',
  'southern',
  'eastern',
  'western',
  'coastal',
  'remote',
  'downtown',
  'suburban',
  'upstate',
  'north-eastern',
  'north-western',
  'south-eastern',
  'south-western',
  'northeastern',
  'northwestern',
  'southeastern',
  'southwestern',
]);

/** Head nouns of an apposition that says a name is a place ("X, a mountain town,"). */
const PLACE_APPOSITION_HEADS = new Set([
  'town',
  'village',
  'city',
  'region',
  'district',
  'province',
  'suburb',
  'island',
  'county',
  'municipality',
  'hamlet',
  'settlement',
  'commune',
  'capital',
  'neighbourhood',
  'neighborhood',
]);

const PLACE_PREPOSITIONS = new Set([
  'in',
  'near',
  'outside',
  'around',
  'throughout',
  'neighbouring',
  'neighboring',
  'towards',
  'toward',
  'inside',
  'via',
]);
/** "a stake in X", "shares in X", "invested in X": "in" before a company, not a place. */
const NOT_PLACE_BEFORE_IN = new Set([
  'stake',
  'stakes',
  'shares',
  'invest',
  'invested',
  'investing',
  'investment',
  'interest',
  'role',
  'job',
  'jobs',
  'work',
  'worked',
  'career',
  'confidence',
  'trust',
  'belief',
  'believe',
]);
/** "the people of X", "the city of X": the name after "of" is a place. */
/** ", a shop owner in …", ", a Turkish striker": an apposition after a name, its nationality apart. */
const APPOSITION =
  /^,\s+(?:a|an|the|its|their|his|her)\s+(?:(\p{Lu}\p{Ll}+)\s+)?((?:[a-z-]+\s+){0,3}[a-z-]+)/u;

/** Words that end an apposition's head noun ("a shop owner in Can Tho"). */
const APPOSITION_ENDS = new Set([
  'in',
  'at',
  'of',
  'for',
  'from',
  'with',
  'on',
  'to',
  'who',
  'and',
  'based',
]);
const PLACE_OWNERS = new Set([
  'government',
  'governor',
  'citizens',
  'inhabitants',
  'suburbs',
  'suburb',
  'neighbourhood',
  'neighborhood',
  'borough',
  'township',
  'municipality',
  'people',
  'residents',
  'city',
  'town',
  'village',
  'villages',
  'province',
  'region',
  'district',
  'state',
  'island',
  'mayor',
  'outskirts',
  'interior',
  'streets',
  'capital',
  'districts',
  'provinces',
  'regions',
  'towns',
  'cities',
  'port',
  'banks',
  'shores',
  'women',
  'men',
  'children',
  'families',
  'farmers',
  'fishermen',
  'elders',
  'king',
  'queen',
  'sultan',
  'emir',
]);
/** Holders an office is named after ("the Ombudsman's Office"). */
const OFFICE_HOLDERS = new Set([
  'ombudsman',
  'prosecutor',
  'auditor',
  'comptroller',
  'controller',
  'registrar',
  'mayor',
  'governor',
  'president',
  'minister',
  'general',
  'commissioner',
  'sheriff',
]);

/** Nouns an apposition uses for a person ("X, a lawyer for the workers"). */
const PERSON_NOUNS = readSet('person-nouns.txt');
/** The endings of English agent nouns ("supervisor", "treasurer", "economist", "chairman"). */
const AGENT_NOUN = /^[a-z]{3,}(?:er|or|ist|man|woman)$/;
const PERSON_DESCRIPTORS = readSet('person-descriptors.txt');
/** Words that end a description's head ("a mother of two in …", "a man from Hvar"). */
const DESCRIPTION_ENDS = new Set(['of', 'in', 'from', 'at', 'with', 'who', 'whose', 'for', 'on']);
/** "X's managing director", "X's board": what a person does not have. */
const ORGANIZATION_POSSESSIONS =
  /^\s+(?:[a-z-]+\s+)?(?:managing director|chief executive|chief operating officer|chief financial officer|chairman|chairwoman|board|shareholders|headquarters|chief executive officer|CEO|subsidiary|parent company|coach|head coach|squad|players|fans|shares|share price|employees|staff|customers|largest customer|lenders|general manager|finance director)\b/;

/** The kind with the most evidence; organisation when nothing speaks for another kind. */
/**
 * "at the Mombasa auction … a broker in Mombasa": a name first typed an organisation for want of
 * any evidence takes the kind a later mention gives evidence for.
 */
function withEvidence(
  untyped: boolean,
  entity: EntityDraft,
  decided: { kind: EntityKind; confidence: number },
): EntityDraft {
  if (untyped && decided.kind !== 'PERSON' && decided.confidence > DEFAULT_KIND_CONFIDENCE)
    entity.kind = decided.kind;
  return entity;
}

/** An organisation only because nothing said otherwise. */
function typedByDefault(entity: EntityDraft | undefined): boolean {
  return entity?.kind === 'ORGANIZATION' && entity.confidence <= DEFAULT_KIND_CONFIDENCE;
}

/** The confidence of an organisation with no evidence but the default score. */
const DEFAULT_KIND_CONFIDENCE = 0.55;

function decideKind(
  scores: KindScores,
  descriptor: EntityKind | null,
): { kind: EntityKind; confidence: number } {
  if (descriptor) return { kind: descriptor, confidence: 0.7 };
  const ranked = (Object.entries(scores) as [keyof KindScores, number][]).sort(
    (a, b) => b[1] - a[1],
  );
  const [best, second] = ranked;
  if (!best) return { kind: 'ORGANIZATION', confidence: 0.5 };
  const margin = best[1] - (second?.[1] ?? 0);
  return { kind: best[0], confidence: Math.min(0.85, 0.5 + margin / 10) };
}

/** Words a company's full legal name adds to the name it is called by ("Group", "Inc", "Ltd"). */
const CORPORATE_SUFFIXES = new Set([
  'inc',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'plc',
  'llc',
  'ag',
  'sa',
  'nv',
  'se',
  'group',
  'holdings',
  'holding',
]);

/**
 * "Goldman Sachs Group Inc" and "Goldman Sachs": an organisation whose name is another's plus
 * corporate suffixes is the same organisation. The longer form stays the name.
 */
function mergeCorporateForms(table: EntityTable): void {
  const organisations = table.entities.filter((e) => e.kind === 'ORGANIZATION');
  for (const short of organisations) {
    const shortName = normalizeName(short.name);
    if (!table.entities.includes(short) || shortName.split(' ').length < 2) continue;
    const longer = organisations.filter((other) => {
      if (other === short || !table.entities.includes(other)) return false;
      const name = normalizeName(other.name);
      if (!name.startsWith(`${shortName} `)) return false;
      return name
        .slice(shortName.length + 1)
        .split(' ')
        .every((word) => CORPORATE_SUFFIXES.has(word));
    });
    const [full] = longer;
    if (longer.length === 1 && full) table.merge(full, short);
  }
}

/**
 * Countries and places named inside an institution's name: "Bank of Mexico" and "University of
 * Lagos" (after "of"), "Kenya Medical … Union" (leading). The name is a mention of the place too.
 * "Mexico City" is a place of its own and is matched whole before this runs.
 */
function addNestedPlaces(table: EntityTable, phrases: PhraseIndex, body: string): void {
  for (const entity of [...table.entities]) {
    if (entity.kind !== 'ORGANIZATION' && entity.kind !== 'GOVERNMENT') continue;
    for (const mention of entity.mentions) {
      if (mention.form !== 'NAME') continue;
      const text = body.slice(mention.start, mention.end);
      const words = [...text.matchAll(/[\p{L}][\p{L}.'’-]*/gu)];
      for (let w = 0; w < words.length; w++) {
        const leading = w === 0 && words.length > 2;
        const afterOf = w > 0 && words[w - 1]?.[0].toLowerCase() === 'of';
        if (!leading && !afterOf) continue;
        for (let n = Math.min(3, words.length - w); n >= 1; n--) {
          const firstWord = words[w];
          const lastWord = words[w + n - 1];
          if (!firstWord || !lastWord) continue;
          const start = mention.start + (firstWord.index ?? 0);
          const end = mention.start + (lastWord.index ?? 0) + lastWord[0].length;
          const entry = lookupPhrase(phrases, body.slice(start, end));
          if (!entry || (entry.kind !== 'COUNTRY' && entry.kind !== 'PLACE')) continue;
          // A leading place only counts for a country ("Kenya Medical …", not "Ghana Airways"
          // is fine too, but "Paris Saint-Germain" names a club after a city, not in it).
          if (leading && entry.kind !== 'COUNTRY') continue;
          const place = table.upsert({
            name: entry.name,
            kind: entry.kind,
            aliases: entry.aliases,
            confidence: 0.7,
          });
          if (place === entity) continue;
          table.addNestedMention(place, {
            start,
            end,
            text: body.slice(start, end),
            form: 'NAME',
          });
          break;
        }
      }
    }
  }
}

/** "the government of Varnia": the government a place or country is said to have. */
const GOVERNMENT_OF = /\b[Tt]he\s+government\s+of\s+(?=\p{Lu})/gu;

/**
 * "The government of Varnia has given …": a place named after "the government of" has that
 * government, an actor of its own ("Government of Varnia"), as "Peru's government" does.
 */
function addGovernmentsOf(table: EntityTable, body: string): void {
  for (const match of body.matchAll(GOVERNMENT_OF)) {
    const at = (match.index ?? 0) + match[0].length;
    const place = table.mentionAt(at);
    if (!place || place.mention.start !== at) continue;
    if (place.entity.kind !== 'PLACE' && place.entity.kind !== 'COUNTRY') continue;
    const name = place.entity.name;
    const gov = table.upsert({
      name: `Government of ${name}`,
      kind: 'GOVERNMENT',
      aliases: [`${name}'s government`],
      confidence: 0.8,
      country: name,
    });
    const start = match.index ?? 0;
    table.addMention(gov, {
      start,
      end: place.mention.end,
      text: body.slice(start, place.mention.end),
      form: 'NAME',
    });
  }
}

function addPhraseMention(
  table: EntityTable,
  entry: PhraseEntry,
  body: string,
  start: number,
  end: number,
): void {
  const entity = table.upsert({
    name: entry.name,
    kind: entry.kind,
    aliases: entry.aliases,
    confidence: entry.confidence,
    ...(entry.knownId !== undefined ? { knownId: entry.knownId } : {}),
  });
  const from = determinerStart(body, start, entry.kind === 'MEDIA_OUTLET');
  table.addMention(entity, { start: from, end, text: body.slice(from, end), form: 'NAME' });
}

/** Includes a preceding "the" in outlet names ("the BBC"), which is part of how they are written. */
function determinerStart(body: string, start: number, include = true): number {
  if (!include) return start;
  const before = body.slice(Math.max(0, start - 4), start);
  return /^the $/i.test(before) ? start - 4 : start;
}

function spanText(body: string, tokens: Token[]): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first && last ? body.slice(first.start, last.end) : '';
}

/**
 * The all-lower-case words of the last body asked about: one pass instead of a scan per word.
 * Words with other characters ("co-operation") are searched for; every answer is remembered.
 */
let lowercaseWords: { body: string; words: Set<string>; answers: Map<string, boolean> } | null =
  null;

function appearsLowercase(body: string, lower: string): boolean {
  if (lowercaseWords?.body !== body) {
    const words = new Set<string>();
    for (const word of body.split(/[^\p{L}]+/u))
      if (word !== '' && word === word.toLowerCase()) words.add(word);
    lowercaseWords = { body, words, answers: new Map() };
  }
  let found = lowercaseWords.answers.get(lower);
  if (found === undefined) {
    found = /^\p{L}+$/u.test(lower)
      ? lowercaseWords.words.has(lower)
      : new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(lower)}(?:[^\\p{L}]|$)`, 'u').test(body);
    lowercaseWords.answers.set(lower, found);
  }
  return found;
}

/** "Health Minister" → health, "Minister of Finance" → finance: a field a ministry is named by. */
function ministerField(title: string): string | null {
  const field = (
    /^(?:[a-z]+\s+)?([a-z]+)\s+minister$/i.exec(title)?.[1] ??
    /\bminister\s+(?:of|for)\s+([a-z]+)$/i.exec(title)?.[1]
  )?.toLowerCase();
  return field && MINISTRY_FIELDS.has(field) ? field : null;
}

/**
 * Vietnamese, Korean and Chinese names put the family name first ("Nguyen Thi Thu Hang",
 * "Park Joon-ho"): their first word says nothing of gender. A Vietnamese middle name does
 * ("Thi" for women, "Van" for men).
 */
const FAMILY_NAMES_FIRST = new Set(
  'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly kim park lee choi jung kang cho yoon jang lim han shin oh seo kwon hwang wang li zhang liu chen yang zhao huang zhou wu xu sun zhu hu guo lin luo'.split(
    ' ',
  ),
);

function nameGender(words: string[]): 'male' | 'female' | 'unknown' | null {
  if (words.length < 2) return null;
  const [first = '', second = ''] = words;
  if (FAMILY_NAMES_FIRST.has(first.toLowerCase())) {
    if (words.length >= 3 && /^th[iị]$/i.test(second)) return 'female';
    if (words.length >= 3 && /^v[aă]n$/i.test(second)) return 'male';
    return null;
  }
  return firstNameGender(first);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** First words that name a storm ("Typhoon Odette", "Tropical Storm Alberto"). */
const STORM_WORDS = new Set(['typhoon', 'hurricane', 'cyclone', 'storm']);

/** Words after a government head that go on to its field ("Ministry of …", "Ministerio de …"). */
const GOVERNMENT_HEAD_LINKS = new Set([
  'of',
  'for',
  'on',
  'de',
  'del',
  'da',
  'do',
  'des',
  'du',
  'para',
  'pour',
]);

/** Last words that make a capitalised phrase a competition or its trophy. */
const COMPETITION_HEADS = new Set(['cup', 'trophy', 'championship', 'championships', 'olympics']);

function headKind(seq: Token[]): EntityKind | null {
  const last = seq[seq.length - 1];
  if (!last) return null;
  if (seq.length > 1 && OUTLET_SUFFIXES.has(last.lower)) return 'MEDIA_OUTLET';
  // "Radio Kafue", "TV Cidade": a station named by what it is.
  if (seq.length > 1 && OUTLET_PREFIXES.has(seq[0]?.lower ?? '')) return 'MEDIA_OUTLET';
  // "Sport TV Norte", "Canal TV Sul": a station's own letters inside its name.
  if (seq.length > 2 && seq.some((token) => token.text === 'TV')) return 'MEDIA_OUTLET';
  // "Public Finance Act", "Courts of Justice Act": a law, whatever words it is made of; its year
  // may follow ("Pensions Act 2004").
  if (seq.length > 1 && LAW_HEADS.has(last.lower)) return 'OTHER';
  const beforeYear = seq.length > 2 && /^\d{4}$/.test(last.text) ? seq[seq.length - 2] : undefined;
  if (beforeYear && LAW_HEADS.has(beforeYear.lower)) return 'OTHER';
  // "Polish Cup", "Davis Cup", "European Championship": a competition, not its organiser.
  if (seq.length > 1 && COMPETITION_HEADS.has(last.lower)) return 'OTHER';
  // "Typhoon Odette", "Hurricane Maria", "Tropical Storm Alberto": a storm, named by what it is.
  const stormWord = seq[0]?.lower === 'tropical' ? seq[1] : seq[0];
  if (seq.length > 1 && stormWord !== last && STORM_WORDS.has(stormWord?.lower ?? ''))
    return 'OTHER';
  for (let i = 0; i < seq.length; i++) {
    const token = seq[i];
    if (!token) continue;
    const isLastOrBeforeOf =
      i === seq.length - 1 || GOVERNMENT_HEAD_LINKS.has(seq[i + 1]?.lower ?? '');
    if (GOVERNMENT_HEADS.has(token.lower) && isLastOrBeforeOf && (seq.length > 1 || !token.initial))
      return 'GOVERNMENT';
  }
  // "Al Yamamah Palace", "Tahrir Square", "Lake Victoria", "Strait of Hormuz": a place named by
  // what it is.
  if (
    seq.length > 1 &&
    (PLACE_HEADS.has(last.lower) || LEADING_PLACE_HEADS.has(seq[0]?.lower ?? ''))
  )
    return 'PLACE';
  // "Central Bank of Nigeria", "European Central Bank", "Bank of Mexico": a country's central bank.
  const lowers = seq.map((token) => token.lower);
  const bank = lowers.indexOf('bank');
  if (bank > 0 && lowers[bank - 1] === 'central') return 'GOVERNMENT';
  if (bank >= 0 && lowers[bank + 1] === 'of') {
    const owner = seq
      .slice(bank + 2)
      .map((token) => token.text)
      .join(' ');
    if (COUNTRY_NAMES.has(owner)) return 'GOVERNMENT';
  }
  if (seq.length > 1 && ORGANIZATION_HEADS.has(last.lower)) return 'ORGANIZATION';
  // "Atlético Tlaquepaque", "Banco Atlantico Invest", "Grupo Ferrara": a head that opens the
  // names of clubs and firms in Spanish, Portuguese and Italian.
  if (seq.length > 1 && LEADING_ORGANIZATION_HEADS.has(seq[0]?.lower ?? '')) return 'ORGANIZATION';
  // "University of Lagos", "Association of Southeast Asian Nations": a head before "of".
  for (let i = 0; i < seq.length - 2; i++)
    if (ORGANIZATION_HEADS.has(lowers[i] ?? '') && lowers[i + 1] === 'of') return 'ORGANIZATION';
  return null;
}

function endsInTitleOrHead(tokens: Token[], from: number): boolean {
  for (let j = from; j < tokens.length && j < from + 4; j++) {
    const token = tokens[j];
    if (!token || !token.capitalised) return false;
    // The name ends with its sentence ("… and Chernihiv. The Antimonopoly Committee …").
    if (j > from && (token.initial || token.start - (tokens[j - 1]?.end ?? 0) > 1)) return false;
    if (
      LEADING_TITLES.has(token.lower) ||
      GOVERNMENT_HEADS.has(token.lower) ||
      ORGANIZATION_HEADS.has(token.lower)
    )
      return true;
  }
  return false;
}

/** "Chinese" → China: the first country, in list order, that has the adjective. */
const COUNTRY_BY_ADJECTIVE = new Map<string, string>();
for (const country of COUNTRIES)
  for (const adjective of country.adjectives)
    if (!COUNTRY_BY_ADJECTIVE.has(adjective)) COUNTRY_BY_ADJECTIVE.set(adjective, country.name);

function countryByAdjective(word: string): string | undefined {
  return COUNTRY_BY_ADJECTIVE.get(word);
}

/** "Foreign Ministry" + China → "Ministry of Foreign Affairs of China". */
function canonicalInstitution(name: string, country: string): string {
  const reversed = /^(.+?)\s+Ministry$/.exec(name);
  if (reversed) {
    const field = reversed[1] === 'Foreign' ? 'Foreign Affairs' : (reversed[1] ?? '');
    return `Ministry of ${field} of ${country}`;
  }
  if (/^Ministry of /.test(name)) return `${name} of ${country}`;
  return name;
}

/** "(MHRA)" right after a capitalised run. */
function acronymAfter(body: string, seq: Token[]): string | null {
  const last = seq[seq.length - 1];
  if (!last) return null;
  const match = /^\s*\((\p{Lu}{2,8})\)/u.exec(body.slice(last.end, last.end + 12));
  return match?.[1] ?? null;
}

/** "(BaFin)", "(Serbuk)": a one-word short form in brackets that is no place, country or common word. */
function bracketedShortForm(body: string, seq: Token[]): string | null {
  const last = seq[seq.length - 1];
  if (!last) return null;
  const match = /^\s*\((\p{Lu}[\p{L}]{1,11})\)/u.exec(body.slice(last.end, last.end + 16));
  const word = match?.[1];
  if (!word || NON_NAME_WORDS.has(word.toLowerCase()) || isCommonWord(word)) return null;
  const lexical = lexiconKind(word);
  return lexical === 'PLACE' || lexical === 'COUNTRY' ? null : word;
}

/**
 * The tokens ending at `lastIndex` whose capital initials spell the acronym, walking back; small
 * lower-case words in between are part of the name ("Medicines and Healthcare products …").
 */
function expandAcronym(tokens: Token[], lastIndex: number, acronym: string): Token[] | null {
  let letter = acronym.length - 1;
  let i = lastIndex;
  let lowerRun = 0;
  while (i >= 0 && letter >= 0) {
    const token = tokens[i];
    if (!token) return null;
    if (token.capitalised && token.text[0] === acronym[letter]) {
      letter--;
      lowerRun = 0;
    } else if (token.capitalised || ++lowerRun > 2) {
      return null;
    }
    i--;
  }
  return letter < 0 ? tokens.slice(i + 1, lastIndex + 1) : null;
}

/** Phrases by their first word, longest first; a word with no phrase has no list. */
interface PhraseIndex {
  get(first: string): readonly PhraseEntry[] | undefined;
}

const byLengthThenKnown = (a: PhraseEntry, b: PhraseEntry): number =>
  b.tokens.length - a.tokens.length ||
  Number(b.knownId !== undefined) - Number(a.knownId !== undefined);

function phraseTokens(surface: string): string[] {
  return surface
    .replace(/^the\s+/i, '')
    .split(/\s+/)
    .map((word) => word.toLowerCase());
}

let gazetteerPhrases: Map<string, PhraseEntry[]> | undefined;

/** The gazetteer's phrases are the same for every article: indexed once, on first use. */
function gazetteerIndex(): Map<string, PhraseEntry[]> {
  if (!gazetteerPhrases) {
    const index = new Map<string, PhraseEntry[]>();
    for (const entry of [...MEDIA_OUTLETS, ...COUNTRIES, ...PLACES]) {
      for (const surface of [entry.name, ...entry.aliases]) {
        const tokens = phraseTokens(surface);
        const first = tokens[0];
        if (!first) continue;
        const list = index.get(first) ?? [];
        list.push({
          name: entry.name,
          kind: entry.kind,
          aliases: entry.aliases,
          confidence: 0.95,
          tokens,
        });
        index.set(first, list);
      }
    }
    for (const list of index.values()) list.sort(byLengthThenKnown);
    gazetteerPhrases = index;
  }
  return gazetteerPhrases;
}

/**
 * The gazetteer, then the article's datelines, then the entities the caller knows. Only the lists
 * of first words this article adds to are copied; the sort is stable, so sorting a sorted gazetteer
 * list with the additions after it orders them as sorting everything at once would.
 */
function buildPhraseIndex(known: KnownEntity[], datelines: string[]): PhraseIndex {
  const base = gazetteerIndex();
  const own = new Map<string, PhraseEntry[]>();
  const index: PhraseIndex = { get: (first) => own.get(first) ?? base.get(first) };
  const add = (surface: string, entry: Omit<PhraseEntry, 'tokens'>): void => {
    const tokens = phraseTokens(surface);
    const first = tokens[0];
    if (!first) return;
    let list = own.get(first);
    if (!list) {
      list = [...(base.get(first) ?? [])];
      own.set(first, list);
    }
    list.push({ ...entry, tokens });
  };
  for (const place of datelines) {
    if (!lookupPhrase(index, place))
      add(place, { name: place, kind: 'PLACE', aliases: [], confidence: 0.85 });
  }
  // Entities the caller knows win over the gazetteer: their ids are what the caller wants back.
  for (const entity of known) {
    for (const surface of [entity.name, ...entity.aliases]) {
      add(surface, {
        name: entity.name,
        kind: entity.kind,
        aliases: entity.aliases,
        knownId: entity.id,
        confidence: 0.95,
      });
    }
  }
  for (const list of own.values()) list.sort(byLengthThenKnown);
  return index;
}

function lookupPhrase(index: PhraseIndex, surface: string): PhraseEntry | undefined {
  const tokens = phraseTokens(surface);
  const joined = tokens.join(' ');
  return index.get(tokens[0] ?? '')?.find((entry) => entry.tokens.join(' ') === joined);
}

function matchPhrase(
  index: PhraseIndex,
  tokens: Token[],
  i: number,
  adjacent: (a: Token, b: Token) => boolean,
): { entry: PhraseEntry; length: number } | null {
  const first = tokens[i];
  if (!first) return null;
  const candidates = index.get(first.lower);
  if (!candidates) return null;
  for (const entry of candidates) {
    let ok = true;
    for (let k = 1; k < entry.tokens.length; k++) {
      const token = tokens[i + k];
      const previous = tokens[i + k - 1];
      if (!token || !previous || token.lower !== entry.tokens[k] || !adjacent(previous, token)) {
        ok = false;
        break;
      }
    }
    // Case matters for short all-capital names: "US" is a country, "us" is a pronoun.
    if (
      ok &&
      entry.tokens.length === 1 &&
      first.text.length <= 3 &&
      first.text !== first.text.toUpperCase()
    )
      ok = false;
    if (ok) return { entry, length: entry.tokens.length };
  }
  return null;
}

/** Splits "Facebook-owned" into a name token and keeps the affix for relation rules. */
function splitAffixes(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const match = token.text.includes('-') ? AFFIXES.exec(token.text) : null;
    if (match && match[1]) {
      out.push({
        ...token,
        text: match[1],
        lower: match[1].toLowerCase(),
        end: token.start + match[1].length,
        possessive: false,
      });
    } else {
      out.push(token);
    }
  }
  return out;
}

function findPerson(table: EntityTable, name: string): EntityDraft | undefined {
  const exact = table.find(name);
  if (exact) return exact;
  const parts = nameWords(name);
  const last = parts[parts.length - 1];
  return table.entities.find((entity) => {
    if (entity.kind !== 'PERSON') return false;
    const other = nameWords(entity.name);
    if (other[other.length - 1] !== last) return false;
    return parts.length === 1 || other.length === 1 || other[0] === parts[0];
  });
}

/** "ASUU" → Academic Staff Union of Universities: the initials of a longer name's capitalised words. */
function acronymOwner(table: EntityTable, word: string): EntityDraft | undefined {
  if (!/^\p{Lu}{2,8}$/u.test(word)) return undefined;
  const owners = table.entities.filter((entity) => {
    if (entity.kind === 'PERSON') return false;
    const parts = entity.name.split(/[\s-]+/).filter((part) => /^\p{Lu}/u.test(part));
    const initials = parts.map((part) => part[0]).join('');
    if (initials.length >= 2 && initials === word) return true;
    // "BART" for "Bay Area Rapid Transit District": the initials without the generic last word.
    const last = parts[parts.length - 1]?.toLowerCase() ?? '';
    if (
      initials.length >= 4 &&
      initials.slice(0, -1) === word &&
      (ORGANIZATION_HEADS.has(last) || GOVERNMENT_HEADS.has(last) || PLACE_HEADS.has(last))
    )
      return true;
    // "South Korea's Fair Trade Commission … The KFTC": the country's initial opens the acronym.
    const country = entity.country ?? '';
    return (
      initials.length >= 2 &&
      word.slice(1) === initials &&
      country.split(/\s+/).some((part) => part.startsWith(word[0] ?? ''))
    );
  });
  const [owner] = owners;
  if (owners.length !== 1 || !owner) return undefined;
  table.addAlias(owner, word);
  return owner;
}

/** "Halvern" → Halvern Pharma, "Pollard" → Graham Pollard, "Commission" → European Commission. */
function shortFormOwner(table: EntityTable, word: string): EntityDraft | undefined {
  const lower = normalizeName(word);
  const exact = table.find(word);
  if (exact) return exact;
  const candidates = table.entities.filter((entity) => {
    const parts = nameWords(entity.name);
    if (parts.length < 2) return false;
    if (entity.kind === 'PERSON') return parts[parts.length - 1] === lower || parts[0] === lower;
    if (parts[0] === lower) return true;
    if (parts[parts.length - 1] !== lower) return false;
    // "Commission" → European Commission; "Aramco" → Saudi Aramco (a country's adjective first).
    return (
      GOVERNMENT_HEADS.has(lower) ||
      (parts.length === 2 && countryByAdjective(entity.name.split(' ')[0] ?? '') !== undefined)
    );
  });
  if (candidates.length === 1) return candidates[0];
  // "Dambi Market … Dambi … Dambi Express": a company's first word is the company named first.
  const firstWord = candidates.filter(
    (entity) => entity.kind === 'ORGANIZATION' && nameWords(entity.name)[0] === lower,
  );
  if (firstWord.length < 2 || firstWord.length !== candidates.length) return undefined;
  const firstSeen = (entity: EntityDraft): number =>
    Math.min(...entity.mentions.map((m) => m.start), Number.MAX_SAFE_INTEGER);
  return [...firstWord].sort((a, b) => firstSeen(a) - firstSeen(b))[0];
}

export { normalizeName };
