// Ingest: paste raw article text, see what the extractor finds (a dry run, nothing stored)
// highlighted in the text, then store it. Writes need an editor key, kept for this tab only.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { IngestArticleDocument, type ArticleExtractionFieldsFragment } from '@dateline/sdk';
import { Empty, ErrorPanel, words } from '../components';
import { HighlightedText, Legend, type Highlight } from '../highlighted-text';
import { readApiKey, storeApiKey } from '../client';
import { Link, paths } from '../router';

const EXAMPLE = `date 2024-05-02 Brussels: The European Commission on Thursday gave Meta until May 31 to explain how it protects children, or face fines. "We will not hesitate to act," Commissioner Thierry Breton said in a statement.`;

function extractionHighlights(extraction: ArticleExtractionFieldsFragment): Highlight[] {
  return [
    ...extraction.quotes.map((quote, index) => ({
      key: `q${index}`,
      span: quote.span,
      speakerKey: quote.speaker?.key ?? `unknown:${quote.speakerMention ?? index}`,
      speaker: quote.speaker?.name ?? quote.speakerMention ?? 'Unknown speaker',
      direct: quote.direct,
      detail: [
        quote.channel ? words(quote.channel) : null,
        quote.via ? `via ${quote.via.name}` : null,
        `confidence ${quote.confidence.toFixed(2)}`,
        quote.stored ? null : 'would not be stored',
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    ...extraction.deadlines.map((deadline, index) => ({
      key: `d${index}`,
      span: deadline.evidence,
      speakerKey: `deadline:${index}`,
      speaker: `Deadline ${deadline.dueOn}`,
      direct: false,
      kind: 'deadline' as const,
      detail: `${deadline.description}${deadline.setBy ? `, set by ${deadline.setBy.name}` : ''}`,
    })),
  ];
}

export function IngestPage() {
  const [text, setText] = useState('');
  const [publishedAt, setPublishedAt] = useState('');
  const [apiKey, setApiKey] = useState(readApiKey);
  const [dryRun, runDry] = useMutation(IngestArticleDocument);
  const [save, runSave] = useMutation(IngestArticleDocument);

  const input = () => ({
    text,
    ...(publishedAt && { publishedAt: `${publishedAt}T00:00:00.000Z` }),
  });
  const context = () => {
    const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
    return { fetchOptions: { headers } };
  };

  const preview = (event: FormEvent): void => {
    event.preventDefault();
    storeApiKey(apiKey);
    void runDry({ input: { ...input(), dryRun: true } }, context());
  };
  const store = (): void => {
    void runSave({ input: { ...input(), dryRun: false } }, context());
  };

  const extraction = dryRun.data?.ingestArticle.extraction;
  const saved = save.data?.ingestArticle;

  return (
    <section className="page" aria-labelledby="ingest-title">
      <h1 id="ingest-title">Ingest an article</h1>
      <p className="lede">
        Paste news text: Dateline finds the people and organisations, the quotes (who said what,
        how, via which outlet) and the deadlines. Preview first; nothing is stored until you save.
      </p>
      <form className="ingest-form" onSubmit={preview}>
        <div className="field">
          <label htmlFor="ingest-key">Editor API key</label>
          <input
            id="ingest-key"
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            aria-describedby="ingest-key-help"
          />
          <p id="ingest-key-help" className="help">
            Needs the editor role (<code>dateline keys create --role editor</code>). Kept in this
            tab's session storage only.
          </p>
        </div>
        <div className="field">
          <label htmlFor="ingest-text">Article text</label>
          <textarea
            id="ingest-text"
            rows={10}
            value={text}
            placeholder={EXAMPLE}
            onChange={(event) => setText(event.target.value)}
            aria-describedby="ingest-text-help"
            required
          />
          <p id="ingest-text-help" className="help">
            Either <code>date YYYY-MM-DD Place/Place: body</code>, or plain text with a publication
            date below.{' '}
            <button type="button" className="link" onClick={() => setText(EXAMPLE)}>
              Use an example
            </button>
          </p>
        </div>
        <div className="field">
          <label htmlFor="ingest-date">Published on (for plain text)</label>
          <input
            id="ingest-date"
            type="date"
            value={publishedAt}
            onChange={(event) => setPublishedAt(event.target.value)}
          />
        </div>
        <div className="field actions">
          <button type="submit" disabled={dryRun.fetching || !text.trim()}>
            {dryRun.fetching ? 'Extracting…' : 'Preview the extraction'}
          </button>
        </div>
      </form>

      {dryRun.error && <ErrorPanel error={dryRun.error} what="the extraction" />}
      {extraction && (
        <section aria-labelledby="preview-title" className="preview">
          <h2 id="preview-title">What Dateline found</h2>
          <p className="meta">
            <strong>{extraction.headline}</strong>
            {extraction.headlineDerived && ' (headline taken from the first sentence)'} · published{' '}
            {extraction.publishedAt.slice(0, 10)}
            {extraction.datelines.length > 0 && <> · {extraction.datelines.join(' / ')}</>}
          </p>
          <p className="muted">
            {extraction.entities.length} entities, {extraction.quotes.length} quotes,{' '}
            {extraction.deadlines.length} deadlines. Quotes are coloured by speaker, deadlines
            outlined; hover one for details.
          </p>
          {extraction.quotes.length + extraction.deadlines.length === 0 && (
            <Empty title="No quotes or deadlines found in this text." />
          )}
          <Legend highlights={extractionHighlights(extraction)} />
          <HighlightedText text={extraction.body} highlights={extractionHighlights(extraction)} />
          <h3>Entities</h3>
          <ul className="chips">
            {extraction.entities.map((entity) => (
              <li key={entity.key}>
                {entity.name}{' '}
                <span className="muted">
                  {words(entity.kind)}
                  {entity.entity ? ', known' : ', new'}
                </span>
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" onClick={store} disabled={save.fetching}>
              {save.fetching ? 'Saving…' : 'Save the article'}
            </button>
          </div>
        </section>
      )}
      {save.error && <ErrorPanel error={save.error} what="the article (nothing was stored)" />}
      {saved?.article && (
        <p className="state success" role="status">
          {saved.created ? 'Stored: ' : 'Already stored, nothing written: '}
          <Link href={paths.article(saved.article.id)}>{saved.article.headline}</Link>
        </p>
      )}
    </section>
  );
}
