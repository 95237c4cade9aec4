import { describe, expect, it } from 'vitest';
import { cyrillicReadings, hasRussianStopWordInLatin, latinToCyrillic } from '../../src/text/translit.js';

describe('latinToCyrillic', () => {
  it('reads the reflexive ending -tsya as -тся', () => {
    expect(latinToCyrillic('podklyuchaetsya')).toBe('подключается');
    expect(latinToCyrillic('otkryvaetsja')).toBe('открывается');
    expect(latinToCyrillic('tsentr')).toBe('центр');
  });

  it('turns transliterated Russian back into Cyrillic', () => {
    expect(latinToCyrillic('pechataet')).toBe('печатает');
    expect(latinToCyrillic('printer')).toBe('принтер');
    expect(latinToCyrillic('zabyl')).toBe('забыл');
  });

  it('prefers multi-letter sequences over single letters', () => {
    expect(latinToCyrillic('shchit')).toBe('щит');
    expect(latinToCyrillic('zhurnal')).toBe('журнал');
    expect(latinToCyrillic('chto')).toBe('что');
    expect(latinToCyrillic('yolka')).toBe('ёлка');
  });

  it('passes digits and unknown characters through', () => {
    expect(latinToCyrillic('win11')).toBe('вин11');
    expect(latinToCyrillic('')).toBe('');
  });
});

describe('cyrillicReadings', () => {
  it('reads a leading "e" as both "е" and "э", the plain reading first', () => {
    expect(cyrillicReadings('etazhe')).toEqual(['етаже', 'этаже']);
    expect(cyrillicReadings('parol')).toEqual(['парол']);
  });
});

describe('hasRussianStopWordInLatin', () => {
  it('finds Russian little words typed in Latin letters', () => {
    expect(hasRussianStopWordInLatin('kak smenit parol')).toBe(true);
    expect(hasRussianStopWordInLatin('u menya ne rabotaet printer')).toBe(true);
    // a leading "e" is "э" as well: "eto" is "это"
    expect(hasRussianStopWordInLatin('eto moy noutbuk')).toBe(true);
  });

  it('does not count content words or English words that transliterate to Russian ones', () => {
    expect(hasRussianStopWordInLatin('zabyl parol')).toBe(false);
    expect(hasRussianStopWordInLatin('global protect soft token')).toBe(false);
    expect(hasRussianStopWordInLatin('no access on my laptop, i need it to print a doc')).toBe(false);
  });
});
