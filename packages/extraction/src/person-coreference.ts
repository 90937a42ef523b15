// People named again: "Kofi Mensah-Bonsu … Mensah-Bonsu said" is one speaker, not two. Runs on
// the entity table before speakers are resolved, so a surname-only subject ("Park said") finds
// the full name, its title and its gender. Organisations are shortened from the front ("Meridian"
// for "Meridian Savings Bank") and people from the back, so a name that is the last word or two
// of a longer one, written later, is that person's surname.
import { normalizeName, type EntityDraft, type EntityTable } from './entity-table';
import { GOVERNMENT_HEADS, ORGANIZATION_HEADS } from './gazetteer';

const MAY_BE_PERSON = new Set(['PERSON', 'ORGANIZATION', 'OTHER']);

function words(entity: EntityDraft): string[] {
  return normalizeName(entity.name).split(' ');
}

/** "… Bank", "Ministry of …", "… of Ulmeria": a name built like an institution's, not a person's. */
function institutional(entity: EntityDraft): boolean {
  if (/\s(?:of|for|and|&)\s/i.test(entity.name)) return true;
  return words(entity).some((word) => ORGANIZATION_HEADS.has(word) || GOVERNMENT_HEADS.has(word));
}

function firstMention(entity: EntityDraft): number {
  return entity.mentions.reduce((min, m) => Math.min(min, m.start), Number.POSITIVE_INFINITY);
}

/**
 * Merges each surname-only entity into the one full name that ends with it and was written
 * first, and makes that name a person: an organisation is not called by its last words.
 * A capitalised name followed by ", who" is a person too.
 */
export function linkPersonMentions(body: string, table: EntityTable): void {
  const candidates = (): EntityDraft[] =>
    table.entities.filter(
      (e) => MAY_BE_PERSON.has(e.kind) && e.knownId === undefined && !institutional(e),
    );
  for (const short of candidates()) {
    if (!table.entities.includes(short)) continue;
    const tail = words(short);
    const owners = candidates().filter((e) => {
      if (e === short) return false;
      const full = words(e);
      return (
        full.length > tail.length &&
        full.length <= tail.length + 2 &&
        full.slice(-tail.length).join(' ') === tail.join(' ')
      );
    });
    const owner = owners.length === 1 ? owners[0] : undefined;
    if (!owner || firstMention(owner) > firstMention(short)) continue;
    table.merge(owner, short);
    owner.kind = 'PERSON';
  }
  for (const entity of candidates()) {
    if (entity.kind === 'PERSON' || words(entity).length < 2) continue;
    if (entity.mentions.some((m) => /^,\s+(?:who|whose)\s/.test(body.slice(m.end, m.end + 8))))
      entity.kind = 'PERSON';
  }
}
