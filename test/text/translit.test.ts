import { describe, expect, it } from 'vitest';
import { latinToCyrillic } from '../../src/text/translit.js';

describe('latinToCyrillic', () => {
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
