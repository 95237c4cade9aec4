import { afterEach, describe, expect, it } from 'vitest';
import { normalizePhrase, phrasePattern, phraseProblem } from '../../src/text/company-phrases.js';
import {
  BUILT_IN_THESAURUS,
  CANONICAL_TOKENS,
  builtInGroupOf,
  conceptSpans,
  expandSynonyms,
  thesaurusVersion,
  useCompanyThesaurus,
} from '../../src/text/synonyms.js';

afterEach(() => useCompanyThesaurus(new Map()));

describe('company phrases', () => {
  it('reads hyphens, underscores and runs of spaces as one space, lowercased', () => {
    expect(normalizePhrase('  Jira_SD  -  Portal ')).toBe('jira sd portal');
  });

  it('accepts plain words and phrases, a word-final * and product signs', () => {
    for (const ok of ['concur', 'expense report', 'авансов* отч*', 'c++', '1c:erp', "o'reilly", 'at&t']) {
      expect(phraseProblem(ok), ok).toBeUndefined();
    }
    expect(phraseProblem('   ')).toBe('empty entry');
    expect(phraseProblem('a b c d e f g')).toMatch(/has 7 words; the limit is 6/);
    expect(phraseProblem('tun*nel')).toMatch(/a \* may only end a word/);
    expect(phraseProblem('(vpn|впн)')).toMatch(/may only use letters/);
  });

  it('compiles a phrase literally: no regular expression reaches the thesaurus', () => {
    expect(phrasePattern('c++')).toBe('c\\+\\+');
    expect(phrasePattern('a.b')).toBe('a\\.b');
    expect(phrasePattern('отчёт')).toBe('отч(?:е|ё)т');
    expect(phrasePattern('туннел* vpn')).toBe('тунн(?:е|ё)л[a-zа-яё0-9]* vpn');
  });
});

describe('useCompanyThesaurus', () => {
  it('adds new groups and extends built-in ones; the longer phrase wins as for built-in spellings', () => {
    useCompanyThesaurus(
      new Map([
        ['expense', ['concur', 'авансов* отч*']],
        ['vpn', ['туннел*']],
        ['servicedesk', ['впн портал']],
      ]),
    );
    expect(expandSynonyms('где мой авансовый отчет в concur')).toBe(
      'где мой авансовый отчет expense в concur expense',
    );
    expect(expandSynonyms('туннель упал')).toContain('туннель vpn');
    expect(expandSynonyms('Concur')).toBe('Concur expense');
    // the built-in spellings of an extended group still work
    expect(expandSynonyms('впн')).toBe('впн vpn');
    expect(expandSynonyms('впн-портал')).toBe('впн-портал servicedesk');
    expect(CANONICAL_TOKENS.has('expense')).toBe(true);
  });

  it('takes effect at once for texts scanned before (the scan cache is cleared), and undoes', () => {
    const text = 'zorbo is broken';
    expect(conceptSpans(text).map((s) => s.canonical)).toEqual(['cxbroken']);
    const before = thesaurusVersion();
    useCompanyThesaurus(new Map([['expense', ['zorbo']]]));
    // caches of analysed text elsewhere (an article's stems) see the change by the version
    expect(thesaurusVersion()).toBeGreaterThan(before);
    expect(conceptSpans(text).map((s) => s.canonical)).toEqual(['expense', 'cxbroken']);
    useCompanyThesaurus(new Map());
    expect(conceptSpans(text).map((s) => s.canonical)).toEqual(['cxbroken']);
    expect(CANONICAL_TOKENS.has('expense')).toBe(false);
    expect(CANONICAL_TOKENS.size).toBe(BUILT_IN_THESAURUS.size);
  });

  it('matches "е" and "ё" either way, across separators, case-insensitively', () => {
    useCompanyThesaurus(new Map([['account', ['учётка сотрудника']]]));
    expect(expandSynonyms('Учетка-Сотрудника')).toBe('Учетка-Сотрудника account');
  });

  it('builtInGroupOf names the built-in group a whole phrase already belongs to', () => {
    expect(builtInGroupOf('Впн')).toBe('vpn');
    expect(builtInGroupOf('global-protect')).toBe('vpn');
    expect(builtInGroupOf('printer')).toBe('printer');
    expect(builtInGroupOf('впн портал')).toBeUndefined();
    expect(builtInGroupOf('zorbo')).toBeUndefined();
  });
});
