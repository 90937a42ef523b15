import { findDates } from '../dates';
import { extractArticle } from '../extractor';

describe('date resolution', () => {
  // 2024-05-10 is a Friday.
  it('reads a bare weekday as the last one when something was said, the next one when it is due', () => {
    expect(findDates('said on Tuesday', 0, '2024-05-10', 'past')[0]?.iso).toBe('2024-05-07');
    expect(findDates('by Tuesday', 0, '2024-05-10', 'future')[0]?.iso).toBe('2024-05-14');
    expect(findDates('on Friday', 0, '2024-05-10', 'past')[0]?.iso).toBe('2024-05-10');
  });

  it('keeps "next Friday" a week out from a Friday', () => {
    expect(findDates('until next Friday', 0, '2024-05-10', 'future')[0]?.iso).toBe('2024-05-17');
  });
});

describe('deadline extraction', () => {
  it('counts "within 30 days" from the publication date and names who set it and who must act', () => {
    const x = extractArticle({
      body: 'The Water Services Regulation Authority ordered Thames Cove Water to publish a repair plan within 30 days or face a fine.',
      publishedOn: '2024-05-10',
    });
    const name = (key: string | null): string | undefined =>
      x.entities.find((e) => e.key === key)?.name;
    expect(x.deadlines).toHaveLength(1);
    expect(x.deadlines[0]).toMatchObject({
      dueOn: '2024-06-09',
      status: 'PENDING',
      consequence: 'a fine',
    });
    expect(name(x.deadlines[0]?.setBy ?? null)).toBe('Water Services Regulation Authority');
    expect(name(x.deadlines[0]?.subject ?? null)).toBe('Thames Cove Water');
  });

  it('reports an extended deadline with the date it replaced', () => {
    const x = extractArticle({
      body: 'The Competition Bureau on Monday extended the deadline for its review of the deal to June 28.\nThe review had been due to end on May 31.',
      publishedOn: '2024-05-10',
    });
    expect(x.deadlines).toHaveLength(1);
    expect(x.deadlines[0]).toMatchObject({
      dueOn: '2024-06-28',
      previousDueOn: '2024-05-31',
      status: 'EXTENDED',
    });
  });

  it('reports a missed deadline in the past as MISSED', () => {
    const x = extractArticle({
      body: 'Regulators said on Thursday that Portline Freight had missed a May 3 deadline to file its accounts.',
      publishedOn: '2024-05-10',
    });
    expect(x.deadlines[0]).toMatchObject({ dueOn: '2024-05-03', status: 'MISSED' });
  });

  it('ignores dates inside quotation marks and dates that are not due dates', () => {
    const x = extractArticle({
      body: '"We will be done by Friday," Anna Kerr said on Monday. The rules take effect on June 1.',
      publishedOn: '2024-05-10',
    });
    expect(x.deadlines).toEqual([]);
  });
});
