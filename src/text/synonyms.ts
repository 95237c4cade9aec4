/**
 * Spellings people use for the same IT thing, mapped to one canonical token: Russian slang and
 * transliterations of product names ("аутлук", "впн", "тимс"), split or hyphenated forms
 * ("wi-fi"), and common abbreviations. Applied to articles and messages alike, so an article that
 * says "VPN" matches a message that says "впн". Keys are whole lowercased phrases.
 */
const GROUPS: Record<string, string[]> = {
  outlook: ['аутлук', 'аутлуке', 'аутлука', 'аутлуком', 'оутлук', 'outlok', 'outlock', 'outllok', 'аутлюк'],
  vpn: ['впн', 'впна', 'впне', 'впном', 'випиэн', 'globalprotect', 'global protect', 'глобалпротект'],
  teams: ['тимс', 'тимсе', 'тимса', 'тимсом', 'тимз', 'тимсы', 'ms teams', 'msteams', 'майкрософт тимс'],
  wifi: [
    'wi-fi',
    'wi fi',
    'wify',
    'вайфай',
    'вай-фай',
    'вай фай',
    'вайфая',
    'вайфаю',
    'вайфаем',
    'вифи',
    'wlan',
  ],
  onedrive: ['one drive', 'ванд{0,2}р?айв[а-я]*', 'уандрайв[а-я]*', 'онедрайв[а-я]*'],
  sharepoint: ['share point', 'шарепоинт', 'шарпоинт', 'шейрпоинт'],
  zoom: ['зум', 'зуме', 'зума', 'зумом'],
  windows: ['винда', 'винды', 'винде', 'виндоус', 'виндовс', 'win11', 'win10', 'windows11', 'windows10'],
  macos: ['mac os', 'макос', 'мак ос', 'макбук', 'макбуке', 'macbook', 'mac'],
  excel: ['эксель', 'экселе', 'excell', 'ексель'],
  email: ['e-mail', 'e mail', 'имейл', 'емейл', 'емаил', 'мейл', 'мыло', 'мыла'],
  mfa: [
    '2fa',
    'двухфакторк[а-я]*',
    '2-fa',
    'multi-factor',
    'multifactor',
    'мфа',
    'authenticator',
    'аутентификатор[а-я]*',
  ],
  laptop: ['ноут', 'ноута', 'ноуте', 'ноутом', 'ноутбук[а-я]*', 'лэптоп[а-я]*', 'лаптоп[а-я]*', 'notebook'],
  computer: ['комп', 'компа', 'компе', 'компом', 'компьютер[а-я]*', 'пк', 'pc'],
  printer: ['принтер[а-я]*', 'принтак', 'принтака', 'принтере', 'printr', 'pritner'],
  password: [
    'пароль',
    'пароля',
    'паролем',
    'пароле',
    'пароли',
    'паролей',
    'пасс',
    'пасворд',
    'passwd',
    'pwd',
    'pasword',
    'passowrd',
    'passwrd',
  ],
  bitlocker: ['битлокер[а-я]*', 'bit locker'],
  antivirus: ['антивирус[а-я]*', 'defender', 'дефендер[а-я]*', 'anti-virus', 'anti virus'],
  phishing: ['фишинг[а-я]*', 'phish', 'fishing'],
};

/**
 * All variants in one alternation (longest first, so "ms teams" wins over "teams"), each in its
 * own capture group whose index names the canonical token: one pass over the text, whatever the
 * number of variants.
 */
function compile(): { pattern: RegExp; canonical: string[] } {
  const entries: { body: string; canonical: string }[] = [];
  for (const [canonical, variants] of Object.entries(GROUPS)) {
    for (const variant of variants) entries.push({ body: variant.replace(/ /g, '[\\s_-]*'), canonical });
  }
  entries.sort((a, b) => b.body.length - a.body.length);
  const alternation = entries.map((e) => `(${e.body})`).join('|');
  return {
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, 'giu'),
    canonical: entries.map((e) => e.canonical),
  };
}

const COMPILED = compile();

/**
 * Adds the canonical token next to each recognised variant (keeping the original words, which
 * still carry meaning for stemming), e.g. "не работает впн" -> "не работает впн vpn".
 */
export function expandSynonyms(text: string): string {
  return text.replace(COMPILED.pattern, (match: string, ...groups: unknown[]) => {
    const index = groups.findIndex((g) => typeof g === 'string');
    const canonical = COMPILED.canonical[index];
    return canonical === undefined ? match : `${match} ${canonical}`;
  });
}
