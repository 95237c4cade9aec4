import { describe, expect, it } from 'vitest';
import { expandSynonyms } from '../../src/text/synonyms.js';

const tokensOf = (text: string): string[] => expandSynonyms(text).split(/\s+/);

/** The token expandSynonyms puts right after `variant`. */
function after(text: string, variant: string): string | undefined {
  const tokens = tokensOf(text);
  const i = tokens.indexOf(variant);
  return i < 0 ? undefined : tokens[i + 1];
}

describe('expandSynonyms', () => {
  it('adds the canonical token right after the variant, keeping every original word', () => {
    expect(after('не работает впн', 'впн')).toBe('vpn');
    expect(after('тимс тормозит', 'тимс')).toBe('teams');
    expect(after('аутлук не синхронизирует почту', 'аутлук')).toBe('outlook');
    const original = 'не работает впн и тимс';
    const tokens = tokensOf(original);
    let at = -1;
    for (const word of original.split(' ')) {
      const found = tokens.indexOf(word, at + 1);
      expect(found, word).toBeGreaterThan(at);
      at = found;
    }
  });

  it('maps every spelling of Wi-Fi to wifi', () => {
    expect(tokensOf('вай-фай')).toContain('wifi');
    expect(tokensOf('Wi-Fi пропал')).toContain('wifi');
    expect(tokensOf('нет вайфая')).toContain('wifi');
    expect(tokensOf('wi fi is down')).toContain('wifi');
  });

  it('is case-insensitive', () => {
    expect(tokensOf('ВПН')).toContain('vpn');
    expect(tokensOf('Аутлук')).toContain('outlook');
  });

  it('matches multi-word variants across spaces, hyphens and underscores', () => {
    expect(tokensOf('ms teams')).toContain('teams');
    expect(tokensOf('global-protect')).toContain('vpn');
    expect(tokensOf('global_protect')).toContain('vpn');
  });

  it('does not match inside other words', () => {
    const canonical = ['vpn', 'teams', 'zoom', 'password', 'macos', 'wifi', 'outlook'];
    for (const text of [
      'впнщик',
      'тимсовый',
      'steamsy',
      'зумер',
      'пассажир',
      'mackerel',
      'вайфайщик',
      'аутлукер',
    ]) {
      const added = tokensOf(text).slice(1);
      for (const token of canonical) expect(added, text).not.toContain(token);
    }
  });

  it('maps workplace slang for products and devices to the articles’ words', () => {
    expect(after('ворд вылетает', 'ворд')).toBe('word');
    expect(after('не открывается пауэрпоинт', 'пауэрпоинт')).toBe('powerpoint');
    expect(tokensOf('нет офис 365')).toContain('microsoft365');
    expect(after('учётка заблокирована', 'учётка')).toBe('account');
    expect(after('можно на флешку скинуть?', 'флешку')).toBe('usbdrive');
    expect(after('телик в переговорке черный', 'телик')).toBe('tv');
    expect(after('мобила не видит код', 'мобила')).toBe('phone');
    expect(after('моник не видит ноут', 'моник')).toBe('cxprojector');
    expect(after('в ушах нет звука', 'ушах')).toBe('cxaudio');
    expect(after('вебкам не работает', 'вебкам')).toBe('cxcamera');
    expect(after('где взять прогу', 'прогу')).toBe('cxsoftware');
  });

  it('joins slang of one meaning into a concept token', () => {
    expect(after('клава не пашет', 'пашет')).toBe('cxbroken');
    expect(after('ноут сдох', 'сдох')).toBe('cxbroken');
    expect(after('my mouse is acting up', 'up')).toBe('cxbroken');
    expect(after('комп еле шевелится', 'шевелится')).toBe('cxslow');
    expect(after('на удалёнке не вижу диск', 'удалёнке')).toBe('cxremote');
    expect(after('wfh today and vpn is down', 'wfh')).toBe('cxremote');
    expect(after('написал айтишникам', 'айтишникам')).toBe('cxitsupport');
    expect(after('contact IT support', 'support')).toBe('cxitsupport');
    expect(after('перегрузи комп', 'перегрузи')).toBe('cxreboot');
    expect(after('не могу скачать обновление', 'скачать')).toBe('cxdownload');
  });

  it('keeps short slang from matching unrelated words and phrases', () => {
    expect(tokensOf('микроволновка не греет')).not.toContain('cxaudio');
    expect(tokensOf('курсор скачет')).not.toContain('cxdownload');
    expect(tokensOf('перегрузка сети')).not.toContain('cxreboot');
    expect(tokensOf('does it support SSO')).not.toContain('cxitsupport');
    expect(tokensOf('удаленные письма')).not.toContain('cxremote');
    expect(tokensOf('deadline tomorrow')).not.toContain('cxbroken');
    expect(tokensOf('UPD: не помогло')).not.toContain('cxupdate');
  });

  it('leaves text without variants unchanged', () => {
    expect(expandSynonyms('zebra quux blorp')).toBe('zebra quux blorp');
  });
});
