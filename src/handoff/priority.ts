import type { Priority } from './types.js';

/**
 * Every rule that decides a ticket's priority, in one file so the service desk can review them
 * together. High: security incidents (phishing clicked, compromised account, malware), lost or
 * stolen devices, and many people affected. Low: the user says it is not urgent. Rules look at
 * the user's words and at the tags of the articles the bot tried (`security`, `outage`...).
 */
export interface PriorityRule {
  /** Short machine name, also added to the ticket's tags. */
  tag: string;
  priority: Priority;
  /** Matches the user's (redacted) words, English or Russian. */
  words: RegExp;
  /** Article tags that trigger the rule on their own. */
  articleTags: string[];
}

const L = '(?<![\\p{L}\\p{N}])';

/** The rules, checked in this order; every matching rule adds its tag to the ticket. */
export const PRIORITY_RULES: readonly PriorityRule[] = [
  {
    tag: 'security-incident',
    priority: 'high',
    words: new RegExp(
      [
        `${L}(clicked|opened|entered)\\b.{0,40}\\b(phishing|suspicious|fake|link|attachment)`,
        `${L}(phishing|phished|hacked|compromised|malware|ransomware|virus|trojan|breach|stolen credentials)`,
        `${L}(someone|somebody).{0,30}(logged|signed) in`,
        `${L}(взлом|взломал|фишинг|вирус|вредонос|шифровальщик|троян|утечк)`,
        `${L}(перешёл|перешел|перешла|кликнул|кликнула|нажал|нажала|открыл|открыла|ввёл|ввел|ввела).{0,40}(ссылк|вложени|фишинг|подозрит)`,
        `${L}кто-то.{0,30}(зашёл|зашел|вошёл|вошел)`,
      ].join('|'),
      'iu',
    ),
    articleTags: ['security-incident', 'phishing', 'malware', 'compromised'],
  },
  {
    tag: 'lost-device',
    priority: 'high',
    words: new RegExp(
      [
        `${L}(lost|stolen|stole|missing|left).{0,30}(laptop|phone|macbook|notebook|device|computer|badge|yubikey|token)`,
        `${L}(laptop|phone|macbook|device|computer).{0,20}(was |got |has been )?(lost|stolen)`,
        `${L}(потерял|потеряла|потеряли|украли|украден|пропал|пропала|забыл|забыла).{0,30}(ноут|телефон|макбук|компьютер|комп|устройств|пропуск|смартфон)`,
        `${L}(ноут|телефон|макбук|компьютер|устройств)\\p{L}*.{0,20}(украли|украден|пропал|потерян)`,
      ].join('|'),
      'iu',
    ),
    articleTags: ['lost-device', 'stolen-device'],
  },
  {
    tag: 'many-affected',
    priority: 'high',
    words: new RegExp(
      [
        `${L}(whole|entire|all of the|all the)\\s+(team|department|office|floor|company|building)`,
        `${L}(everyone|everybody|nobody|no one|all of us)\\b.{0,40}\\b(can'?t|cannot|is down|are down|unable|affected|down|not working)`,
        `${L}(nobody|no one)\\s+can`,
        `${L}(весь|всего|всему|вся|всей|всю|всё|все)\\s+(отдел|офис|команд|этаж|компани|здани)`,
        `${L}(у всех|никто не может|ни у кого|всё лежит|все лежит|всё упало|все упало)`,
      ].join('|'),
      'iu',
    ),
    articleTags: ['outage', 'incident'],
  },
  {
    tag: 'not-urgent',
    priority: 'low',
    words: new RegExp(
      `${L}(not urgent|no rush|whenever you (can|have time)|low priority|не срочно|несрочно|когда будет время|не горит)`,
      'iu',
    ),
    articleTags: [],
  },
];

const RANK: Record<Priority, number> = { high: 0, normal: 1, low: 2 };

/** The resulting priority and which rules matched (added to the ticket tags). */
export interface PriorityAssessment {
  priority: Priority;
  /** Tags of the rules that matched. */
  matched: string[];
}

/**
 * The highest priority any rule gives; normal when none matches. High beats low, so "not
 * urgent, but I clicked a phishing link" is still high.
 */
export function assessPriority(texts: readonly string[], articleTags: readonly string[]): PriorityAssessment {
  const tags = new Set(articleTags.map((t) => t.toLowerCase()));
  let priority: Priority | undefined;
  const matched: string[] = [];
  for (const rule of PRIORITY_RULES) {
    const hit = texts.some((t) => rule.words.test(t)) || rule.articleTags.some((t) => tags.has(t));
    if (!hit) continue;
    matched.push(rule.tag);
    if (priority === undefined || RANK[rule.priority] < RANK[priority]) priority = rule.priority;
  }
  return { priority: priority ?? 'normal', matched };
}
