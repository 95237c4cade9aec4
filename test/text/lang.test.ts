import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLang, foreignLanguage, isCyrillic } from '../../src/text/lang.js';

/** Work messages labelled with their language: English and Russian ones the bot must take as its own. */
const LABELLED = readFileSync('test/fixtures/languages.jsonl', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { text: string; lang: string });
const spoken = (lang: string) => lang === 'en' || lang === 'ru';

describe('detectLang', () => {
  it('recognises plain English and plain Russian', () => {
    expect(detectLang("VPN won't connect from home")).toBe('en');
    expect(detectLang('Не могу подключиться к сети')).toBe('ru');
  });

  it('calls a Russian message with Latin product names Russian', () => {
    expect(detectLang('аутлук не синхронизирует mail')).toBe('ru');
    expect(detectLang('Outlook и Teams не работают')).toBe('ru');
  });

  it('keeps an English sentence with a Russian name English', () => {
    expect(detectLang('Please help, my colleague Иванов cannot connect to the vpn from home')).toBe('en');
    // Latin words without English function words are product names and codes: still Russian
    expect(detectLang('ошибка net::err_cert_authority_invalid chrome')).toBe('ru');
    // English words only three times the Russian ones or fewer: Russian
    expect(detectLang('не могу зайти в teams, it says you have no access')).toBe('ru');
    // a quoted English error in a Russian sentence: Russian words that are not names
    expect(detectLang('при входе в VPN ошибка The remote connection was denied by the server')).toBe('ru');
  });

  it('judges a word typed in two scripts by its majority script', () => {
    expect(detectLang('outl\u043e\u043ek not syncing')).toBe('en');
  });

  it('judges by script, whatever the punctuation and digits around the words', () => {
    expect(detectLang('Error 0x80070005: access denied!')).toBe('en');
    expect(detectLang('Ошибка 0x80070005: доступ запрещён!')).toBe('ru');
  });

  it('returns undefined when there are no words to judge by', () => {
    expect(detectLang('')).toBeUndefined();
    expect(detectLang('   ')).toBeUndefined();
    expect(detectLang('12345 678')).toBeUndefined();
    expect(detectLang('😀🎉👍')).toBeUndefined();
    expect(detectLang('?! 42 :)')).toBeUndefined();
  });

  it('isCyrillic tells a token by its script', () => {
    expect(isCyrillic('принтер')).toBe(true);
    expect(isCyrillic('ёж')).toBe(true);
    expect(isCyrillic('printer')).toBe(false);
    expect(isCyrillic('123')).toBe(false);
  });
});

describe('foreignLanguage on the labelled messages', () => {
  it('never takes an English or Russian message for a foreign one', () => {
    const misfires = LABELLED.filter((m) => spoken(m.lang) && foreignLanguage(m.text) !== undefined);
    expect(misfires.map((m) => m.text)).toEqual([]);
  });

  it('recognises most messages in other languages', () => {
    const foreign = LABELLED.filter((m) => !spoken(m.lang));
    const caught = foreign.filter((m) => foreignLanguage(m.text) !== undefined);
    expect(foreign.length).toBeGreaterThan(40);
    expect(caught.length / foreign.length).toBeGreaterThanOrEqual(0.85);
  });

  it('reads a long message without listed little words by its letters', () => {
    expect(foreignLanguage('Outlook stürzt ständig ab, sobald ich einen Anhang öffne')).toBe('de');
    expect(foreignLanguage('Il Wi-Fi dell’ufficio è molto lento oggi e non carica niente')).toBe('it');
    expect(foreignLanguage('Mijn muis en toetsenbord reageren niet meer')).toBe('nl');
  });

  it('leaves short messages, names and codes alone', () => {
    expect(foreignLanguage('Zoom audio echo')).toBeUndefined();
    expect(foreignLanguage('Renata Oliveira Santos needs a new laptop before Friday')).toBeUndefined();
    expect(
      foreignLanguage('npm ERR! code EACCES syscall mkdir path /usr/local/lib/node_modules'),
    ).toBeUndefined();
    expect(foreignLanguage('pochemu ne pechataet printer na tretem etazhe')).toBeUndefined();
  });
});
