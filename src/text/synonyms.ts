import { memoized } from './memo.js';

/**
 * Spellings people use for the same IT thing, mapped to one canonical token: Russian slang and
 * transliterations of product names ("аутлук", "впн", "тимс"), split or hyphenated forms
 * ("wi-fi"), and common abbreviations. Applied to articles and messages alike, so an article that
 * says "VPN" matches a message that says "впн". Keys are whole lowercased phrases.
 */
const GROUPS: Record<string, string[]> = {
  outlook: [
    'аутлук',
    'аутлуке',
    'аутлука',
    'аутлуком',
    'аутлуку',
    'оутлук[а-яё]*',
    'outlok',
    'outlock',
    'outllok',
    'аутлюк[а-яё]*',
    'аутглюк[а-яё]*',
    'owa',
  ],
  vpn: ['впн', 'впна', 'впне', 'впном', 'випиэн', 'globalprotect', 'global protect', 'глобалпротект[а-яё]*'],
  teams: [
    'тимс',
    'тимсе',
    'тимса',
    'тимсом',
    'тимсу',
    'тимсах',
    'тимз',
    'тимсы',
    'ms teams',
    'msteams',
    'майкрософт тимс',
  ],
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
  sharepoint: ['share point', 'шарепоинт[а-яё]*', 'шарпоинт[а-яё]*', 'шейрпоинт[а-яё]*'],
  zoom: ['зум', 'зуме', 'зума', 'зумом', 'зуму'],
  windows: [
    'винда',
    'винды',
    'винде',
    'винду',
    'виндой',
    'виндоус[а-яё]*',
    'виндовс[а-яё]*',
    'виндовз[а-яё]*',
    'виндоуз[а-яё]*',
    'win11',
    'win10',
    'windows11',
    'windows10',
  ],
  macos: [
    'mac os',
    'макос',
    'макось',
    'макоси',
    'мак ос',
    'мак(?:а|е|у|ом|и)?',
    'макбук[а-яё]*',
    'аймак[а-яё]*',
    'macbook',
    'mac',
    'macs',
    'imac',
  ],
  excel: [
    'эксель',
    'экселе',
    'экселя',
    'экселем',
    'эксельк[а-яё]*',
    'эксельн[а-яё]*',
    'excell',
    'exel',
    'ексель',
    'екселе',
    'екселя',
    'xlsx?',
  ],
  email: [
    'e-mail',
    'e mail',
    'имейл(?:а|е|у|ом|ы|ов)?',
    'емейл(?:а|е|у|ом|ы|ов)?',
    'имэйл[а-яё]*',
    'емэйл[а-яё]*',
    'емаил',
    'мейл(?:а|е|у|ом|ы|ов)?',
    'мэйл(?:а|е|у|ом|ы|ов)?',
    'электронк[аиуе]',
    'эл\\.? почт[а-яё]*',
    'мыло',
    'мыла',
    'mail',
    'mails',
    'почт(?:а|ы|е|у|ой|овый|ового|овом|овому|овым)',
  ],
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
  laptop: [
    'ноут',
    'ноута',
    'ноуте',
    'ноутом',
    'ноуту',
    'ноуты',
    'ноутов',
    'ноутам',
    'ноутах',
    'ноутами',
    'ноутик[а-яё]*',
    'ноутбук[а-я]*',
    'лэптоп[а-я]*',
    'лаптоп[а-я]*',
    'notebook',
    'laptops',
  ],
  computer: [
    'комп',
    'компа',
    'компе',
    'компом',
    'компу',
    'компы',
    'компов',
    'компах',
    'компами',
    'компик[а-яё]*',
    'компух[а-яё]*',
    'компутер[а-яё]*',
    'писюк[а-яё]*',
    'системник[а-яё]*',
    'десктоп(?:а|е|у|ом|ы)?',
    'desktop (?:pc|computer)s?',
    'компьютер[а-я]*',
    'пк',
    'pc',
    'workstation',
  ],
  printer: [
    'принтер[а-я]*',
    'принтак[а-яё]*',
    'прынтер[а-яё]*',
    'принтере',
    'printr',
    'pritner',
    'мфу',
    'мфушк[а-яё]*',
    'mfp',
    'копир[а-я]*',
    'ксерокс[а-я]*',
    'copier',
  ],
  password: [
    'пароль',
    'пароля',
    'паролем',
    'пароле',
    'пароли',
    'паролей',
    'паролю',
    'паролями',
    'паролях',
    'паролик[а-яё]*',
    'пасс',
    'пасса',
    'пассом',
    'пасс?ворд(?:а|у|ом|ы)?',
    'passwd',
    'pwd',
    'pw',
    'pasword',
    'passowrd',
    'passwrd',
    'pswd',
    'passw',
  ],
  word: [
    'ворд(?:а|е|у|ом)?',
    'вордовск[а-яё]*',
    'ms word',
    'msword',
    'winword',
    'microsoft word',
    'майкрософт ворд',
  ],
  powerpoint: ['power point', 'п[ао]уэр ?п[оа][йи]нт[а-яё]*', 'п[аое]вер ?п[оа][йи]нт[а-яё]*', 'ppt', 'pptx'],
  /** The Office suite as a whole (the articles say "Microsoft 365"). */
  microsoft365: [
    'microsoft 365',
    'office ?365',
    'o365',
    'm365',
    'ms ?365',
    'офис ?365',
    'майкрософт ?365',
    'microsoft office',
    'ms office',
    'мс офис[а-яё]*',
    'майкрософт офис[а-яё]*',
    'офисн(?:ый|ого|ом|ому) пакет[а-яё]*',
    'office suite',
  ],
  /** The vendor on its own ("учётка майкрософт", "майкрософт аутентификатор"). */
  microsoft: ['майкрософт[а-яё]*', 'микрософт[а-яё]*', 'мелкософт[а-яё]*', 'msft'],
  /** A user account ("учётка"); the English word itself is the canonical token. */
  account: [
    'уч[её]тк[а-яё]*',
    'уч[её]тн(?:ая|ой|ую|ые|ых|ым|ыми) запис[а-яё]*',
    'аккаунт[а-яё]*',
    'акаунт[а-яё]*',
    'acct',
  ],
  /** USB flash drives. */
  usbdrive: [
    'флешк[а-яё]*',
    'флешек',
    'флэшк[а-яё]*',
    'флэшек',
    'флешак[а-яё]*',
    'флеш накопител[а-яё]*',
    'флеш карт[а-яё]*',
    'usb накопител[а-яё]*',
    'usb носител[а-яё]*',
    'внешн(?:ий|его|ем|ие|их) накопител[а-яё]*',
    'usb (?:stick|drive|flash drive|key|memory stick)s?',
    'flash ?drives?',
    'thumb ?drives?',
    'pen ?drives?',
    'memory sticks?',
  ],
  /** A TV or the big wall screen in a meeting room. */
  tv: [
    'телевизор[а-яё]*',
    'телик[а-яё]*',
    'телек(?:а|е|у|ом)?',
    'тв',
    'плазм(?:а|у|е|ой|ы)',
    'больш(?:ой|ого|ом|ому) экран[а-яё]*',
    'television',
    'tvs',
    'smart tv',
    'big screen',
    'wall (?:screen|display)',
  ],
  /** Mobile phone. */
  phone: [
    'телефон[а-яё]*',
    'мобил(?:а|у|е|ой|ы|ка|ку|ке|ки)',
    'мобильник[а-яё]*',
    'смартфон[а-яё]*',
    'сотов(?:ый|ого|ом|ому)',
    'айфон[а-яё]*',
    'андроид[а-яё]*',
    'iphones?',
    'android',
    'smartphones?',
    'cell ?phones?',
    'mobile phones?',
  ],
  tablet: ['планшет[а-яё]*', 'айпад[а-яё]*', 'ipads?'],
  bitlocker: ['битлокер[а-я]*', 'bit locker'],
  antivirus: ['антивирус[а-я]*', 'defender', 'дефендер[а-я]*', 'anti-virus', 'anti virus'],
  phishing: ['фишинг[а-я]*', 'phish', 'fishing'],

  // --- Concept groups: chat symptoms and slang mapped to one helpdesk concept. ---
  /** A web page that sends the user back to its sign-in page again and again. */
  cxsigninloop: [
    '(?:sign in|log in) loops?',
    'loop(?:s|ing)? (?:on|back to) (?:the )?(?:sign in|log in)',
    '(?:keeps?|kept) (?:sending|redirecting|taking|bouncing|throwing) me back to (?:the )?(?:sign in|log in)',
    '(?:keeps?|kept) redirecting me to (?:the )?(?:sign in|log in)',
    '(?:вы|пере)?кида[её]т обратно на (?:логин|вход|страницу входа)',
  ],

  /** Something is down for many people at once. */
  cxoutage: [
    'outages?',
    '(?:is|are|went|goes|going) down',
    'down (?:for|across) (?:every(?:one|body)|any(?:one|body)|all|us|the (?:whole|entire))',
    'down(?=[\\s_-]*(?:\\?|$|again|right now|at the moment))',
    'for (?:every|any)(?:one|body)',
    '(?:every|any)(?:one|body) (?:in|on|at) (?:the|my|our)',
    '(?:nobody|no one) (?:can|is able)',
    '(?:the )?(?:whole|entire) (?:[a-z]+ )?(?:office|floor|team|department|building|company)',
    'many people',
    'several people',
    'nobody (?:in|on) (?:the|my|our)',
    'is it just me',
    'just me',
    'major incident',
    'лежит',
    'лежат',
    'л[её]г',
    'легл[аои]',
    'упал[аои]?',
    'сбо(?:й|я|е|ю|ем|и|ев|ях)',
    'массов[а-яё]*',
    'у всех',
    'у всего (?:отдела|офиса|этажа)',
    'у всей (?:команды|компании)',
    'у многих',
    'ни у кого',
    'у нескольких',
    '(?:во|на) вс[её]м (?:офисе|этаже|здании)',
    'весь (?:офис|отдел|этаж)',
    'никто не может',
  ],
  /** Something is broken or not working at all. */
  cxbroken: [
    'broken',
    'broke',
    'not working',
    "(?:doesn|isn|aren|don|won)[’']?t work(?:ing)?",
    'does not work',
    'stopped working',
    'faulty',
    'busted',
    'не работа(?:ет|ют|л|ла|ло|ли)',
    'перестал[а-яё]* работать',
    'сломал[а-яё]*',
    'сломан[а-яё]*',
    'поломал[а-яё]*',
    'глюч[а-яё]*',
    'глюк[а-яё]*',
    'накрыл(?:ся|ась|ось|ись)',
    'dead',
    'died',
    'acting up',
    'playing up',
    'borked',
    'bricked',
    'kaput',
    'on the fritz',
    'malfunction(?:s|ing|ed)?',
    'glitch(?:es|y|ing)?',
    'wonky',
    'messed up',
    'out of order',
    'stopped responding',
    'not functioning',
    'не паш(?:ет|ут)',
    'не пахал[аои]?',
    'не фурыч(?:ит|ат|ил|ила|ило|или)',
    'не роб(?:ит|ят)',
    'не функционир[а-яё]*',
    'сдох(?:ла|ло|ли|нет|нут)?',
    'подох(?:ла|ло|ли)?',
    'умер(?:ла|ло|ли)?',
    'слетел[аои]?',
    'гикнул(?:ся|ась|ось|ись)',
    'навернул(?:ся|ась|ось|ись)',
    'загнул(?:ся|ась|ось|ись)',
    'барахл(?:ит|ят|ил|ила|ило|или)',
    'косяч(?:ит|ат|ил|ила|ило|или)',
    'капут',
    'кирдык',
    'заглюч[а-яё]*',
    'неисправн[а-яё]*',
    'поломк[а-яё]*',
    'поломан[а-яё]*',
    'выш(?:ел|ла|ло|ли) из строя',
  ],
  /** Slowness, lag and freezing. */
  cxslow: [
    'slow',
    'slowly',
    'slowness',
    'slower',
    'slowing',
    'sluggish',
    'laggy',
    'lags?',
    'lagging',
    'freez(?:e|es|ing)',
    'froze',
    'frozen',
    'hangs',
    'takes (?:forever|ages)',
    'crawling',
    'slo{2,}w',
    'snail',
    'bogged down',
    'performance',
    'unresponsive',
    'тормоз[а-яё]*',
    'тормаз[а-яё]*',
    'подтормаж[а-яё]*',
    'притормаж[а-яё]*',
    'тупит',
    'тупят',
    'тупил[аои]?',
    'тупняк[а-яё]*',
    'подтупл?ива[а-яё]*',
    'затупил[аои]?',
    'лага[а-яё]*',
    'лагов',
    'лаги',
    'лагнул[а-яё]*',
    'подлаг[а-яё]*',
    'лагуч[а-яё]*',
    'висн(?:ет|ут|ул|ула|ули)',
    'подвиса[а-яё]*',
    'зависа(?:ет|ют|л|ла|ло|ли|ть)',
    'медленн?[а-яё]*',
    'еле',
    'еле (?:шевел|полз|работа|дыш)[а-яё]*',
    'полза(?:ет|ют)',
    'полз[её]т',
    'черепаш[а-яё]*',
    'производительност[а-яё]*',
    'долго (?:открыва|грузит|загружа|включа|запуска)[а-яё]*',
  ],
  /** An application crashes or will not start. */
  cxcrash: [
    'crash(?:es|ed|ing)?',
    "won[’']?t (?:open|start|launch|load)",
    "doesn[’']?t (?:open|start|launch)",
    'not (?:opening|starting|launching)',
    'keeps closing',
    'quits unexpectedly',
    'вылета[а-яё]*',
    'вылетел[аои]?',
    'вылетит',
    'краш[а-яё]*',
    'крашн[а-яё]*',
    'падает',
    'не запуска[а-яё]*',
    'не запустил[а-яё]*',
    'закрывается сам[а-яё]*',
  ],
  /** Device lost, stolen or left behind. */
  cxlost: [
    'lost',
    'misplaced',
    'stolen',
    'stole',
    'theft',
    'left (?:my|the|our) (?:[a-z0-9]+ )?(?:laptop|phone|iphone|bag|macbook|tablet|ipad|computer|notebook)',
    '(?:forgot|left) (?:it|them) (?:in|on|at)',
    '(?:in|on) (?:a|the|an) (?:taxi|cab|uber|train|bus|plane|tube|subway)',
    'потерял[а-яё]*',
    'потерян[а-яё]*',
    'потеря(?:л|ла|ли|ть|ю|и|й)?',
    'посеял[а-яё]*',
    'укра(?:л|ла|ли|ден|дено|дена|дены)',
    'краж[аеиу]',
    'кражей',
    'стащил[аи]?',
    'свистнул[аи]?',
    'спер(?:ли|ла)',
    'оставил[аи]? (?:в|на) (?:такси|поезде|самол[её]те|метро|автобусе|машине|электричке|кафе)',
    '(?<=(?:ноут|ноутбук|телефон|макбук|планшет|сумк|комп|айфон)[а-яё]*[\\s_-]+)оста(?:лся|лась|лось|лись) (?:в|на) (?:такси|поезде|самол[её]те|метро|автобусе|машине|электричке|кафе)',
    '(?:забыл[аи]?|оставил[аи]?)(?= (?:рабоч[а-я]* )?(?:ноут|телефон|сумк|мак|комп|айфон|планшет)[а-я]* (?:в|на) )',
    'в такси',
  ],
  /** Disk or mailbox out of space. */
  cxstorage: [
    'disk space',
    'low (?:disk|storage|space)',
    'out of (?:disk )?space',
    'no (?:free )?space',
    'not enough (?:disk )?space',
    'running (?:out|low)',
    '(?:is|are|gets|getting|almost|nearly|completely|totally) full',
    '(?<=(?:disk|drive|mailbox|inbox|storage|memory|quota)[\\s_-]+)full',
    'full (?:disk|drive|mailbox)',
    'free(?:ing)? up (?:disk )?space',
    'free space',
    'quotas?',
    'over quota',
    'size limit',
    'storage',
    'нет места',
    'мало места',
    'места нет',
    'места не хватает',
    'не хватает места',
    'нехватк[а-яё]* места',
    '(?:за)?конч(?:ил|ила|ило|ились|ается|аются)[а-яё]* (?:место|память)',
    'освобод[а-яё]* (?:место|память|диск|ящик)',
    'освобожд[а-яё]* (?:место|память)',
    'забит[а-яё]*',
    'забил[а-яё]*',
    'забива[а-яё]*',
    'переполн[а-яё]*',
    'заполнен[а-яё]*',
    'заполнил[а-яё]*',
    'квот[а-яё]*',
    'хранилищ[а-яё]*',
    'превыш[а-яё]* размер[а-яё]*',
  ],
  /** Something was deleted or overwritten. */
  cxdelete: [
    'deleted',
    'erased',
    'removed by mistake',
    'accidentally (?:removed|deleted|erased|overwrote|overwritten)',
    'saved over',
    'overwr(?:ote|itten)',
    'удалил[а-яё]*',
    'удал[её]н(?:а|о|ы)?',
    'удал[её]нн(?:ый|ая|ое|ые|ого|ой|ых|ую)(?= (?:файл|папк|документ|письм|элемент))',
    'ст[её]р(?:ла|ли)?',
    'сн[её]с(?:ла|ли)?',
    'перезаписал[а-яё]*',
    'перезаписан[а-яё]*',
    'зат[её]р(?:ла|ли)?',
    '(?:files?|documents?) (?:has |have |are |is )?(?:disappeared|vanished|missing|went missing|gone missing|gone)',
    '(?:files?|documents?) keeps? (?:disappearing|vanishing)',
    '(?:disappeared|vanished|missing) (?:files?|documents?)',
    '(?:пропал|исчез)[а-яё]* (?:[а-яё]+ ){0,2}(?:файл|документ)[а-яё]*',
    '(?:файл|документ)[а-яё]* (?:(?!не )[а-яё]+ )?(?:пропал|исчез)[а-яё]*',
  ],
  /** Getting an earlier file or version back. */
  cxrestore: [
    'restor(?:e|es|ed|ing)',
    'recover(?:ed|ing|s)?',
    'undelete',
    'undo',
    'roll ?back',
    'revert(?:ed|ing)?',
    '(?:previous|older|earlier|old) (?:version|copy)s?',
    'version history',
    'recycle bin',
    'trash',
    'get (?:it|them|my [a-z0-9]+|the [a-z0-9]+) back',
    'bring (?:it|them) back',
    '(?<!(?:ключ|ключа|экран|экрана|экране|идентификатор)[\\s_-]+)восстанов(?:ить|ил|ила|или|ление|ления|лении|ка|ки)(?![\\s_-]+(?:bitlocker|битлокер))',
    'верн(?:уть|ул|ула|ули|ите|и)(?= (?:мне |обратно )?(?:файл|документ|папк|верси|стар|прошл|предыдущ|вчерашн|удал[её]н|письм))',
    'откат[а-яё]*',
    'корзин[а-яё]*',
    '(?:предыдущ|прошл|стар|вчерашн)[а-яё]* верси[а-яё]*',
    'истори[а-яё]* версий',
  ],
  /** Permission / access denied / access request. */
  cxaccess: [
    'access',
    'accesses',
    'permissions?',
    'denied',
    'not authori[sz]ed',
    'unauthori[sz]ed',
    'forbidden',
    'read only',
    'edit rights',
    'доступ(?:а|у|ом|е|ы|ов|ам|ах)?',
    'отказано',
    'нет прав',
    'прав[ао] (?:доступа|на редактирование|на чтение)',
    'пермишн[а-яё]*',
    'не пускает (?:в|на) (?:папк|сайт|диск)[а-яё]*',
  ],
  /** Signing in. */
  cxsignin: [
    'sign ?ins?',
    'signing in',
    'signed in',
    'sign on',
    'log ?ins?',
    'log on',
    'logon',
    'logging in',
    'logged in',
    'sign into',
    'log into',
    'войти',
    'войду',
    'в(?:о|ой)ш[её]л',
    'вошла',
    'вход',
    'входа',
    'входе',
    'входом',
    'входы',
    'входов',
    'входить',
    'зайти',
    'зайду',
    'захожу',
    'зашел',
    'зашёл',
    'зашла',
    'вхожу',
    'заход(?:ить|ит|ят|ил|ила|или)',
    'залогин[а-яё]*',
    'разлогин[а-яё]*',
    'логин[а-яё]*',
    'логон[а-яё]*',
    'авториз[а-яё]*',
    'не пускает',
  ],
  /** New employee, first day, onboarding. */
  cxnewhire: [
    'new (?:employee|starter|hire|joiner|colleague|team member)s?',
    'newcomer',
    'first (?:day|week)',
    'day one',
    'on ?boarding',
    'just (?:joined|started)',
    "i[’']?m new",
    'joined the company',
    'started (?:today|this week|yesterday)',
    'новеньк[а-яё]*',
    'новичок',
    'новичк[а-яё]*',
    'нов(?:ый|ого|ому|ым|ая|ой|ые|ых) сотрудни(?:к|ка|ку|ком|ца|цы|це|ки|ков)',
    'перв(?:ый|ого|ом|ую|ая) (?:рабоч[а-яё]* )?(?:день|дня|дне|неделю|неделя|недели)',
    'вы(?:шел|шла|хожу) на работу',
    'устроил(?:ся|ась)',
    'только (?:пришел|пришёл|пришла|устроил[а-яё]*)',
    'онбординг[а-яё]*',
    'адаптаци[а-яё]*',
  ],
  /** Leaving the company or changing role. */
  cxleaving: [
    'leaving',
    'leave the company',
    'quitting',
    'quit my job',
    'resign(?:ing|ed|ation)?',
    'last (?:working )?day',
    'notice period',
    'off ?boarding',
    'chang(?:e|ing) (?:my )?(?:role|job|position)',
    'new role',
    '(?:moving|transferring|transfer) to (?:another|a new|a different) (?:team|department|role|position)',
    'увольн[а-яё]*',
    'уволил[а-яё]*',
    'уволюсь',
    'уволят',
    'ухожу из компании',
    'уход(?:е|ом)? из компании',
    'перед уходом',
    'после ухода',
    'последн(?:ий|его|ем) (?:рабоч[а-яё]* )?(?:день|дня|дне)',
    'перевож[а-яё]*',
    'перев[её]л[а-яё]* (?:в|на) друг[а-яё]*',
    'перевод[а-яё]* (?:в|на) друг[а-яё]*',
    '(?:(?:меня|нас) перев(?:одят|ели)|перев(?:одят|ели) (?:меня|нас)) (?:в|на)(?= (?!удал[её]нк|нов[а-яё]* )[а-яё])',
    'перех(?:ожу|одит|од) (?:в|на) друг[а-яё]*',
    'друг(?:ую|ой) должност[а-яё]*',
    'смен[а-яё]* (?:должност|рол|отдел)[а-яё]*',
    'офбординг[а-яё]*',
  ],
  /** Projector, second monitor, dock, display output. */
  cxprojector: [
    'projectors?',
    'beamer',
    'hdmi',
    'display ?port',
    'monitors?',
    '(?:second|2nd|2) (?:screen|display|monitor)s?',
    'external (?:screen|display)s?',
    'dual (?:screens?|displays?)',
    'two (?:screens|displays)',
    'dock',
    'docking',
    'docking station',
    'dock(?:s|ed)',
    'no signal',
    'extend (?:my |the )?(?:screen|display|desktop)',
    'mirror(?:ing)?',
    'проектор[а-яё]*',
    'монитор[а-яё]*',
    'моник(?:а|и|у|е|ом|ов|ами|ах)?',
    'втор(?:ой|ого|ом|ому|ым) экран[а-яё]*',
    'внешн[а-яё]* экран[а-яё]*',
    'док станци[а-яё]*',
    'докстанци[а-яё]*',
    'докинг[а-яё]*',
    'док',
    'дока',
    'доком',
    'доке',
    'хдми',
    'нет сигнала',
    'выв(?:ести|одит|ожу|ел|ела) (?:на )?(?:экран|картинк|изображени|проектор)[а-яё]*',
    'не выводит',
    'продублир[а-яё]*',
    'дублирова[а-яё]*',
    'расшир(?:ить|енный|енного|ение) экран[а-яё]*',
  ],
  /** Sound, microphone, speakers, headset. */
  cxaudio: [
    'mic',
    'mics',
    'microphones?',
    'headsets?',
    'headphones?',
    'earphones',
    'earbuds',
    'airpods',
    'buds',
    'speakers?',
    'sound',
    'audio',
    "can[’']?t hear",
    'cannot hear',
    'hear me',
    'no sound',
    'muted',
    'mute',
    'echo',
    'volume',
    'микрофон[а-яё]*',
    'микро',
    'мик(?:а|е|ом|у)?',
    'микрух[а-яё]*',
    'звук[а-яё]*',
    'не слыш[а-яё]*',
    'слышн[а-яё]*',
    'слыш(?:ат|ит|у|им)',
    'наушник[а-яё]*',
    'гарнитур[а-яё]*',
    'хедсет[а-яё]*',
    'науш(?:и|ах|ами|ей)',
    'уши',
    'ушах',
    'ушами',
    'эйрподс[а-яё]*',
    'аирподс[а-яё]*',
    'динамик[а-яё]*',
    'колонк[аиуе]',
    'колон(?:ок|ками|кой)',
    'эхо',
    'громкост[а-яё]*',
    'мьют[а-яё]*',
    'замьюч[а-яё]*',
  ],
  /** Camera / webcam. */
  cxcamera: [
    'cameras?',
    'webcams?',
    'web cam',
    'cams?',
    'камер[а-яё]*',
    'вебк[аиуе]',
    'вебкой',
    'веб камер[а-яё]*',
    'вебкамер[а-яё]*',
    'вебкам',
    'вэбк[аиуе]',
    'вэбкам[а-яё]*',
  ],
  /** Installing software. */
  cxinstall: [
    'install(?:s|ed|ing|ation|er)?',
    'reinstall(?:ed|ing)?',
    'set ?up (?:a |an |the )?(?:program|app|software|application)',
    'установ[а-яё]*',
    'переустанов[а-яё]*',
    'инсталл[а-яё]*',
    'поставить',
    'поставил[а-яё]*',
    'постав(?:лю|ь|ьте)',
    'ставит(?:ь|ся)?',
    'ставятся',
    'накат[а-яё]*',
  ],
  /** Programs / software in general. */
  cxsoftware: [
    'software',
    'programs?',
    'programmes?',
    'программ[а-яё]*',
    'прог',
    'прог[аиуе]',
    'прогой',
    'прог(?:ам|ами|ах)',
    'утилит[а-яё]*',
    'utilit(?:y|ies)',
    'софт[а-яё]*',
  ],
  /** Licence, purchase, paid software. */
  cxlicense: [
    'licen[cs]e[sd]?',
    'licensing',
    'subscriptions?',
    'purchas(?:e|ed|ing)',
    'buy',
    'paid',
    'pro version',
    'лицензи[а-яё]*',
    'купить',
    'покупк[а-яё]*',
    'закупить',
    'закупк[аиу]',
    'платн[а-яё]*',
    'подписк[а-яё]*',
  ],
  /** Ordering or replacing equipment. */
  cxorder: [
    'order(?= (?:a|an|new|another|second|extra|replacement|some|me|my)\\b)',
    'ordering',
    'ordered',
    'replace(?:d|ment)?',
    'loaner',
    'spare',
    'заказ(?!чик)[а-яё]*',
    'замен(?:а|у|ы|е|ой|ить|ят|ит|или)',
    'подменн[а-яё]*',
    'выда(?:ть|дут|ют|дите)',
  ],
  /** Hardware / equipment. */
  cxhardware: [
    'hardware',
    'equipment',
    'accessor(?:y|ies)',
    'peripherals?',
    'оборудовани[а-яё]*',
    'техник(?:а|и|у|ой)',
    'железо',
    'железк[а-яё]*',
    'девайс[а-яё]*',
    'периферия',
  ],
  /** Keyboard, mouse, touchpad. */
  cxkeyboardmouse: [
    'keyboards?',
    'keybo?a?rd',
    'keybaord',
    'kbd',
    'кейборд[а-яё]*',
    'mouse',
    'mice',
    'mouses',
    'touchpad',
    'trackpad',
    'touch pad',
    'track pad',
    'cursor',
    'клав(?:а|у|е|ы|ой)',
    'клавиатур[а-яё]*',
    'мыш[а-яё]*',
    'тачпад[а-яё]*',
    'трекпад[а-яё]*',
    'сенсорн(?:ая|ой|ую) панел[а-яё]*',
    'курсор[а-яё]*',
  ],
  bluetooth: ['блют?уз[а-яё]*', 'блютус[а-яё]*', 'блютуф', 'blutooth', 'bluetoth', 'bluetooh'],
  /** Updates and upgrades. */
  cxupdate: [
    'new (?:[a-z0-9]+ )?versions? (?:of [a-z0-9]+ )?(?:is |are )?(?:available|out)',
    'updat(?:e|es|ed|ing)',
    'upgrad(?:e|es|ed|ing)',
    'patch(?:es|ed|ing)?',
    'out of date',
    'outdated',
    'обнов[а-яё]*',
    'апдейт[а-яё]*',
    'апгрейд[а-яё]*',
    'патч[а-яё]*',
    'апдэйт[а-яё]*',
    'обнавл[а-яё]*',
  ],
  /** Account hacked or compromised. */
  cxhacked: [
    'hack(?:ed|er|ers|ing)?',
    'compromis(?:e|ed)',
    'breach(?:ed)?',
    'broke into',
    'broken into',
    'someone (?:is using|used|logged into|signed into|accessed) my',
    'account takeover',
    'взлом[а-яё]*',
    'хакн[а-яё]*',
    'хакер[а-яё]*',
    'скомпрометир[а-яё]*',
    'компрометаци[а-яё]*',
    'угнал[аи]?',
    'кто ?то(?= (?:зашел|зашёл|заходит|залез|пользуется|вошел|вошёл|читает|удаляет|отправляет))',
    'чуж(?:ой|ие|ого) вход[а-яё]*',
  ],
  /** A connection keeps dropping. */
  cxdrop: [
    'drop(?:s|ped|ping)',
    'drops out',
    'disconnect(?:s|ed|ing)',
    'unstable',
    'cuts out',
    'keeps losing',
    'kick(?:s|ed|ing)? (?:me )?out',
    'flak(?:y|ey)',
    'intermittent(?:ly)?',
    'cutting out',
    'отвал(?:ивается|иваются|ился|илась|илось|ились|ится|ивается)',
    'отваливает[а-яё]*',
    'рв[её]тся',
    'рвутся',
    'обрыва[а-яё]*',
    'обрыв[а-яё]*',
    'разрыва[а-яё]*',
    'сбрасыва[а-яё]*',
    'отключа(?:ется|ются|лся|лась|лось)',
    'нестабильн[а-яё]*',
    'пропада(?:ет|ют)',
    'выкидыва(?:ет|ют)',
    'выкинул[аои]?',
    'выбива(?:ет|ют)',
    'отруба(?:ется|ются|ет)',
    'отрубил(?:ся|ась|ось|ись)',
  ],
  /** Calls and online meetings. */
  cxcall: [
    '(?:video|teams|zoom|conference|test|online) calls?',
    '(?:on|in|during|join) (?:a|the|my) (?:call|meeting)',
    'созвон[а-яё]*',
    'звонк(?:е|а|и|ах|ом)',
    'звонок',
    'видеозвон[а-яё]*',
    'видеоконференц[а-яё]*',
    'конференци(?:я|и|ю|ей)',
    'колл(?:а|е|ом|ы|ов)?',
    'митинг[а-яё]*',
  ],
  /** Local disk / hard drive. */
  cxdisk: [
    'disks?',
    'hard ?drives?',
    'hard ?disks?',
    'hdd',
    'ssd',
    '[cd] drive',
    'local (?:disk|drive)',
    'диск(?:а|е|у|ом|и)?',
    'жестк(?:ий|ого|ом) диск[а-яё]*',
    'винчестер[а-яё]*',
    'хард(?:а|е)?',
    'ссд',
  ],
  /** Virus and malware. */
  cxmalware: [
    'virus(?:es)?',
    'malware',
    'trojans?',
    'ransomware',
    'spyware',
    'adware',
    'worm',
    'infected',
    'infection',
    'threats?',
    'quarantin(?:e|ed)',
    'keylogger',
    'вирус[а-яё]*',
    'троян[а-яё]*',
    'малвар[а-яё]*',
    'вредонос[а-яё]*',
    'шифровальщик[а-яё]*',
    'заражен[а-яё]*',
    'заражён[а-яё]*',
    'заразил[а-яё]*',
    'угроз[а-яё]*',
    'карантин[а-яё]*',
    'майнер[а-яё]*',
  ],
  /** Suspicious e-mail, scam, spam. */
  cxscam: [
    'phishing',
    'phishy',
    'fishy',
    'scams?',
    'scammers?',
    'spam(?:med|my)?',
    'spoof(?:ed|ing)?',
    'fake',
    'suspicious',
    'dodgy',
    'sketchy',
    'fraud(?:ulent)?',
    'impersonat(?:ing|ion|ed)',
    'pretending',
    'подозрительн[а-яё]*',
    'спам[а-яё]*',
    'мошенн[а-яё]*',
    'мошенник[а-яё]*',
    'развод',
    'фейк[а-яё]*',
    'левом сайте',
    'лев(?:ый|ое|ую|ого) (?:сайт|письм|ссылк)[а-яё]*',
    'поддельн[а-яё]*',
    'странн[а-яё]* (?:письм|ссылк)[а-яё]*',
    'якобы',
  ],
  /** Training, courses, tutorials. */
  cxtraining: [
    'training',
    'trainings',
    'courses?',
    'tutorials?',
    'how ?to videos?',
    'video (?:guide|tutorial)s?',
    'webinars?',
    'workshops?',
    'lessons?',
    'e ?learning',
    'обучени[а-яё]*',
    'обучающ[а-яё]*',
    'курс(?:а|ы|е|ов|ам|ом|ах|у)?',
    'тренинг[а-яё]*',
    'видеоинструкци[а-яё]*',
    'видео инструкци[а-яё]*',
    'видеоурок[а-яё]*',
    'вебинар[а-яё]*',
    'урок(?:и|ов|а)?',
    'научит[а-яё]*',
    '(?:по|об)?учить(?:ся)?',
    'воркшоп[а-яё]*',
  ],
  /** Meeting rooms and booking them. */
  cxmeetingroom: [
    'meeting rooms?',
    'conference rooms?',
    'board ?rooms?',
    'huddle rooms?',
    'teams rooms?',
    'rooms?',
    'переговорк[а-яё]*',
    'переговорн[а-яё]*',
    'конференц ?зал[а-яё]*',
    'комнат[а-яё]* (?:для )?(?:переговоров|встреч)',
  ],
  /** Scanning paper documents. */
  cxscan: [
    'scanners?',
    'scan to (?:e ?mail|email|my email|my inbox)',
    'scan (?:a|the|my) (?:document|doc|page|paper|contract|passport|form)s?',
    'scanned (?:document|doc|page|pdf)s?',
    'сканер[а-яё]*',
    'отскан[а-яё]*(?! (?:qr|код))',
    'сканир(?:овать|ую|уйте|ование|ования|овал|овала)(?! (?:на вирус|qr))',
    'скан(?:а|ы|ом)?',
  ],
  /** Network drive / file share. */
  cxnetdrive: [
    'network (?:drive|share|folder|location)s?',
    'file ?shares?',
    'shared (?:drive|folder)s?',
    'share drive',
    'mapped drives?',
    'map (?:a |the )?(?:network )?drive',
    'smb',
    'unc path',
    'file ?servers?',
    'files01',
    '[shp] drive',
    'department(?:al)? folder',
    'сетев(?:ой|ого|ом|ому|ые|ых|ая|ую|ой) (?:диск|папк|ресурс)[а-яё]*',
    'общ(?:ий|его|ем|ие|их|ая|ую|ей) (?:диск|папк)[а-яё]*',
    'шар(?:а|е|у|ы|ой|ах)',
    'расшаренн[а-яё]*',
    'файлов(?:ый|ого|ом) сервер[а-яё]*',
    'файлсервер[а-яё]*',
    'файлопомойк[а-яё]*',
    'диск(?:а|е|у|ом)? [shp]',
    'папк[а-яё]* отдела',
  ],
  /** A mailbox several people share (a team's or department's address). */
  cxsharedmailbox: [
    'shared (?:mail ?box|inbox|mail ?account|e-?mail address)(?:es)?',
    '(?:team|department(?:al)?|group) (?:mail ?box|inbox)(?:es)?',
    'общ(?:ий|его|ем|ему|ие|их|ая|ую|ей) (?:почтов[а-яё]* )?(?:почт[а-яё]*|ящик[а-яё]*)',
    '(?:почт[а-яё]*|ящик[а-яё]*) отдела',
  ],
  /** Colloquial verbs of sending, read as the word the articles use. */
  отправить: [
    '(?:при|по)?слал[аи]?',
    '(?:при|по)?слать',
    '(?:при|по)?сыла(?:л|ла|ли|ть|ет|ют)',
    'шл(?:ет|ют|[её]т)',
  ],
  /** Synchronisation. */
  cxsync: [
    'sync(?:s|ed|ing)?',
    'synchroni[sz](?:e|es|ed|ing|ation)',
    'out of sync',
    'синхрон[а-яё]*',
    'синк[а-яё]*',
    'синхр[аыу]',
  ],
  /** Internet / network connection. */
  cxinternet: [
    'internet',
    'no connection',
    'connectivity',
    'no network',
    'network connection',
    'ethernet',
    'lan cable',
    'network cable',
    'hotspot',
    'инет[а-яё]*',
    'интернет[а-яё]*',
    'интернэт[а-яё]*',
    'инэт[а-яё]*',
    'inet',
    'проводн(?:ой|ого|ом|ым) интернет[а-яё]*',
    'нет сети',
    'соединени[а-яё]*',
    'коннект[а-яё]*',
    'сетев(?:ой|ого) кабел[а-яё]*',
    'раздач[а-яё]*',
    'хотспот[а-яё]*',
  ],
  /** Reboot / restart. */
  cxreboot: [
    'reboot(?:s|ed|ing)?',
    'restart(?:s|ed|ing)?',
    'power cycle',
    'turn(?:ing)? it off and on',
    'перезагруз[а-яё]*',
    'перезагруж[а-яё]*',
    'ребут[а-яё]*',
    'перезапуск[а-яё]*',
    'перезапуст[а-яё]*',
    'рестарт[а-яё]*',
    'перегруз(?:ить|и|ил|ила|или|ите|ился|илась|ится)',
    'power ?cycl(?:ed|ing)',
    'turn(?:ed|ing)? (?:it |them )?off and (?:back )?on',
    'выключ(?:ить|и|ил|ила) и (?:снова |обратно )?включ(?:ить|и|ил|ила)',
  ],
  /** Working remotely, from home. */
  cxremote: [
    'wfh',
    'work(?:ing)? from home',
    'from home',
    'at home',
    'home office',
    'remote(?:ly)?',
    'off ?site',
    'outside the office',
    'удал[её]нк[а-яё]*',
    'удал[её]нно',
    'удал[её]нщик[а-яё]*',
    'удал[её]нн(?:ый|ого|ом|ому) (?:доступ|рабоч[а-яё]* стол)[а-яё]*',
    'удал[её]нн(?:ое|ого|ом) подключени[а-яё]*',
    'удал[её]нн(?:ая|ой|ую) работ[а-яё]*',
    'удал[её]нн(?:ые|ых|ым) (?:участник|сотрудник|коллег)[а-яё]*',
    'из дома',
    'дома',
    'вне офиса',
    'не в офисе',
    'хоум ?офис[а-яё]*',
  ],
  /** The IT department and its support desk. */
  cxitsupport: [
    'it (?:desk|department|dept|team|guys|folks|people|staff|help ?desk|service ?desk)',
    "(?<!(?:does|did|can|will|would|could|should|doesn[’']?t|won[’']?t|can[’']?t) )it support",
    'help ?desk',
    'service ?desk',
    'tech(?:nical)? support',
    'support (?:team|desk|staff|engineers?|agents?)',
    'sys ?admins?',
    'айтиш[а-яё]*',
    'айти',
    '(?:ит|it|айти) ?шник[а-яё]*',
    '(?:ит|it|айти) (?:отдел|поддержк|служб|департамент|стойк)[а-яё]*',
    'отдел[а-яё]* (?:ит|it|айти)',
    'техпод[а-яё]*',
    'тех поддержк[а-яё]*',
    'служб[а-яё]* поддержк[а-яё]*',
    'саппорт[а-яё]*',
    'хелп ?деск[а-яё]*',
    'сервис ?деск[а-яё]*',
    'сис ?админ[а-яё]*',
  ],
  /** Downloading. */
  cxdownload: ['download(?:s|ed|ing)?', 'скача[а-яё]*', 'скачива[а-яё]*', 'качн(?:уть|у|ул|ула|ите)'],
  /** Error messages. */
  cxerror: [
    'errors?',
    'error (?:message|code)s?',
    'err',
    'exception',
    'ошибк[а-яё]*',
    'ошибок',
    'е(?:р|рр)ор',
    'э(?:р|рр)ор',
    'выда[её]т ошибк[а-яё]*',
    'ругается',
  ],
  /** Forgotten password. */
  cxforgot: [
    'forgot',
    'forgotten',
    "(?:don[’']?t|do not|can[’']?t|cannot) remember",
    'забыл[аи]?',
    'забыт(?:ый|ого|ому|ым|ая|ой|ую|ые|ых)',
    'не помн(?:ю|ит)',
    'вспомнить',
    'запамятовал[а-яё]*',
  ],
  /** Account locked / blocked. */
  cxlocked: [
    'locked',
    'locked out',
    'lock ?out',
    'locking',
    'unlock(?:ed|s)?',
    '(?:account|user|login|i) (?:got |was |is |has been |have been |am )?(?:blocked|disabled|suspended)',
    'got blocked',
    'заблокир[а-яё]*',
    'заблоч[а-яё]*',
    'блокиру[а-яё]*',
    'блокировк[а-яё]*',
    'разблокир[а-яё]*',
    'разблоч[а-яё]*',
    'залоч[а-яё]*',
  ],
  /** MFA push notifications and verification codes. */
  cxmfaprompt: [
    'push(?:es)?',
    'push notifications?',
    'prompts?',
    '(?:gives|generates|shows|sends) (?:me )?(?:the |my )?(?:(?:login|sign-?in|6 digit|one time|verification) codes?|codes)',
    '6 digit codes?',
    '(?:code generator|2fa|two factor) apps?',
    '(?:mfa|authenticator|approval|sign-?in|login|test) notifications?',
    'notifications? (?:to|from) (?:approve|authenticator|the authenticator)',
    'verification codes?',
    'one ?time code',
    'otp',
    'sms',
    'text message',
    'number matching',
    'пуш[а-яё]*',
    'уведомлени[а-яё]* (?:mfa|мфа|authenticator|аутентификатор[а-яё]*|о входе|для входа|на вход)',
    '(?:mfa|мфа|authenticator|аутентификатор[а-яё]*) (?:не )?(?:присыла[а-яё]* )?(?:уведомлени|нотификаци)[а-яё]*',
    '(?:уведомлени|нотификаци)[а-яё]* (?:от|из) (?:authenticator|аутентификатор[а-яё]*)',
    'код(?:а|ом)? подтверждения',
    'одноразов[а-яё]* код[а-яё]*',
    'код(?:а)? из (?:смс|sms|приложения)',
    'смс(?:ка|ку|ки)?',
    'запрос(?:ы|ов)? (?:mfa|мфа|на вход)',
  ],
  /** Mailbox, inbox, outbox. */
  cxmailbox: [
    'mail ?box(?:es)?',
    'inbox(?:es)?',
    'outbox',
    'sent items',
    'deleted items',
    'ящик[а-яё]*',
    'входящ[а-яё]*',
    'исходящ[а-яё]*',
    'отправленн(?:ых|ые)',
  ],
  /** Calendars and invitations. */
  cxcalendar: [
    'calend[ae]rs?',
    'calandars?',
    'invit(?:e|es|ation|ations)',
    'appointments?',
    'delegat(?:e|es|ed|ion)',
    'календар[а-яё]*',
    'приглашени[а-яё]*',
    'инвайт[а-яё]*',
    'делегат[а-яё]*',
    'делегир[а-яё]*',
  ],
  /** Expired or expiring. */
  cxexpired: [
    'expir(?:e|es|ed|ing|y|ation)',
    'истек[а-яё]*',
    'ист[её]к',
    'истечени[а-яё]*',
    'протух[а-яё]*',
    'просроч[а-яё]*',
    'срок действия',
  ],
  /** "Update" said of one's password means changing it, not installing updates. */
  change: ['updat(?:e|ed|ing)(?= (?:my|the|your|our|a) (?:[a-z0-9]+ )?passwords?(?! manager))'],
  /** Changing something (a password) - Russian verb forms with different stems. */
  cxchange: ['смен(?:а|ы|у|е|ой|ить|ил|ила|или|ю|ите)', 'помен(?:ять|ял|яла|яли|яю|яйте)', 'изменить пароль'],
  /** Reset. */
  cxreset: [
    'reset(?:s|ting)?',
    'сброс[а-яё]*',
    'сбросит[а-яё]*',
    'сбросил[а-яё]*',
    'сбрось[а-яё]*',
    'ресет[а-яё]*',
    'скинуть пароль',
  ],
  /** Planned maintenance and downtime. */
  cxmaintenance: [
    'maintenance',
    '(?:updat(?:e|es|ing)|patch(?:es|ing)?|upgrad(?:e|es|ing)|reboots?|restarts?) (?:on|of|for) (?:the |our )?servers?',
    '(?:reboot|restart|patch)(?:ing)? (?:the |our |all )?servers?',
    'servers? (?:updat(?:e|es|ing)|patch(?:es|ing)?|upgrad(?:e|es|ing)|reboots?|restarts?)',
    'обновлени[а-яё]* (?:на )?сервер[а-яё]*',
    'сервер[а-яё]* обновля[а-яё]*',
    'downtime',
    'planned work',
    'scheduled work',
    'техработ[а-яё]*',
    'тех работ[а-яё]*',
    'технически[а-яё]* работ[а-яё]*',
    'техобслуживани[а-яё]*',
    'техническ[а-яё]* обслуживани[а-яё]*',
    'планов[а-яё]* (?:работ|простой|простоя)[а-яё]*',
    'регламентн[а-яё]* работ[а-яё]*',
    'профилактик[а-яё]*',
    'даунтайм[а-яё]*',
  ],
  /** Badge / access card. */
  cxbadge: [
    'badges?',
    'access card',
    'id card',
    'key card',
    'пропуск(?:а|ом|у|е|и)?',
    'бейдж[а-яё]*',
    'бэйдж[а-яё]*',
    'карт(?:а|у|ой|очк[а-яё]*)(?= (?:не|к|на принтер))',
  ],
  /** Web browser. */
  cxbrowser: [
    'browsers?',
    'chrome',
    'edge',
    'firefox',
    'safari',
    'браузер[а-яё]*',
    'брауз[а-яё]*',
    'хром(?:а|е|ом)?',
    'эдж[а-яё]*',
    'сафари',
    'файрфокс[а-яё]*',
    'мозилл?[а-яё]*',
  ],
  /** Browser cache and cookies. */
  cxcache: ['cache', 'cached', 'cookies?', 'кэш[а-яё]*', 'кеш[а-яё]*', 'куки', 'кукис[а-яё]*'],
  /** Company Portal / Intune. */
  cxportal: [
    'company portal',
    'intune',
    'компани портал[а-яё]*',
    'корпоративн(?:ый|ого|ом) портал[а-яё]*',
    'интюн[а-яё]*',
  ],
  /** Charger, battery, power. */
  cxpower: [
    'chargers?',
    'power (?:supply|brick|cord)',
    'charging',
    'batter(?:y|ies)',
    'power adapter',
    'зарядк[а-яё]*',
    'зарядн[а-яё]*',
    'заряжа[а-яё]*',
    'батаре[а-яё]*',
    'аккумулятор[а-яё]*',
    'аккум(?:а|у|е|ом|ы)?',
    'акб',
    'заряд(?:а|у|ом)?',
    'блок(?:а|е|ом|и)? питания',
    'адаптер[а-яё]* питания',
  ],
  /** A process is stuck or hangs on a step. */
  cxstuck: [
    'stuck',
    'stalled',
    'spinning',
    'loading forever',
    'keeps loading',
    'завис(?:ла|ло|ли)?',
    'вис(?:ит|ят|ела|ело|ели)',
    'повис[а-яё]*',
    'застрял[а-яё]*',
    'крутит(?:ся)?',
    'бесконечно',
    'встал[аои]? колом',
    'намертво',
  ],
};

/** One regex over the variants that can start with a given character, tried at word starts. */
interface Bucket {
  pattern: RegExp;
  canonical: string[];
}

/**
 * The lowercase characters a match of the variant can start with, or undefined when its first
 * atoms do not tell (a class, an escape, a capital letter). A leading group gives the first
 * characters of each of its alternatives, and when it may match nothing ("(?:при|по)?слал"),
 * those of what follows too; a lookaround takes no character and is skipped. Variants filed under
 * their first characters are only tried at words that start with one of them.
 */
export function firstCharacters(body: string): string[] | undefined {
  const found = new Set<string>();
  const end = alternativesFrom(body, 0, found);
  if (end === undefined || end.nullable || end.at !== body.length) return undefined;
  return [...found].sort();
}

/** Parse position after a run of alternatives, and whether one of them may match nothing. */
interface Parsed {
  at: number;
  nullable: boolean;
}

/**
 * First characters of "a|b|c" from `at` up to a closing ")" or the end, added to `found`;
 * undefined if untellable. Without `found` it only finds the end of the group.
 */
function alternativesFrom(body: string, at: number, found?: Set<string>): Parsed | undefined {
  let nullable = false;
  let i = at;
  for (;;) {
    const sequence = sequenceFrom(body, i, found);
    if (!sequence) return undefined;
    nullable ||= sequence.nullable;
    i = sequence.at;
    if (body[i] !== '|') return { at: i, nullable };
    i += 1;
  }
}

/** First characters of one alternative, read atom by atom until an atom that must match one. */
function sequenceFrom(body: string, at: number, found?: Set<string>): Parsed | undefined {
  let i = at;
  let collecting = found !== undefined;
  while (i < body.length && body[i] !== '|' && body[i] !== ')') {
    let atomNullable: boolean;
    if (body[i] === '(') {
      const lookaround = /^\(\?<?[=!]/.test(body.slice(i, i + 4));
      const open = body.startsWith('(?:', i) ? 3 : lookaround ? (body[i + 2] === '<' ? 4 : 3) : 1;
      const inner = alternativesFrom(body, i + open, lookaround || !collecting ? undefined : found);
      if (!inner || body[inner.at] !== ')') return undefined;
      i = inner.at + 1;
      atomNullable = lookaround || inner.nullable;
    } else {
      const c = body[i]!;
      if (collecting && !/[\p{Ll}\p{N}]/u.test(c)) return undefined;
      if (collecting) found?.add(c);
      i = c === '\\' ? i + 2 : c === '[' ? closingBracket(body, i) + 1 : i + 1;
      atomNullable = false;
    }
    const quantifier = body[i];
    if (quantifier === '?' || quantifier === '*') {
      atomNullable = true;
      i += 1;
    } else if (quantifier === '+') {
      i += 1;
    } else if (quantifier === '{') {
      atomNullable ||= body[i + 1] === '0';
      i = body.indexOf('}', i) + 1;
    }
    if (body[i] === '?') i += 1;
    if (!atomNullable) collecting = false;
  }
  return { at: i, nullable: collecting };
}

/**
 * Fewest characters a variant can match: literals, escapes and classes count one each; optional
 * or repeated-from-zero parts and lookarounds count nothing; an alternation counts its shortest
 * branch; anchors and `\b` count nothing. Covers the regex syntax the variants use and throws on
 * any other (`\p{..}`, `\u..`, `\x..`, back-references, named groups), so that a new variant
 * cannot be sorted by a wrong length without notice: the thesaurus is compiled when this module
 * loads.
 */
export function minMatchLength(body: string): number {
  const unsupported = /\\[pPuxkc1-9]|\(\?<[^=!]/.exec(body);
  if (unsupported) throw new Error(`thesaurus variant uses unsupported syntax "${unsupported[0]}": ${body}`);
  // A space compiles to [\s_-]*, and "\w" matches "_" too: the two would split a run of
  // underscores every possible way ("new" + 2,000 "_" took 4.7 s). "[a-z0-9]" says what is meant.
  if (/\\[wWS]|(?<!\\)\.(?![^[]*\])/.test(body)) {
    throw new Error(`thesaurus variant uses \\w, \\S or ".", which overlap the separators: ${body}`);
  }
  let i = 0;
  const sequence = (): number => {
    let shortest = Infinity;
    let length = 0;
    while (i < body.length && body[i] !== ')') {
      if (body[i] === '|') {
        shortest = Math.min(shortest, length);
        length = 0;
        i += 1;
        continue;
      }
      let atom = 1;
      if (body[i] === '(') {
        const lookaround = /^\(\?<?[=!]/.test(body.slice(i, i + 4));
        i += body.startsWith('(?:', i) ? 3 : lookaround ? (body[i + 2] === '<' ? 4 : 3) : 1;
        const inner = sequence();
        i += 1;
        atom = lookaround ? 0 : inner;
      } else if (body[i] === '[') {
        i = closingBracket(body, i) + 1;
      } else if (body[i] === '^' || body[i] === '$' || /^\\[bB]/.test(body.slice(i, i + 2))) {
        atom = 0;
        i += body[i] === '\\' ? 2 : 1;
      } else {
        i += body[i] === '\\' ? 2 : 1;
      }
      const quantifier = body[i];
      if (quantifier === '?' || quantifier === '*') {
        atom = 0;
        i += 1;
      } else if (quantifier === '+') {
        i += 1;
      } else if (quantifier === '{') {
        const end = body.indexOf('}', i);
        atom *= Number(body.slice(i + 1, end).split(',')[0]);
        i = end + 1;
      }
      if (body[i] === '?') i += 1;
      length += atom;
    }
    return Math.min(shortest, length);
  };
  return sequence();
}

/** Index of the `]` that closes the class opening at `open`. */
function closingBracket(body: string, open: number): number {
  let i = open + 1;
  if (body[i] === '^') i += 1;
  if (body[i] === ']') i += 1;
  while (i < body.length && body[i] !== ']') i += body[i] === '\\' ? 2 : 1;
  return i;
}

/**
 * The variants split by the characters they can start with: at each word start only the variants
 * that can match there are tried (an alternation of all 1,200 costs a try of each at every word).
 * A variant that may start with several characters is in each of their buckets; each bucket also
 * holds the few variants whose first character cannot be told, and keeps the global order:
 * longest match first, so "ms teams" wins over "teams" and "диск S" (a network drive) over
 * "диск". The order goes by the fewest characters a variant must match, not by the length of its
 * pattern: "диск(?:а|е|у|ом|и)?" is the longer pattern but the shorter match. Each variant is its
 * own capture group whose index names the canonical token.
 */
function compile(): { buckets: Map<string, Bucket>; generic: Bucket | undefined } {
  const entries: { body: string; canonical: string; firsts: string[] | undefined; shortest: number }[] = [];
  for (const [canonical, variants] of Object.entries(GROUPS)) {
    for (const variant of variants) {
      const body = variant.replace(/ /g, '[\\s_-]*');
      entries.push({ body, canonical, firsts: firstCharacters(body), shortest: minMatchLength(body) });
    }
  }
  entries.sort((a, b) => b.shortest - a.shortest || b.body.length - a.body.length);
  const bucketOf = (selected: typeof entries): Bucket | undefined =>
    selected.length === 0
      ? undefined
      : {
          pattern: new RegExp(`(?:${selected.map((e) => `(${e.body})`).join('|')})(?![\\p{L}\\p{N}])`, 'iuy'),
          canonical: selected.map((e) => e.canonical),
        };
  const buckets = new Map<string, Bucket>();
  for (const first of new Set(entries.flatMap((e) => e.firsts ?? []))) {
    const bucket = bucketOf(entries.filter((e) => e.firsts === undefined || e.firsts.includes(first)));
    if (bucket) buckets.set(first, bucket);
  }
  return { buckets, generic: bucketOf(entries.filter((e) => e.firsts === undefined)) };
}

const COMPILED = compile();

/** The canonical tokens ("printer", "laptop", "cxprojector"): a message may also type them as such. */
export const CANONICAL_TOKENS: ReadonlySet<string> = new Set(Object.keys(GROUPS));

/** A recognised variant in a text: where it is and the canonical token it stands for. */
export interface ConceptSpan {
  start: number;
  end: number;
  canonical: string;
}

/**
 * The recognised variants of `text`, left to right, none overlapping (the longest match wins).
 * Memoized (see `memoized`): a message is scanned several times, and each scan runs hundreds of
 * patterns.
 */
export const conceptSpans: (text: string) => readonly ConceptSpan[] = memoized((text) => [
  ...scanConceptSpans(text),
]);

function* scanConceptSpans(text: string): Generator<ConceptSpan> {
  const wordStart = /(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu;
  for (let m = wordStart.exec(text); m !== null; m = wordStart.exec(text)) {
    const at = m.index;
    const bucket = COMPILED.buckets.get(m[0].toLowerCase()) ?? COMPILED.generic;
    if (!bucket) continue;
    bucket.pattern.lastIndex = at;
    const hit = bucket.pattern.exec(text);
    if (!hit || hit[0].length === 0) continue;
    // The first group that took part names the variant (no copy of hundreds of groups per hit).
    let group = 1;
    while (group < hit.length && hit[group] === undefined) group += 1;
    const canonical = bucket.canonical[group < hit.length ? group - 1 : -1];
    if (canonical === undefined) continue;
    wordStart.lastIndex = at + hit[0].length;
    yield { start: at, end: at + hit[0].length, canonical };
  }
}

/**
 * Adds the canonical token next to each recognised variant (keeping the original words, which
 * still carry meaning for stemming), e.g. "не работает впн" -> "не работает впн vpn".
 * `keptWords` may drop some of a variant's own words: a message's spelling that no article uses
 * ("мфу", the "ms" of "ms teams") would only count as an unmatched word beside its canonical token.
 */
export function expandSynonyms(
  text: string,
  keptWords?: (surface: string, canonical: string) => string,
): string {
  let out = '';
  let copied = 0;
  for (const { start, end, canonical } of conceptSpans(text)) {
    const typed = text.slice(start, end);
    const surface = keptWords === undefined ? typed : keptWords(typed, canonical);
    out += `${text.slice(copied, start)}${surface} ${canonical}`;
    copied = end;
  }
  return out + text.slice(copied);
}
