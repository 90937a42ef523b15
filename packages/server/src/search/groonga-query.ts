// Turns PostgreSQL's parse of a web-search query (websearch_to_tsquery('english', …)::text) into
// Groonga's query syntax. PostgreSQL parses and stems, so both engines agree on what a word is:
// the Groonga index holds the same lexemes (groonga-index.ts). Every lexeme is written quoted,
// so no user text reaches Groonga's syntax.
//
//   'nostrum' & 'dolorem'          → ("nostrum" "dolorem")
//   'quia' | 'sint'                → ("quia" OR "sint")
//   'dolorem' & !'nostrum'         → ("dolorem" - "nostrum")
//   'nostrum' <-> 'dolorem'        → "nostrum dolorem"   (a phrase: the lexemes next to each other)
//
// Groonga's NOT needs something to subtract from, so a query that is only exclusions, or an
// exclusion inside `or`, has no Groonga form: `toGroongaQuery` returns null and the caller ranks
// it in PostgreSQL instead. A phrase with stop words in it ("cat of the year" → 'cat' <3> 'year')
// matches where stop words stand between its words (the index keeps a GAP for each; PostgreSQL
// would also take other words there).

/**
 * Stands where the text had a word that left no lexeme (a stop word), so that words are next to
 * each other in Groonga exactly when they are in PostgreSQL. No user text can name it:
 * PostgreSQL's parser never makes a lexeme of a private-use character.
 */
export const GAP = '\uE000';

type Node =
  | { kind: 'lexeme'; value: string }
  | { kind: 'not'; child: Node }
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'phrase'; left: Node; right: Node; distance: number };

/** A search as the Groonga engine reads it (groongaQueryOf). */
export interface GroongaQuery {
  /** Groonga's query syntax. */
  text: string;
  /**
   * The words that add to the score, once per occurrence in the query; null when a phrase does,
   * which the engine's tier does not serve (groonga-index.ts).
   */
  scoredWords: string[] | null;
}

/** The Groonga query for a tsquery's text form, or null when Groonga cannot express it. */
export function toGroongaQuery(tsquery: string): string | null {
  const text = tsquery.trim();
  return text === '' ? null : render(new TsqueryParser(text).parse());
}

/** A tsquery's text form as a Groonga query and its scored words, read once; null as above. */
export function groongaQueryOf(tsquery: string): GroongaQuery | null {
  const trimmed = tsquery.trim();
  if (trimmed === '') return null;
  const tree = new TsqueryParser(trimmed).parse();
  const text = render(tree);
  if (text === null) return null;
  const terms = termsOf(tree);
  return {
    text,
    scoredWords: terms.every((term) => term.length === 1)
      ? terms.map((term) => term[0] as string)
      : null,
  };
}

/**
 * The words and phrases that add to Groonga's score for a tsquery (each a list of lexemes; more
 * than one is a phrase), leaving out what is excluded: a match scores, for each of them, 5 per
 * occurrence in the headline and 2 per occurrence in the body.
 */
export function scoredTerms(tsquery: string): string[][] {
  const text = tsquery.trim();
  return text === '' ? [] : termsOf(new TsqueryParser(text).parse());
}

function termsOf(tree: Node): string[][] {
  const found: string[][] = [];
  const walk = (node: Node): void => {
    if (node.kind === 'lexeme') found.push([node.value]);
    else if (node.kind === 'phrase') found.push(phraseWords(node) ?? []);
    else if (node.kind !== 'not') {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(tree);
  return found;
}

function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

function render(node: Node): string | null {
  switch (node.kind) {
    case 'lexeme':
      return quoted(node.value);
    case 'phrase': {
      const words = phraseWords(node);
      return words ? quoted(words.join(' ')) : null;
    }
    case 'not':
      return null;
    case 'or': {
      const left = render(node.left);
      const right = render(node.right);
      return left && right ? `(${left} OR ${right})` : null;
    }
    case 'and': {
      // Conjuncts first, exclusions subtracted after them: a - b - c.
      const parts = conjuncts(node);
      const kept = parts.filter((part) => part.kind !== 'not').map(render);
      const excluded = parts
        .filter((part): part is Extract<Node, { kind: 'not' }> => part.kind === 'not')
        .map((part) => render(part.child));
      if (kept.length === 0 || kept.includes(null) || excluded.includes(null)) return null;
      return `(${[kept.join(' '), ...excluded].join(' - ')})`;
    }
  }
}

function conjuncts(node: Node): Node[] {
  return node.kind === 'and' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

/** A phrase's lexemes left to right, or null when a part of it is not a lexeme. */
function phraseWords(node: Node): string[] | null {
  if (node.kind === 'lexeme') return [node.value];
  if (node.kind !== 'phrase') return null;
  const left = phraseWords(node.left);
  const right = phraseWords(node.right);
  if (!left || !right || node.distance < 1) return null;
  return [...left, ...Array<string>(node.distance - 1).fill(GAP), ...right];
}

/**
 * tsquery's text grammar, loosest first: `|`, then `&`, then `<->`/`<N>`, then `!`, lexemes
 * ('…' with '' for a quote, optionally followed by :weights or :*) and parentheses.
 */
class TsqueryParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.or();
    this.skipSpace();
    if (this.position < this.text.length) this.fail('unexpected text');
    return node;
  }

  private or(): Node {
    let node = this.and();
    while (this.take('|')) node = { kind: 'or', left: node, right: this.and() };
    return node;
  }

  private and(): Node {
    let node = this.phrase();
    while (this.take('&')) node = { kind: 'and', left: node, right: this.phrase() };
    return node;
  }

  private phrase(): Node {
    let node = this.unary();
    for (;;) {
      this.skipSpace();
      const match = /^<(-|\d+)>/.exec(this.text.slice(this.position));
      if (!match) return node;
      this.position += match[0].length;
      const distance = match[1] === '-' ? 1 : Number(match[1]);
      node = { kind: 'phrase', left: node, right: this.unary(), distance };
    }
  }

  private unary(): Node {
    if (this.take('!')) return { kind: 'not', child: this.unary() };
    if (this.take('(')) {
      const node = this.or();
      if (!this.take(')')) this.fail('missing )');
      return node;
    }
    return this.lexeme();
  }

  private lexeme(): Node {
    this.skipSpace();
    if (this.text[this.position] !== "'") this.fail('expected a lexeme');
    let value = '';
    this.position += 1;
    for (;;) {
      const char = this.text[this.position];
      const next = this.text[this.position + 1];
      if (char === undefined) this.fail('unterminated lexeme');
      if (char === "'" && next !== "'") break;
      // '' is a quote inside a lexeme; a backslash escapes the character after it.
      const escaped = char === "'" || char === '\\';
      value += escaped ? (next ?? '') : char;
      this.position += escaped ? 2 : 1;
    }
    this.position += 1;
    // Weights and prefix markers (websearch never writes them) do not change the lexeme.
    const suffix = /^:[*A-Da-d]+/.exec(this.text.slice(this.position));
    if (suffix) this.position += suffix[0].length;
    return { kind: 'lexeme', value };
  }

  private take(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.position)) {
      this.position += token.length;
      return true;
    }
    return false;
  }

  private skipSpace(): void {
    while (this.text[this.position] === ' ') this.position += 1;
  }

  private fail(reason: string): never {
    throw new Error(`cannot read tsquery ${JSON.stringify(this.text)}: ${reason}`);
  }
}
