// A body of text with quote spans highlighted, one colour per speaker; hovering or focusing a
// quote shows who said it, how and via which outlet.
import { useId } from 'react';
import { segment, speakerColours, type Span } from './spans';

export interface Highlight {
  key: string;
  span: Span | null;
  speakerKey: string;
  speaker: string;
  direct: boolean;
  /** The rest of the tooltip: channel, outlet, date. */
  detail: string;
  kind?: 'quote' | 'deadline';
}

export function HighlightedText({
  text,
  highlights,
}: {
  text: string;
  highlights: readonly Highlight[];
}) {
  const id = useId();
  const colours = speakerColours(
    highlights.filter((item) => item.kind !== 'deadline').map((item) => item.speakerKey),
  );
  const segments = segment(text, highlights);
  const paragraphs: (typeof segments)[] = [[]];
  // Keep paragraphs: split plain stretches at line breaks.
  for (const part of segments) {
    if (part.item) {
      paragraphs[paragraphs.length - 1]!.push(part);
      continue;
    }
    const pieces = part.text.split(/\n\s*/);
    pieces.forEach((piece, index) => {
      if (index > 0) paragraphs.push([]);
      if (piece) paragraphs[paragraphs.length - 1]!.push({ text: piece, item: null });
    });
  }
  return (
    <div className="body-text">
      {paragraphs.map((parts, p) => (
        <p key={p}>
          {parts.map((part, index) => {
            const item = part.item;
            if (!item) return <span key={index}>{part.text}</span>;
            const tip = `${id}-${p}-${index}`;
            const colour = colours.get(item.speakerKey);
            return (
              <mark
                key={index}
                className={`highlight ${item.kind ?? 'quote'} ${item.direct ? 'direct' : 'indirect'}`}
                data-speaker={item.speaker}
                data-direct={item.direct}
                tabIndex={0}
                aria-describedby={tip}
                style={
                  colour
                    ? { backgroundColor: colour.background, borderBottomColor: colour.border }
                    : undefined
                }
              >
                {part.text}
                <span role="tooltip" id={tip} className="tip">
                  <strong>{item.speaker}</strong>
                  {item.detail && <> · {item.detail}</>}
                </span>
              </mark>
            );
          })}
        </p>
      ))}
    </div>
  );
}

export function Legend({ highlights }: { highlights: readonly Highlight[] }) {
  const quotes = highlights.filter((item) => item.kind !== 'deadline');
  const colours = speakerColours(quotes.map((item) => item.speakerKey));
  const names = new Map(quotes.map((item) => [item.speakerKey, item.speaker]));
  if (!colours.size) return null;
  return (
    <ul className="legend" aria-label="Speakers">
      {[...colours].map(([key, colour]) => (
        <li key={key}>
          <span
            className="swatch"
            style={{ backgroundColor: colour.background, borderColor: colour.border }}
            aria-hidden="true"
          />
          {names.get(key)}
        </li>
      ))}
    </ul>
  );
}
