import { createHash } from 'node:crypto';
import type { Lang } from '../config.js';
import { splitSections } from '../kb/sections.js';
import type { Article } from '../kb/types.js';

const EN_WORDS =
  'account access adapter alert antivirus app archive audio backup badge battery bitlocker browser cable calendar camera certificate chrome client cloud computer connect connection cursor desktop device disk display dock download driver drive email error excel explorer file firewall folder headset install keyboard laptop license link login mailbox meeting memory microphone monitor mouse network notebook onedrive outlook password phone portal printer profile projector queue recovery remote restart restore router scanner screen server settings sharepoint signin slow software speaker storage sync teams token update upgrade usb user vpn webcam wifi windows wireless'.split(
    ' ',
  );
const RU_WORDS =
  'аккаунт доступ адаптер антивирус приложение архив звук резерв пропуск батарея браузер кабель календарь камера сертификат клиент облако компьютер подключение курсор диск дисплей драйвер почта ошибка файл папка гарнитура установка клавиатура ноутбук лицензия ссылка вход ящик встреча память микрофон монитор мышь сеть пароль телефон портал принтер профиль проектор очередь восстановление перезагрузка сервер настройки медленно программа динамик хранилище синхронизация токен обновление пользователь экран'.split(
    ' ',
  );

/** Deterministic pseudo-random numbers, so every bench run indexes the same text. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const EN_SYLLABLES = 'ba ce di fo gu ka le mi no pu ra se ti vo wu za ter ing con pro ment ly'.split(' ');
const RU_SYLLABLES = 'ба ве ги до жу за ки ло му на по ре си ту фа хо це ча ше ние ост про пер'.split(' ');

/**
 * A vocabulary of the size real knowledge bases have: the IT words above plus a few thousand
 * made-up words, so that postings lists have realistic lengths.
 */
function vocabulary(base: string[], syllables: string[], rand: () => number, size: number): string[] {
  const words = [...base];
  while (words.length < size) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(rand() * syllables.length)];
    words.push(w);
  }
  return words;
}

/** Zipf-like pick: low indexes (common words) come up far more often, as in real text. */
function pick(words: string[], rand: () => number): string {
  return words[Math.min(words.length - 1, Math.floor(Math.exp(rand() * Math.log(words.length + 1)) - 1))]!;
}

function sentence(words: string[], rand: () => number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(pick(words, rand));
  return out.join(' ');
}

const VOCABULARY_SIZE = 5000;
const vocabRand = seededRandom(1);
const EN_VOCABULARY = vocabulary(EN_WORDS, EN_SYLLABLES, vocabRand, VOCABULARY_SIZE);
const RU_VOCABULARY = vocabulary(RU_WORDS, RU_SYLLABLES, vocabRand, VOCABULARY_SIZE);

/**
 * Articles of made-up support text (half English, half Russian) with `sectionsPerArticle`
 * sections each, for measuring index time and query latency at a given size.
 */
export function syntheticArticles(sectionCount: number, sectionsPerArticle = 5, seed = 42): Article[] {
  const rand = seededRandom(seed);
  const articles: Article[] = [];
  for (let a = 0; a * sectionsPerArticle < sectionCount; a++) {
    const lang: Lang = a % 2 === 0 ? 'en' : 'ru';
    const words = lang === 'en' ? EN_VOCABULARY : RU_VOCABULARY;
    const id = `synthetic-${a}-${lang}`;
    const title = sentence(words, rand, 4);
    const body = Array.from(
      { length: sectionsPerArticle },
      (_, s) =>
        `## ${sentence(words, rand, 3)} ${s}\n${sentence(words, rand, 60)}.\n1. ${sentence(words, rand, 12)}`,
    ).join('\n\n');
    articles.push({
      id,
      title,
      lang,
      tags: [sentence(words, rand, 1)],
      questions: Array.from({ length: 4 }, () => sentence(words, rand, 6)),
      escalate: false,
      body,
      sections: splitSections(id, title, body),
      file: `${id}.md`,
      hash: createHash('sha256').update(body).digest('hex'),
      idLine: 2,
    });
  }
  return articles;
}

/** Chat-like queries built from the same vocabulary. */
export function syntheticQueries(count: number, seed = 7): { text: string; lang: Lang }[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const lang: Lang = i % 2 === 0 ? 'en' : 'ru';
    return {
      text: sentence(lang === 'en' ? EN_VOCABULARY : RU_VOCABULARY, rand, 3 + Math.floor(rand() * 8)),
      lang,
    };
  });
}
