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
 * Cuts `text` into plain and highlighted stretches. A span inside another (a quoted fragment
 * inside reported speech) shows inside it, splitting it; of two spans that only overlap, the
 * earlier one wins and the later is clipped; spans outside the text are clamped.
 */
export function segment<T extends { span: Span | null }>(
  text: string,
  items: readonly T[],
): Segment<T>[] {
  const points = Array.from(text);
  const spans = items
    .filter((item): item is T & { span: Span } => item.span !== null)
    .map((item) => ({
      item,
      start: Math.max(0, Math.min(item.span.start, points.length)),
      end: Math.min(item.span.end, points.length),
    }))
    .filter((entry) => entry.end > entry.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const within = (inner: (typeof spans)[number], outer: (typeof spans)[number]): boolean =>
    inner !== outer && inner.start >= outer.start && inner.end <= outer.end;
  /** The item shown at one code point: the earliest span there, or the innermost one inside it. */
  const shownAt = (at: number): T | null => {
    const covering = spans.filter((entry) => entry.start <= at && at < entry.end);
    let shown = covering[0];
    if (!shown) return null;
    for (let inner = covering.find((c) => within(c, shown!)); inner;) {
      shown = inner;
      inner = covering.find((c) => within(c, shown!));
    }
    return shown.item;
  };
  const segments: Segment<T>[] = [];
  for (let at = 0; at < points.length;) {
    const item = shownAt(at);
    let next = at + 1;
    while (next < points.length && shownAt(next) === item) next += 1;
    segments.push({ text: points.slice(at, next).join(''), item });
    at = next;
  }
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
