// A word a pattern cannot match without, so that a text lacking it is passed over by a string
// search instead of the pattern (whose engine tries it at every position of the text).

/**
 * The longest run of letters (four or more) that every match of `pattern` contains: one written
 * outside any group, alternation, character class or lookaround, and not made optional by a
 * quantifier after it. Null for a case-insensitive pattern, or when there is no such run.
 */
export function neededWord(pattern: RegExp): string | null {
  if (pattern.flags.includes('i')) return null;
  const source = pattern.source;
  // The pattern's top level, with every escape, class and group written as a separator.
  let top = '';
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      i++;
      top += depth === 0 ? '\0' : '';
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      top += depth === 0 ? '\0' : '';
      continue;
    }
    if (c === '(') {
      if (depth === 0) top += '\0';
      depth++;
      continue;
    }
    if (c === ')') {
      depth--;
      // A quantifier after a group applies to the group, not to the letters after it.
      continue;
    }
    if (depth === 0) {
      // An alternation at the top level: no word is needed by every branch.
      if (c === '|') return null;
      top += c;
    }
  }
  let best: string | null = null;
  for (const run of top.matchAll(/[a-z]+/gi)) {
    let word = run[0];
    const after = top[run.index + word.length];
    // "deadlines?": the last letter is optional, the ones before it are not.
    if (after === '?' || after === '*' || after === '{') word = word.slice(0, -1);
    if (word.length >= 4 && (best === null || word.length > best.length)) best = word;
  }
  return best;
}
