/**
 * The small talk the bot must understand before it searches the knowledge base, in English and
 * Russian: greetings, thanks, "I want a human", cancel, anger, and typed answers to its own
 * questions ("yes", "не помогло", "2"). Kept to short, unambiguous messages: "Intune agent not
 * syncing" is a question, not a request for an agent.
 */
import ratings from './data/ratings.json' with { type: 'json' };

export type Intent = 'human' | 'cancel' | 'greeting' | 'thanks' | 'angry';

const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

function re(source: string): RegExp {
  return new RegExp(source, 'iu');
}

/** Asking for a person in so many words, anywhere in a message. */
const HUMAN_STRONG = re(
  [
    `${L}(talk|speak|chat|connect me)\\s+(to|with)\\s+(a\\s+|an\\s+|the\\s+|some\\s+)?(real\\s+|live\\s+)?(human|person|agent|someone|somebody|technician|operator|support)${R}`,
    `${L}(real|live|human)\\s+(person|human|agent|operator|support)${R}`,
    `${L}(get|want|need)\\s+(me\\s+)?(a\\s+)?(human|person|real person|live agent)${R}`,
    `${L}жив(ой|ого|ым)\\s+человек`,
    `${L}(с|к)\\s+(человеком|человеку|оператором|оператору|специалистом|специалисту|сотрудником|сотруднику)${R}`,
    `${L}(позов|соедин|переключ)\\p{L}*\\s+(\\p{L}+\\s+)?(человек|оператор|специалист|сотрудник|админ)`,
    `${L}оператор(а|у|ом)?${R}`,
    `${L}(нуж(ен|на|но)|хочу|позовите|дайте)\\s+(\\p{L}+\\s+)?(человек|человека|специалист|специалиста|оператор|оператора|сотрудник|сотрудника|админ|админа)${R}`,
  ].join('|'),
);

/** One word that means "a person, please" only when it is (nearly) the whole message. */
const HUMAN_WORDS = new Set([
  'human',
  'person',
  'agent',
  'operator',
  'humans',
  'support',
  'technician',
  'человек',
  'человека',
  'специалист',
  'специалиста',
  'оператор',
  'оператора',
  'админ',
  'админа',
  'please',
  'pls',
  'пожалуйста',
  'a',
  'an',
]);

const CANCEL = re(
  `^(cancel|stop|never\\s*mind|forget it|no need|отмена|отмени(те)?|отменить|стоп|не надо|неважно|забудь(те)?)[\\s.!]*$`,
);

const GREETING_WORDS = new Set([
  'hi',
  'hello',
  'hey',
  'hiya',
  'morning',
  'afternoon',
  'evening',
  'good',
  'there',
  'привет',
  'здравствуй',
  'здравствуйте',
  'добрый',
  'доброе',
  'день',
  'утро',
  'вечер',
  'приветствую',
  'хай',
  'салют',
  'all',
  'team',
  'bot',
  'бот',
  'коллеги',
  // "hi, how are you?", "привет, как дела?"
  'how',
  'are',
  'you',
  'doing',
  'как',
  'дела',
  'ты',
  'вы',
  'поживаете',
]);
const GREETING_CORE = re(`${L}(hi|hello|hey|hiya|morning|привет|здравствуй|добр|приветствую|хай|салют)`);

const THANKS_WORDS = new Set([
  'thanks',
  'thank',
  'you',
  'thx',
  'ty',
  'cheers',
  'much',
  'a',
  'lot',
  'so',
  'many',
  'спасибо',
  'спс',
  'благодарю',
  'большое',
  'огромное',
  'ok',
  'okay',
  'ок',
  'great',
  'отлично',
  // "thanks, that helped", "спасибо, всё работает": thanks with the news that it is solved
  'that',
  'this',
  'it',
  'helped',
  'worked',
  'works',
  'now',
  'all',
  'good',
  'всё',
  'все',
  'помогло',
  'заработало',
  'работает',
  // "thanks, that's all!", "спасибо, на этом всё": thanks that close the conversation
  "that's",
  'thats',
  'for',
  'bye',
  'пока',
  'на',
  'этом',
]);
const THANKS_CORE = re(`${L}(thanks|thank|thx|ty|cheers|спасибо|спс|благодар)`);

const ANGRY = re(
  [
    `${L}(useless|stupid|dumb|idiot\\p{L}*|ridiculous|pathetic|terrible|awful|wtf|damn|crap|shit\\p{L}*|fuck\\p{L}*|hate|fed up|sick of|waste of time)${R}`,
    `${L}(бесполезн|туп(ой|ая|ые|ица)|идиот|достал|задолбал|надоел|бесит|кошмар|ужас|сколько можно|черт|чёрт|блин|хрен|бля|хуй|хуе|хуё|пизд|ебан|ёбан|ебат|заеб|заёб|нахер|нафиг)`,
    '!{3,}',
  ].join('|'),
);

const YES = re(
  `^((thanks|thank you|спасибо|спс|большое спасибо)( a lot| so much| very much| большое)?[\\s,.!]+)?(yes|yep|yeah|yup|y|sure|it worked|that worked|worked|it works now|works now|solved|fixed|it helped|that helped|this helped|helped|всё работает|все работает|да|ага|угу|помогло|получилось|заработало|работает|решено)([\\s,.!]+(thanks|thank you|спасибо|спс)( a lot| so much| very much)?)?[\\s.!)]*$`,
);
const NO_WORD = 'no|nope|nah|n|нет|неа';
const NO_SENTENCE =
  "not really|didn'?t help|did not help|didn'?t work|did not work|still (broken|not working|the same)|doesn'?t work|" +
  "it didn'?t( help| work)?|that didn'?t( help| work)?|same problem|не помогло|не получилось|не работает|" +
  'всё ещё не работает|все еще не работает|не то|не сработало|проблема осталась';
/** "no", "didn't help", or both: "no, didn't help", "нет, не помогло". */
const NO = re(`^((${NO_WORD})([\\s,.!-]+(${NO_SENTENCE}))?|(${NO_SENTENCE}))[\\s.!]*$`);

/** The intent of a short message, or undefined for anything that should be searched. */
export function detectIntent(text: string): Intent | undefined {
  const w = words(text);
  if (w.length === 0) return undefined;
  if (HUMAN_STRONG.test(text)) return 'human';
  if (
    w.length <= 3 &&
    w.some((x) => HUMAN_WORDS.has(x) && !['please', 'pls', 'пожалуйста', 'a', 'an'].includes(x))
  ) {
    if (w.every((x) => HUMAN_WORDS.has(x))) return 'human';
  }
  if (CANCEL.test(text.trim())) return 'cancel';
  if (w.length <= 6 && GREETING_CORE.test(text) && w.every((x) => GREETING_WORDS.has(x))) return 'greeting';
  if (w.length <= 6 && THANKS_CORE.test(text) && w.every((x) => THANKS_WORDS.has(x))) return 'thanks';
  if (ANGRY.test(text)) return 'angry';
  return undefined;
}

/** A typed answer to "Did this solve it?": true, false, or undefined when it is something else. */
export function detectFeedback(text: string): boolean | undefined {
  const t = text.trim();
  if (YES.test(t)) return true;
  if (NO.test(t)) return false;
  return undefined;
}

/** A bare number (`2`, `2.`, `#2`) picking an option or a rating; undefined otherwise. */
export function detectNumber(text: string, max: number): number | undefined {
  const m = /^\s*#?\s*(\d)\s*[.)]?\s*(\/\s*5)?\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 && n <= max ? n : undefined;
}

const RATING_WORDS = new Map<string, number>(
  Object.entries(ratings.words).flatMap(([score, list]) => list.map((w) => [w, Number(score)] as const)),
);
const RATING_FILLERS = new Set(ratings.unitWords);
const STAR = new RegExp(`(?:${ratings.stars.join('|')})\\uFE0F?`, 'gu');

/**
 * A 1-5 rating as people type it: "5", "5/5", "five", "пять", "5 stars", "⭐⭐⭐⭐⭐", "4 из 5".
 * Undefined for anything else, a number out of range ("7") included. Words in `data/ratings.json`.
 */
export function detectRating(text: string): number | undefined {
  const stars = text.match(STAR)?.length ?? 0;
  const rest = text.replace(STAR, ' ').toLowerCase();
  const tokens = (rest.match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !RATING_FILLERS.has(t));
  if (stars > 0) return tokens.length === 0 && stars <= 5 ? stars : undefined;
  // "4 из 5", "5 out of 5", "5/5": the scale is not a second rating.
  const values = tokens.filter((t, i) => !(t === '5' && i > 0)).map((t) => RATING_WORDS.get(t) ?? t);
  const [only] = values;
  if (values.length !== 1 || only === undefined) return undefined;
  const score = typeof only === 'number' ? only : /^\d$/.test(only) ? Number(only) : undefined;
  return score !== undefined && score >= 1 && score <= 5 ? score : undefined;
}
