// Highlighting by span. The API counts spans in Unicode code points; JavaScript strings count
// UTF-16 units, so an emoji or a rare CJK character before a quote would shift every highlight
// after it. Everything here works on arrays of code points.

export interface Span {
  start: number;
  end: number;
}

export interface Segment<T> {
  text: string;
  /** The highlighted item this stretch of text belongs to, if any. */
  item: T | null;
}

/**
 * Cuts `text` into plain and highlighted stretches. Overlapping spans are clipped so that the
 * earlier one wins; spans outside the text are clamped.
 */
export function segment<T extends { span: Span | null }>(
  text: string,
  items: readonly T[],
): Segment<T>[] {
  const points = Array.from(text);
  const sorted = items
    .filter((item): item is T & { span: Span } => item.span !== null)
    .slice()
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const segments: Segment<T>[] = [];
  let at = 0;
  for (const item of sorted) {
    const start = Math.max(at, Math.min(item.span.start, points.length));
    const end = Math.min(item.span.end, points.length);
    if (end <= start) continue;
    if (start > at) segments.push({ text: points.slice(at, start).join(''), item: null });
    segments.push({ text: points.slice(start, end).join(''), item });
    at = end;
  }
  if (at < points.length) segments.push({ text: points.slice(at).join(''), item: null });
  return segments;
}

/**
 * Colours for speakers: pale backgrounds that keep dark text above 7:1 contrast, and a darker
 * border so that the colours stay apart for readers who see fewer of them.
 */
const PALETTE = [
  { background: '#fde68a', border: '#92400e' },
  { background: '#bfdbfe', border: '#1e3a8a' },
  { background: '#bbf7d0', border: '#14532d' },
  { background: '#fbcfe8', border: '#831843' },
  { background: '#ddd6fe', border: '#4c1d95' },
  { background: '#fed7aa', border: '#7c2d12' },
  { background: '#a5f3fc', border: '#164e63' },
  { background: '#e5e7eb', border: '#111827' },
];

export type SpeakerColour = (typeof PALETTE)[number];

/** One colour per speaker, in order of first appearance. */
export function speakerColours(speakerKeys: readonly string[]): Map<string, SpeakerColour> {
  const colours = new Map<string, SpeakerColour>();
  for (const key of speakerKeys) {
    if (!colours.has(key)) colours.set(key, PALETTE[colours.size % PALETTE.length]!);
  }
  return colours;
}
