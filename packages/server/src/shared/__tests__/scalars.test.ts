import { LocalDate } from '../scalars';

describe('LocalDate', () => {
  it('returns calendar dates as they are, leap days included', () => {
    for (const date of ['2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31']) {
      expect(LocalDate.serialize(date)).toBe(date);
    }
  });

  it('refuses to return a day the calendar does not have, or anything but a YYYY-MM-DD string', () => {
    for (const value of ['2023-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10']) {
      expect(() => LocalDate.serialize(value)).toThrow(/not a valid LocalDate/);
    }
    for (const value of ['2025-1-01', '2025-01-01T00:00:00Z', '']) {
      expect(() => LocalDate.serialize(value)).toThrow(/not a valid LocalDate/);
    }
    expect(() => LocalDate.serialize(20250101)).toThrow(/not string/);
  });
});
