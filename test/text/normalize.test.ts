import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/text/normalize.js';

describe('normalizeText', () => {
  it('removes soft hyphens, zero-width characters and stress marks inside words', () => {
    expect(normalizeText('pass\u00adword re\u200dset')).toBe('password reset');
    // a zero-width space separates words
    expect(normalizeText('не работает\u200bвпн')).toBe('не работает впн');
    expect(normalizeText('принте\u0301р не печа\u0301тает')).toBe('принтер не печатает');
  });

  it('keeps ё and й, which compose into letters of their own', () => {
    expect(normalizeText('е\u0308ж и\u0306од')).toBe('ёж йод');
  });

  it('folds compatibility forms', () => {
    expect(normalizeText('ＶＰＮ')).toBe('VPN');
  });

  it('writes a word typed in two scripts in its majority script', () => {
    // two Cyrillic "о" in an English word, a Latin "p" and "e" in a Russian one
    expect(normalizeText('outl\u043e\u043ek not syncing')).toBe('outlook not syncing');
    expect(normalizeText('\u043fpинтep')).toBe('принтер');
    expect(normalizeText('Pr\u0435ss')).toBe('Press');
  });

  it('leaves a mixed word alone when a letter has no look-alike', () => {
    expect(normalizeText('vpnы')).toBe('vpnы');
    expect(normalizeText('abвг')).toBe('abвг');
  });

  it('on a tie, writes the word in the one script all its letters exist in', () => {
    // "н" has no Latin look-alike: "нe" (Latin e) is Russian "не"
    expect(normalizeText('VPN н\u0065 п\u006fдключ\u0061\u0065тся')).toBe('VPN не подключается');
    // both ways possible ("ea" / "еа"): left alone
    expect(normalizeText('e\u0430')).toBe('e\u0430');
  });

  it('is idempotent and leaves plain text as it is', () => {
    const plain = 'Outlook не синхронизирует mail, ошибка 0x80070005';
    expect(normalizeText(plain)).toBe(plain);
    expect(normalizeText(normalizeText('пpинтep'))).toBe(normalizeText('пpинтep'));
  });
});
