import path from 'node:path';
import AggressiveTokenizerRu from 'natural/lib/natural/tokenizers/aggressive_tokenizer_ru.js';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';
import {
  analyzeDocument,
  analyzeQuery,
  contentWords,
  formStem,
  functionWords,
  isSlip,
  messageWords,
  repairWord,
  repairedWords,
  stem,
  tokenize,
  tokenizeNormalized,
} from '../../src/text/analyze.js';
import { Vocabulary } from '../../src/text/spell.js';

function vocabularyFrom(text: string): Vocabulary {
  const v = new Vocabulary();
  for (const w of contentWords(text)) v.add(w);
  return v;
}

describe('tokenize', () => {
  it('reads "won\'t" as "wont", not as the word "won"', () => {
    expect(tokenize("it won't start, it WON’T turn on")).toEqual([
      'it',
      'wont',
      'start',
      'it',
      'wont',
      'turn',
      'on',
    ]);
    expect(tokenize('who won the match')).toContain('won');
  });

  it('lowercases and splits on punctuation', () => {
    expect(tokenize('Hello, World! VPN/Outlook...broken?')).toEqual([
      'hello',
      'world',
      'vpn',
      'outlook',
      'broken',
    ]);
  });

  it('keeps "ё" and Cyrillic words whole', () => {
    expect(tokenize('Ёлка, ёжик: всё ещё!')).toEqual(['ёлка', 'ёжик', 'всё', 'ещё']);
  });

  it('splits hyphenated words and keeps digits', () => {
    expect(tokenize('e-mail win11 error 0x80070005')).toEqual(['e', 'mail', 'win11', 'error', '0x80070005']);
  });

  it('drops absurdly long tokens', () => {
    expect(tokenize(`${'a'.repeat(41)} ok`)).toEqual(['ok']);
    expect(tokenize('a'.repeat(40))).toEqual(['a'.repeat(40)]);
  });

  it('returns nothing for emoji and whitespace', () => {
    expect(tokenize('  😀 🎉 \n\t ')).toEqual([]);
  });

  it("splits exactly as natural's Russian tokenizer on every text of the sample knowledge base", async () => {
    const natural = new AggressiveTokenizerRu();
    const { articles } = await loadKnowledgeBase(path.resolve(import.meta.dirname, '../../knowledge-base'));
    const texts = articles.flatMap((a) => [a.title, ...a.questions, ...a.tags, a.body]);
    texts.push('ĀāŉſK ǅ 𝐀 ＶＰＮ İı ß ﬁ ٣ ½ x²', 'a_b-c.d@e', '', '   ');
    expect(texts.length).toBeGreaterThan(1000);
    for (const text of texts) {
      // "won't" is read as "wont" before splitting (see the first test).
      const lower = text.toLowerCase().replace(/\bwon['\u2019]t\b/g, 'wont');
      expect(tokenizeNormalized(lower)).toEqual(natural.tokenize(lower).filter((t) => t.length <= 40));
    }
  });
});

describe('stem', () => {
  it('stems each word of a mixed message by its own script', () => {
    const tokens = tokenize('Принтер не печатает printing documents');
    const stems = tokens.map(stem);
    // English words: Porter
    expect(stems[3]).toBe('print');
    expect(stems[4]).toBe('document');
    // Russian words: a Cyrillic prefix of the word, shared by its other forms
    expect('печатает'.startsWith(stems[2]!)).toBe(true);
    expect(stems[2]!.length).toBeLessThan('печатает'.length);
    expect(stems[2]).toBe(stem('печатать'));
    expect(stems[0]).toBe(stem('принтера'));
  });

  it('joins Russian verb forms through the prefix cut', () => {
    expect(stem('подключается')).toBe(stem('подключиться'));
    expect(stem('печатает')).toBe(stem('печатать'));
  });

  it('joins English inflections', () => {
    expect(stem('connecting')).toBe(stem('connected'));
    expect(stem('printing')).toBe('print');
  });
});

describe('contentWords / analyzeDocument', () => {
  it('drops stop words but keeps negations', () => {
    const en = contentWords('Hi, my VPN is not connecting please');
    expect(en).toEqual(expect.arrayContaining(['vpn', 'not', 'connecting']));
    for (const stop of ['hi', 'my', 'is', 'please']) expect(en).not.toContain(stop);
    const ru = contentWords('привет у меня не работает сканер');
    expect(ru).toEqual(expect.arrayContaining(['не', 'работает', 'сканер']));
    for (const stop of ['привет', 'у', 'меня']) expect(ru).not.toContain(stop);
  });

  it('normalizes before the thesaurus: full-width letters and a decomposed ё still match', () => {
    expect(contentWords('ＶＰＮ отвалился')).toEqual(contentWords('VPN отвалился'));
    expect(contentWords('уче\u0308тка заблокирована')).toEqual(contentWords('учётка заблокирована'));
    expect(contentWords('впн')).toContain('vpn');
  });

  it('expands synonyms before tokenizing', () => {
    expect(contentWords('впн отвалился')).toEqual(expect.arrayContaining(['впн', 'vpn']));
  });

  it('drops single digits', () => {
    const words = contentWords('step 1 of 10');
    expect(words).toContain('10');
    expect(words).not.toContain('1');
  });

  it('analyzeDocument stems the content words', () => {
    const terms = analyzeDocument('Printers are printing');
    expect(terms).toEqual(expect.arrayContaining(['printer', 'print']));
    expect(terms).not.toContain('printers');
    expect(terms).not.toContain('are');
  });
});

describe('functionWords', () => {
  it('returns exactly the stop words contentWords drops, in order', () => {
    expect(functionWords('Do I need to verify my identity?')).toEqual(['do', 'i', 'need', 'to', 'my']);
    expect(functionWords('у меня не работает сканер')).toEqual(['у', 'меня']);
    expect(functionWords('printer jam')).toEqual([]);
  });
});

describe('analyzeQuery', () => {
  it('without a vocabulary, is the document analysis', () => {
    expect(analyzeQuery('Printer not printing')).toEqual(analyzeDocument('Printer not printing'));
  });

  it('repairs a typo against the knowledge-base vocabulary', () => {
    const v = vocabularyFrom('Your password expired');
    // "pasword" is also a thesaurus spelling of "password": its canonical word stands for it
    expect(analyzeQuery('my pasword exired', v)).toEqual([stem('password'), stem('expired')]);
    // Without the vocabulary the typo stays a different term.
    expect(analyzeQuery('my pasword exired')).not.toContain(stem('expired'));
  });

  it('repairs transliterated Russian into the words of a Russian article', () => {
    const v = vocabularyFrom('Забыл пароль');
    const terms = analyzeQuery('zabyl parol', v);
    expect(terms).toEqual(expect.arrayContaining([stem('забыл'), stem('пароль')]));
    expect(terms).not.toContain(stem('zabyl'));
    for (const t of terms) expect(analyzeDocument('Забыл пароль')).toContain(t);
  });

  it('leaves words the vocabulary cannot explain alone', () => {
    const v = vocabularyFrom('Your password expired');
    expect(analyzeQuery('pizza recipe', v)).toEqual(analyzeQuery('pizza recipe'));
    expect(analyzeQuery('pizza recipe', v)).toEqual(expect.arrayContaining([stem('pizza'), stem('recipe')]));
  });

  it('repairWord keeps known words and repairs Cyrillic typos', () => {
    const v = vocabularyFrom('принтер печатает полосами');
    expect(repairWord('принтер', v)).toBe('принтер');
    expect(repairWord('принтре', v)).toBe('принтер');
    expect(repairWord('pechataet', v)).toBe('печатает');
  });

  it('repairWord leaves another form of a known word alone instead of "repairing" it into a neighbour', () => {
    const text = 'Laptop lag when you block a lot of tabs. Память забита';
    const withStems = new Vocabulary(formStem);
    const withoutStems = new Vocabulary();
    for (const w of contentWords(`${text} nagging locking lost защита`)) {
      withStems.add(w);
      withoutStems.add(w);
    }
    // Without stems these real words become their nearest known neighbours.
    expect(repairWord('lagging', withoutStems)).toBe('nagging');
    expect(repairWord('lots', withoutStems)).toBe('lost');
    for (const word of ['lagging', 'blocking', 'lots', 'забиты'])
      expect(repairWord(word, withStems)).toBe(word);
    expect(repairWord('laptpo', withStems)).toBe('laptop');
    expect(repairWord('zabyl', withStems)).toBe('zabyl');
  });

  it('a known stem does not stop transliteration, and a Russian typo is not kept for a 5-letter prefix it shares', () => {
    const v = new Vocabulary(formStem);
    for (const w of contentWords(
      'disk monitor printer certified. Место на диске, монитор на мониторе, принтере; за границей; гарнитура',
    ))
      v.add(w);
    expect(repairWord('diske', v)).toBe('диске');
    expect(repairWord('monitore', v)).toBe('мониторе');
    expect(repairWord('printere', v)).toBe('принтере');
    expect(repairWord('гранитура', v)).toBe('гарнитура');
  });

  it('reads Russian typed in Latin letters before the thesaurus and the stop list see it', () => {
    const v = vocabularyFrom('Принтер не работает. Как подключить VPN');
    const latin = repairedWords('u menya ne rabotaet printer', v, { russianInLatin: true });
    // "u" and "menya" are stop words once read as Russian; "printer" is the thesaurus word of "принтер"
    expect(latin).toEqual([...contentWords('не работает'), 'printer']);
    expect(repairedWords('у меня не работает принтер', v)).toEqual(expect.arrayContaining(latin));
    // the Russian stop words are only Russian in a Russian message
    expect(repairedWords('kak podklyuchit vpn', v, { russianInLatin: true })).toEqual(['подключить', 'vpn']);
    expect(repairedWords('kak podklyuchit vpn', v)).toEqual(['kak', 'подключить', 'vpn']);
  });

  it('reads a leading Latin "e" as "э" when that is the word the articles use', () => {
    const v = vocabularyFrom('Принтер на 4 этаже не работает');
    expect(repairedWords('ne rabotaet printer na 3 etazhe', v, { russianInLatin: true })).toContain('этаже');
    expect(repairWord('etazhe', v)).toBe('этаже');
    // that reading is transliteration, not a guess at a typo
    expect(messageWords('etazhe', v).guesses.size).toBe(0);
  });

  it("drops a thesaurus variant's own words when no article uses them, keeping its canonical token", () => {
    const v = vocabularyFrom('Принтер не печатает');
    const words = repairedWords('мфу не печатает', v);
    expect(words).not.toContain('мфу');
    expect(words).toEqual(expect.arrayContaining(contentWords('принтер').filter((w) => w !== 'принтер')));
    // a variant the articles do use stays
    expect(repairedWords('принтер не печатает', v)).toContain('принтер');
  });

  it('keeps only the canonical token of a one-word "it does not work", whatever the articles use', () => {
    const v = vocabularyFrom('A broken screen is replaced. The printer is not working. Сломался ноутбук');
    expect(messageWords('printer broken', v).words).toEqual(['printer', 'cxbroken']);
    expect(messageWords('принтер сломался', v).words).not.toContain(contentWords('сломался')[0]);
    expect(messageWords('принтер сломался', v).words).toContain('cxbroken');
    // more than a word is a phrasing of its own, as is every other concept's word
    expect(messageWords('printer not working', v).words).toEqual(['printer', 'not', 'working', 'cxbroken']);
    expect(messageWords('broken screen', v).words).toEqual(['cxbroken', 'screen']);
  });

  it('reports typo repairs as guesses, but not slips of the fingers or transliteration', () => {
    const v = vocabularyFrom('Лицензия на Автокад. Headset. Disconnecting. Пароль');
    expect([...messageWords('авокадо', v).guesses]).toEqual(['автокад']);
    expect([...messageWords('headest disconecting', v).guesses]).toEqual([]);
    expect(messageWords('headest disconecting', v).words).toEqual(['headset', 'disconnecting']);
    expect([...messageWords('parol', v).guesses]).toEqual([]);
  });

  it('isSlip tells a swapped or doubled letter from another word', () => {
    expect(isSlip('headest', 'headset')).toBe(true);
    expect(isSlip('disconecting', 'disconnecting')).toBe(true);
    expect(isSlip('acess', 'access')).toBe(true);
    expect(isSlip('tomorow', 'tomorrow')).toBe(true);
    expect(isSlip('protector', 'projector')).toBe(false);
    expect(isSlip('лифт', 'лист')).toBe(false);
    expect(isSlip('weather', 'whether')).toBe(false);
    expect(isSlip('synching', 'syncing')).toBe(false);
  });

  it('keeps a recognised product name whole: no half of it is searched, or transliterated', () => {
    const v = vocabularyFrom('VPN client. Antivirus protection. Глобальный');
    const words = repairedWords('global protect', v, { russianInLatin: true });
    expect(words).toEqual(contentWords('vpn'));
  });
});
