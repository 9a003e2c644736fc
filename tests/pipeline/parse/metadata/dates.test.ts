import { describe, expect, it } from 'vitest';
import { dateFromUrl, isPlausibleDate, monthFirstReading, normalizeDate } from '../../../../src/pipeline/parse/metadata/dates.js';

describe('normalizeDate', () => {
  it('keeps ISO 8601 values with their time zone', () => {
    expect(normalizeDate('2019-11-19T17:50:00-05:00')).toBe('2019-11-19T17:50:00-05:00');
    expect(normalizeDate('2019-11-19T17:50:00.123Z')).toBe('2019-11-19T17:50:00.123Z');
    expect(normalizeDate('2019-11-19T17:50:00+0300')).toBe('2019-11-19T17:50:00+03:00');
    expect(normalizeDate('2019-11-19 17:50')).toBe('2019-11-19T17:50:00');
  });
  it('keeps a date-only value a date', () => {
    expect(normalizeDate('2024-01-03')).toBe('2024-01-03');
    expect(normalizeDate('20240103')).toBe('2024-01-03');
  });
  it('reads written and RFC 2822 forms', () => {
    expect(normalizeDate('Tue, 19 Nov 2019 22:50:00 GMT')).toBe('2019-11-19T22:50:00Z');
    expect(normalizeDate('Nov. 19, 2019 5:50 PM EST')).toBe('2019-11-19T17:50:00-05:00');
    expect(normalizeDate('3 January 2024')).toBe('2024-01-03');
    expect(normalizeDate('19.11.2019')).toBe('2019-11-19');
    // Day first unless that cannot be a date: then US month-first.
    expect(normalizeDate('Updated: 10/31/2024')).toBe('2024-10-31');
    // Year first inside text.
    expect(normalizeDate('Essay - Published: 2025.12.17 | programming')).toBe('2025-12-17');
    expect(normalizeDate('Posted on 2024-11-06')).toBe('2024-11-06');
  });
  it('reads month names in other languages', () => {
    expect(normalizeDate('segunda-feira, 22 de janeiro de 2018 às 0:13')).toBe('2018-01-22T00:13:00');
    expect(normalizeDate('3 января 2024')).toBe('2024-01-03');
    expect(normalizeDate('5. März 2023')).toBe('2023-03-05');
    expect(normalizeDate('12 juillet 2022')).toBe('2022-07-12');
    expect(normalizeDate('14 березня 2022')).toBe('2022-03-14');
  });
  it('reads a month glued to the word before it', () => {
    expect(normalizeDate('Mental HealthDECEMBER 22, 2022')).toBe('2022-12-22');
  });
  it('reads day, month and year joined by hyphens', () => {
    expect(normalizeDate('02-12-2025')).toBe('2025-12-02');
    expect(normalizeDate('By: Desk on 04-ago-2021 5:11:10')).toBe('2021-08-04T05:11:10');
    expect(normalizeDate('12-Dec-2024')).toBe('2024-12-12');
  });
  it('gives the month-first reading of an ambiguous numeric date, and none of an unambiguous one', () => {
    expect(monthFirstReading('09.10.2024')).toBe('2024-09-10');
    expect(monthFirstReading('25.10.2024')).toBeNull();
    expect(monthFirstReading('October 9, 2024')).toBeNull();
  });
  it('rejects impossible dates and non-dates', () => {
    expect(normalizeDate('2023-02-30')).toBeNull();
    expect(normalizeDate('yesterday')).toBeNull();
    expect(normalizeDate('')).toBeNull();
  });
});

describe('isPlausibleDate', () => {
  it('rejects placeholder and future dates', () => {
    const now = Date.parse('2024-06-01T00:00:00Z');
    expect(isPlausibleDate('1970-01-01', { maxTime: now })).toBe(false);
    expect(isPlausibleDate('2024-12-01', { maxTime: now })).toBe(false);
    expect(isPlausibleDate('2024-05-31T10:00:00+02:00', { maxTime: now })).toBe(true);
  });
});

describe('dateFromUrl', () => {
  it('finds a full date in the path', () => {
    expect(dateFromUrl('https://www.themoscowtimes.com/2024/01/03/russia-says-a83633')).toBe('2024-01-03');
    expect(dateFromUrl('https://example.com/news/2019-11-19/story')).toBe('2019-11-19');
    expect(dateFromUrl('https://blog.example.fr/articles/2025-12-15+Rust+GCC+backend')).toBe('2025-12-15');
    expect(dateFromUrl('https://example.com/tuft-cells-20191115/')).toBe('2019-11-15');
  });
  it('ignores partial or invalid dates', () => {
    expect(dateFromUrl('https://example.com/2019/11/story')).toBeNull();
    expect(dateFromUrl('https://example.com/2019/13/45/story')).toBeNull();
    expect(dateFromUrl('https://example.com/id/12345678901')).toBeNull();
  });
});
