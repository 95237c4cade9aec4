import type { Lang } from '../config.js';

/**
 * Every sentence the bot says to an employee, in English and Russian, in one place so that
 * wording is reviewed together and both languages stay in step (the `Catalogue` type makes a
 * missing translation a compile error). Russian avoids gendered past-tense verbs about agents,
 * whose gender the bot does not know.
 */
export interface Catalogue {
  greeting: string;
  thanks: string;
  empty: string;
  feedbackPrompt: string;
  yes: string;
  no: string;
  talkToPerson: string;
  cancelRequest: string;
  escalateArticle: string;
  urgent: string;
  clarifyPrompt: string;
  /** The same question when only one article is close enough: "a few" would read wrong. */
  clarifyOnePrompt: string;
  noneOfThese: string;
  /** "None of these" for a single option. */
  notThis: string;
  declined: string;
  confirmed: string;
  /** Said before the first answer to a message that states several problems. */
  severalProblems: string;
  /** Offers the next problem of that message once the first one is solved. */
  followUpPrompt: string;
  notNow: string;
  followUpSkipped: string;
  nextCandidate: string;
  nothingMore: string;
  cancelled: string;
  frustrated: string;
  sameProblem: string;
  secretWarning: string;
  truncated: (max: number) => string;
  queued: (ticketId: string, position: number) => string;
  outOfHours: (hours: string, next: string) => string;
  onCallPaged: string;
  addedToTicket: (ticketId: string) => string;
  alreadyQueued: (ticketId: string) => string;
  ticketCancelled: (ticketId: string) => string;
  agentJoined: (agentName: string) => string;
  tier3: (ticketId: string) => string;
  backInQueue: (ticketId: string) => string;
  resolvedByAgent: (ticketId: string, agentName: string) => string;
  ratingPrompt: string;
  ratingThanks: string;
  handedBack: string;
  staleAction: string;
  error: string;
  /** Button showing the whole article in the chat. */
  wholeArticle: string;
  /** Said before another section of the same article after "No". */
  nextSection: string;
  /** Asks what a vague message ("it doesn't work") is about, above the areas. */
  askBack: string;
  /** Above the articles of an area the employee picked. */
  areaPrompt: (area: string) => string;
  /** Below an answer given while a request is open. */
  addToTicketPrompt: (ticketId: string) => string;
  addToTicketButton: (ticketId: string) => string;
  /** Reminds a returning employee of the open request. */
  openRequest: (ticketId: string, withAgent: string | undefined) => string;
  /** The rating again, once, after an answer that was not one. */
  ratingAgain: string;
}

const en: Catalogue = {
  greeting:
    "Hi! I'm the IT helpdesk bot. Describe your problem in a sentence or two, for example " +
    '"VPN won\'t connect", and I\'ll find the steps. You can ask for a person at any time.',
  thanks: "You're welcome! Write any time something else comes up.",
  empty: 'Please describe your problem in a few words.',
  feedbackPrompt: 'Did this solve it?',
  yes: 'Yes',
  no: 'No',
  talkToPerson: 'Talk to a person',
  cancelRequest: 'Cancel my request',
  escalateArticle:
    'This usually needs someone from IT. If the steps are not enough, I can pass it to a person right away.',
  urgent: 'This sounds urgent. You can reach a person right away.',
  clarifyPrompt: 'I found a few articles that might fit. Which one is closest to your problem?',
  clarifyOnePrompt: 'I found an article that might fit. Is this your problem?',
  noneOfThese: 'None of these',
  notThis: 'No, something else',
  declined:
    "Sorry, I couldn't find an article about this. Try describing it in other words, or I can pass it to a person.",
  confirmed: "Great, glad it's fixed! Write any time something else comes up.",
  severalProblems:
    "You mentioned more than one problem. Let's start with this one and come back to the rest after.",
  followUpPrompt: "Great, glad it's fixed! You also mentioned another problem. Shall we look at it now?",
  notNow: 'Not now',
  followUpSkipped: 'OK. Write any time you want to come back to it.',
  nextCandidate: 'Sorry about that. Maybe this one fits better:',
  nothingMore: "Sorry, I don't have anything else on this. Shall I pass it to a person?",
  cancelled: 'OK, cancelled. Ask me anything whenever you need.',
  frustrated: "I'm sorry this is causing so much trouble. Let me get a person to help you.",
  sameProblem: 'Looks like the problem is still there. I can pass it to a person right away.',
  secretWarning:
    'It looks like you sent a password or an access token. I have hidden it, so it is not stored and ' +
    'nobody from IT will see it, but treat it as exposed and change it now. IT will never ask for your password.',
  truncated: (max) => `Your message was very long, so I kept only the first ${max} characters.`,
  queued: (id, position) =>
    `I've passed this to the IT team (request ${id}). A person will reply right here; ` +
    `you are number ${position} in the queue.`,
  outOfHours: (hours, next) =>
    `The support team works ${hours}, and it is outside those hours now. ` +
    `A person will pick up your request from ${next}.`,
  onCallPaged: 'Because this is urgent, the on-call engineer has been paged.',
  addedToTicket: (id) => `Added to your request ${id}. A person will reply right here.`,
  alreadyQueued: (id) => `You're already in the queue for a person (request ${id}).`,
  ticketCancelled: (id) => `OK, I've cancelled request ${id}. Ask me anything whenever you need.`,
  agentJoined: (name) => `${name} from IT support is now handling your request. Reply right here.`,
  tier3: (id) => `Request ${id} has been passed to a specialist team. They will reply right here.`,
  backInQueue: (id) => `Request ${id} is back in the queue; the next available person will reply here.`,
  resolvedByAgent: (id, name) => `${name} marked request ${id} as resolved.`,
  ratingPrompt: 'How would you rate the help? 1 = poor, 5 = excellent.',
  ratingThanks: 'Thank you for your rating!',
  handedBack: "You're chatting with the bot again. Ask me anything, or ask for a person whenever you need.",
  staleAction: 'That button is no longer active. Just tell me what you need.',
  error: 'Sorry, something went wrong on my side. Please try again in a minute, or ask for a person.',
  wholeArticle: 'Show the whole article',
  nextSection: 'Sorry about that. This part of the same article may fit better:',
  askBack: 'Sorry to hear that. What is it about? Pick an area or describe the problem in a few words.',
  areaPrompt: (area) => `${area}: which of these is closest to your problem?`,
  addToTicketPrompt: (id) =>
    `This is what I found for your new question. Your request ${id} stays open; shall I add this question to it too?`,
  addToTicketButton: (id) => `Add it to request ${id}`,
  openRequest: (id, agent) =>
    agent
      ? `Welcome back. Your request ${id} is open and ${agent} is handling it; write right here.`
      : `Welcome back. Your request ${id} is still open and waiting for a person; they will reply right here.`,
  ratingAgain:
    'Please rate the help with a number from 1 (poor) to 5 (excellent), or just write your next question.',
};

const ru: Catalogue = {
  greeting:
    'Здравствуйте! Я бот ИТ-поддержки. Опишите проблему в паре предложений, например ' +
    '«не подключается VPN», и я подскажу, что делать. Если нужен живой человек, просто скажите.',
  thanks: 'Пожалуйста! Если что-то ещё понадобится, пишите.',
  empty: 'Опишите, пожалуйста, проблему в нескольких словах.',
  feedbackPrompt: 'Это помогло?',
  yes: 'Да',
  no: 'Нет',
  talkToPerson: 'Позвать специалиста',
  cancelRequest: 'Отменить заявку',
  escalateArticle:
    'Обычно тут нужен специалист ИТ. Если шагов выше недостаточно, могу сразу передать вопрос человеку.',
  urgent: 'Похоже, это срочно. Можно сразу подключить специалиста.',
  clarifyPrompt: 'Нашлось несколько подходящих статей. Какая ближе к вашей проблеме?',
  clarifyOnePrompt: 'Нашлась статья, которая может подойти. Это ваш случай?',
  noneOfThese: 'Ничего из этого',
  notThis: 'Нет, другое',
  declined:
    'К сожалению, не нашёл статьи на эту тему. Попробуйте описать проблему другими словами или давайте передам вопрос специалисту.',
  confirmed: 'Отлично, рад, что получилось! Если что-то ещё понадобится, пишите.',
  severalProblems: 'Вы описали несколько проблем. Начнём с этой, а к остальным вернёмся потом.',
  followUpPrompt: 'Отлично, рад, что получилось! Вы упоминали ещё одну проблему. Разберёмся с ней сейчас?',
  notNow: 'Не сейчас',
  followUpSkipped: 'Хорошо. Напишите, когда захотите к ней вернуться.',
  nextCandidate: 'Жаль. Возможно, подойдёт вот это:',
  nothingMore: 'Больше мне предложить нечего. Передать вопрос специалисту?',
  cancelled: 'Хорошо, отменил. Пишите, если что-то понадобится.',
  frustrated: 'Извините, что всё так сложно. Давайте подключу специалиста.',
  sameProblem: 'Похоже, проблема не ушла. Могу сразу передать её специалисту.',
  secretWarning:
    'Похоже, вы отправили пароль или токен доступа. Я его скрыл: он не сохранится и сотрудники ИТ его не увидят. ' +
    'Но считайте его раскрытым и смените прямо сейчас. ИТ никогда не спрашивает пароли.',
  truncated: (max) => `Сообщение очень длинное, поэтому я сохранил только первые ${max} символов.`,
  queued: (id, position) =>
    `Передал ваш вопрос в ИТ (заявка ${id}). Специалист ответит прямо здесь; ваше место в очереди: ${position}.`,
  outOfHours: (hours, next) =>
    `ИТ-поддержка работает ${hours}, сейчас нерабочее время. ` +
    `Специалист возьмёт заявку в работу, когда начнётся рабочий день: ${next}.`,
  onCallPaged: 'Вопрос срочный, поэтому мы вызвали дежурного инженера.',
  addedToTicket: (id) => `Добавил сообщение к заявке ${id}. Специалист ответит прямо здесь.`,
  alreadyQueued: (id) => `Вы уже в очереди к специалисту (заявка ${id}).`,
  ticketCancelled: (id) => `Хорошо, заявку ${id} отменил. Пишите, если что-то понадобится.`,
  agentJoined: (name) => `Вашей заявкой занимается ${name} из ИТ-поддержки. Пишите прямо сюда.`,
  tier3: (id) => `Заявка ${id} передана профильным специалистам. Они ответят здесь же.`,
  backInQueue: (id) => `Заявка ${id} снова в очереди: ответит первый освободившийся специалист.`,
  resolvedByAgent: (id, name) => `Заявка ${id} решена (специалист: ${name}).`,
  ratingPrompt: 'Оцените, пожалуйста, помощь: 1 — плохо, 5 — отлично.',
  ratingThanks: 'Спасибо за оценку!',
  handedBack: 'Вы снова общаетесь с ботом. Задайте вопрос или позовите специалиста, когда понадобится.',
  staleAction: 'Эта кнопка уже неактуальна. Просто напишите, что нужно.',
  error: 'Извините, у меня что-то сломалось. Попробуйте через минуту или позовите специалиста.',
  wholeArticle: 'Показать всю статью',
  nextSection: 'Жаль. Возможно, подойдёт другой раздел этой же статьи:',
  askBack: 'Сочувствую. С чем проблема? Выберите область или опишите её в нескольких словах.',
  areaPrompt: (area) => `${area}: что из этого ближе к вашей проблеме?`,
  addToTicketPrompt: (id) =>
    `Вот что я нашёл по новому вопросу. Заявка ${id} остаётся открытой; добавить к ней и этот вопрос?`,
  addToTicketButton: (id) => `Добавить к заявке ${id}`,
  openRequest: (id, agent) =>
    agent
      ? `С возвращением! Заявка ${id} открыта, ею занимается ${agent}; пишите прямо сюда.`
      : `С возвращением! Заявка ${id} ещё открыта и ждёт специалиста; ответ придёт прямо сюда.`,
  ratingAgain:
    'Оцените, пожалуйста, помощь числом от 1 (плохо) до 5 (отлично) или просто напишите следующий вопрос.',
};

/**
 * Said in both languages when a message is in one the bot does not speak: it cannot tell which
 * of its own the employee reads, so it says it in each.
 */
export const LANGUAGES_SPOKEN =
  'Sorry, I only speak English and Russian. Please write in one of them, or ask for a person.\n' +
  'Извините, я говорю только по-английски и по-русски. Напишите на одном из этих языков или позовите специалиста.';

const CATALOGUES: Record<Lang, Catalogue> = { en, ru };

/** The catalogue of one language. */
export function messages(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}
