import { describe, expect, it } from 'vitest';
import { conceptSpans, expandSynonyms, firstCharacters, minMatchLength } from '../../src/text/synonyms.js';

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

  /** [message, slang word in it, token it must be followed by] */
  const slang: [string, string, string][] = [
    ['ворд вылетает', 'ворд', 'word'],
    ['не открывается пауэрпоинт', 'пауэрпоинт', 'powerpoint'],
    ['учётка заблокирована', 'учётка', 'account'],
    ['можно на флешку скинуть?', 'флешку', 'usbdrive'],
    ['телик в переговорке черный', 'телик', 'tv'],
    ['мобила не видит код', 'мобила', 'phone'],
    ['моник не видит ноут', 'моник', 'cxprojector'],
    ['в ушах нет звука', 'ушах', 'cxaudio'],
    ['вебкам не работает', 'вебкам', 'cxcamera'],
    ['где взять прогу', 'прогу', 'cxsoftware'],
    ['клава не пашет', 'пашет', 'cxbroken'],
    ['ноут сдох', 'сдох', 'cxbroken'],
    ['my mouse is acting up', 'up', 'cxbroken'],
    ['комп еле шевелится', 'шевелится', 'cxslow'],
    ['на удалёнке не вижу диск', 'удалёнке', 'cxremote'],
    ['wfh today and vpn is down', 'wfh', 'cxremote'],
    ['написал айтишникам', 'айтишникам', 'cxitsupport'],
    ['contact IT support', 'support', 'cxitsupport'],
    ['перегрузи комп', 'перегрузи', 'cxreboot'],
    ['не могу скачать обновление', 'скачать', 'cxdownload'],
  ];
  it.each(slang)('maps workplace slang to the articles’ words or a concept: %s', (text, word, token) => {
    expect(after(text, word)).toBe(token);
  });

  it('files a variant under every character a match can start with, or nowhere when that is unclear', () => {
    expect(firstCharacters('впн')).toEqual(['в']);
    expect(firstCharacters('2fa')).toEqual(['2']);
    expect(firstCharacters('(?:is|are) down')).toEqual(['a', 'i']);
    expect(firstCharacters('ab|cd')).toEqual(['a', 'c']);
    expect(firstCharacters('x?box')).toEqual(['b', 'x']);
    expect(firstCharacters('(?:при|по)?слал[аи]?')).toEqual(['п', 'с']);
    expect(firstCharacters('a(b|c)d')).toEqual(['a']);
    expect(firstCharacters('a\\|b')).toEqual(['a']);
    expect(firstCharacters('a(?:[bc]+)d{0,2}')).toEqual(['a']);
    // a lookaround takes no character
    expect(firstCharacters('(?<=(?:ноут|тел)[а-яё]*[\\s_-]+)оста')).toEqual(['о']);
    for (const unclear of ['[cd] drive', '(?:[а-я]+ )?x', '\\d+', 'VPN', 'a?', '(?:x|y?)'])
      expect(firstCharacters(unclear), unclear).toBeUndefined();
  });

  it('prefers the longest match, not the longest pattern: a drive letter makes a network drive', () => {
    for (const text of [
      'куда делся диск S с моего компа',
      'на диске S красный крестик',
      'my S drive is gone',
    ]) {
      expect(tokensOf(text)).toContain('cxnetdrive');
      expect(tokensOf(text)).not.toContain('cxdisk');
    }
    expect(tokensOf('диск C забит')).toContain('cxdisk');
    for (const text of ['2nd screen not working', 'my second display is black', '2 screens flicker'])
      expect(tokensOf(text)).toContain('cxprojector');
    expect(tokensOf('ms teams crashed')).toEqual(expect.arrayContaining(['ms', 'teams']));
    expect(expandSynonyms('ms teams')).toBe('ms teams teams');
    // Both orders find a match here, but only the longest-match order takes the whole phrase.
    expect(expandSynonyms('drops out')).toBe('drops out cxdrop');
    expect(expandSynonyms('мак ос')).toBe('мак ос macos');
  });

  it('counts the fewest characters a variant can match', () => {
    expect(minMatchLength('диск(?:а|е|у|ом|и)?')).toBe(4);
    expect(minMatchLength('диск[\\s_-]*[shp]')).toBe(5);
    expect(minMatchLength('ванд{0,2}р?айв[а-я]*')).toBe(6);
    expect(minMatchLength('(?<=(?:disk|drive)[\\s_-]+)full')).toBe(4);
    expect(minMatchLength('x(?=y)')).toBe(1);
    expect(minMatchLength('a|bc')).toBe(1);
    expect(minMatchLength('(ab|c)d')).toBe(2);
    expect(minMatchLength('x\\.y')).toBe(3);
    expect(minMatchLength('[a-z]+q{2}')).toBe(3);
    expect(minMatchLength('^ab$')).toBe(2);
    expect(minMatchLength('down(?=[\\s_-]*(?:\\?|$|again))')).toBe(4);
    for (const unsupported of ['\\p{L}+x', '\\u0435x', '\\x41b', 'a(?<x>bc)d', '(a)\\1'])
      expect(() => minMatchLength(unsupported)).toThrow(/unsupported syntax/);
  });

  it('maps multi-word product names', () => {
    expect(tokensOf('нет офис 365')).toContain('microsoft365');
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

  it('reads what a phrase means where its words alone mislead', () => {
    expect(tokensOf('want to update my windows password')).toContain('change');
    expect(tokensOf('want to update my windows password')).not.toContain('cxupdate');
    expect(tokensOf('install the update on my laptop')).toContain('cxupdate');
    expect(tokensOf('when are updates on servers done')).toContain('cxmaintenance');
    expect(tokensOf('server patching tonight?')).toContain('cxmaintenance');
    expect(tokensOf('new macOS version available')).toContain('cxupdate');
    expect(tokensOf('не вижу общую почту отдела')).toContain('cxsharedmailbox');
    expect(tokensOf('add the shared mailbox')).toContain('cxsharedmailbox');
    expect(tokensOf('ноут остался в такси')).toContain('cxlost');
    expect(tokensOf('письма я не слал')).toContain('отправить');
    expect(tokensOf('пропал файл с диска')).toContain('cxdelete');
    expect(tokensOf('my files disappeared overnight')).toContain('cxdelete');
    expect(tokensOf('где поучиться excel')).toContain('cxtraining');
    expect(tokensOf('меня переводят в маркетинг')).toContain('cxleaving');
    expect(tokensOf('перевели меня в отдел продаж')).toContain('cxleaving');
    expect(tokensOf('меня перевели на удаленку')).not.toContain('cxleaving');
    expect(tokensOf('the app on my phone that gives codes')).toContain('cxmfaprompt');
    expect(tokensOf('не вижу second monitor')).toContain('cxprojector');
    expect(tokensOf('teams notifications do not pop up')).not.toContain('cxmfaprompt');
    expect(tokensOf('book a flight')).not.toContain('cxmeetingroom');
    expect(tokensOf('файлы на шарепоинте')).toContain('sharepoint');
    expect(tokensOf('отдел закупок')).not.toContain('cxlicense');
    // and not where the same words mean something else
    expect(tokensOf('after the update passwords are not saved')).not.toContain('change');
    expect(tokensOf('update the password manager app')).not.toContain('change');
    expect(tokensOf('I updated my password')).toContain('change');
    expect(tokensOf('windows shows code 43')).not.toContain('cxmfaprompt');
    expect(tokensOf('пропала папка отдела')).not.toContain('cxdelete');
    expect(tokensOf('файлы не пропали')).not.toContain('cxdelete');
    expect(tokensOf('пропали все мои файлы')).toContain('cxdelete');
    expect(tokensOf('my files are missing')).toContain('cxdelete');
    expect(tokensOf('я остался в кафе')).not.toContain('cxlost');
    expect(tokensOf('нас перевели на новую версию outlook')).not.toContain('cxleaving');
    expect(tokensOf('общий адрес сервера')).not.toContain('cxsharedmailbox');
    expect(tokensOf('a new version of Teams is available')).toContain('cxupdate');
    expect(tokensOf('patching the servers tonight')).toContain('cxmaintenance');
    expect(tokensOf('не приходят уведомления от authenticator')).toContain('cxmfaprompt');
    expect(tokensOf('документ перевели на английский')).not.toContain('cxleaving');
    expect(tokensOf('the portal keeps sending me back to the login page')).toContain('cxsigninloop');
    expect(tokensOf('sharepoint sign-in loop')).toContain('cxsigninloop');
    expect(tokensOf('сайт кидает обратно на вход')).toContain('cxsigninloop');
    expect(tokensOf('I cannot sign in')).not.toContain('cxsigninloop');
    expect(tokensOf('the whole sales team cannot work')).toContain('cxoutage');
    expect(tokensOf('the whole thing is slow')).not.toContain('cxoutage');
  });

  it('conceptSpans reports each variant where it is typed, the longest match winning', () => {
    const text = 'впн не работает, global protect висит';
    expect([...conceptSpans(text)].map((s) => [text.slice(s.start, s.end), s.canonical])).toEqual([
      ['впн', 'vpn'],
      ['не работает', 'cxbroken'],
      ['global protect', 'vpn'],
      ['висит', 'cxstuck'],
    ]);
  });

  it('refuses variants whose classes overlap the separators: they backtrack catastrophically', () => {
    // A space compiles to [\\s_-]*; next to "\\w+", "new" + 2,000 underscores took 4.7 s.
    for (const body of ['new (?:\\w+ )?versions?', 'a.b', '\\S+ x'])
      expect(() => minMatchLength(body), body).toThrow(/overlap the separators/);
    expect(minMatchLength('a\\.b[.]')).toBe(4);
    for (const start of ['new', 'update', 'left my', 'get my'])
      expect(expandSynonyms(`${start}${'_'.repeat(2_000)}`)).toContain(start);
  });

  it('leaves text without variants unchanged', () => {
    expect(expandSynonyms('zebra quux blorp')).toBe('zebra quux blorp');
  });
});
