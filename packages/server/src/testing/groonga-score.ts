// Groonga's score for one article, recomputed in SQL from its stored tsvector: for each word or
// phrase the query does not exclude, 5 per occurrence in the headline (weight A) and 2 per
// occurrence in the body (B); a phrase occurs where its lexemes hold consecutive positions of one
// part (a GAP, a stop word inside the phrase, holds a position with no lexeme). Written apart from
// the engine, weights included, so that the search test and the search bench check Groonga's
// order against something Groonga did not compute.
import { GAP, scoredTerms } from '../search/groonga-query';

/**
 * The score as an SQL expression over the `search` column, for a tsquery's text form;
 * `literal` quotes a lexeme as an SQL string literal.
 */
export function groongaScoreSql(tsquery: string, literal: (value: string) => string): string {
  const terms = scoredTerms(tsquery).map(([first = '', ...rest]) => {
    const next = rest.map((lexeme, index) =>
      lexeme === GAP
        ? ''
        : ` and exists (select 1 from unnest(search) u, unnest(u.positions, u.weights) x(p, w)
             where u.lexeme = ${literal(lexeme)} and x.p = p0.p + ${index + 1} and x.w = p0.w)`,
    );
    return `(select coalesce(sum(case p0.w when 'A' then 5 else 2 end), 0)
      from unnest(search) u0, unnest(u0.positions, u0.weights) p0(p, w)
      where u0.lexeme = ${literal(first)}${next.join('')})`;
  });
  return terms.join(' + ') || '0';
}
