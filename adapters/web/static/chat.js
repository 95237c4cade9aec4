/* global document, window, navigator, fetch, EventSource, crypto, localStorage, setTimeout, clearTimeout */
/**
 * The web chat page: plain JavaScript, no build step. The server renders every message's HTML
 * (escaped); this script only places it, and sets everything else (names, button labels, UI
 * strings) with textContent. Events are deduplicated by id, so the same event arriving from a
 * POST answer, the history and the live stream is shown once.
 */
'use strict';

(function main() {
  const $ = (id) => document.getElementById(id);
  const el = {
    status: $('status'),
    statusText: $('status-text'),
    who: $('who'),
    langToggle: $('lang-toggle'),
    signOut: $('sign-out'),
    signIn: $('sign-in'),
    signInForm: $('sign-in-form'),
    nameInput: $('name-input'),
    signInError: $('sign-in-error'),
    proxyNeeded: $('proxy-needed'),
    chat: $('chat'),
    messages: $('messages'),
    emptyHint: $('empty-hint'),
    typing: $('typing'),
    composer: $('composer'),
    input: $('message-input'),
  };

  let strings = { en: {}, ru: {} };
  let lang = chooseLang();
  let connection = 'offline';
  let source;
  let reconnectTimer;
  let reconnectDelay = 1000;
  let pending = 0;
  let lastId = 0;
  const shown = new Set();

  function chooseLang() {
    const saved = safeStorage('get', 'hd-lang');
    if (saved === 'en' || saved === 'ru') return saved;
    return (navigator.language || 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en';
  }

  function safeStorage(op, key, value) {
    try {
      return op === 'get' ? localStorage.getItem(key) : localStorage.setItem(key, value);
    } catch {
      return null;
    }
  }

  function t(key) {
    return (strings[lang] && strings[lang][key]) || (strings.en && strings.en[key]) || key;
  }

  function applyStrings() {
    document.documentElement.lang = lang;
    document.title = t('title');
    for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
    for (const node of document.querySelectorAll('[data-t-placeholder]')) {
      node.setAttribute('placeholder', t(node.dataset.tPlaceholder));
    }
    for (const node of document.querySelectorAll('[data-t-aria-label]')) {
      node.setAttribute('aria-label', t(node.dataset.tAriaLabel));
    }
    for (const node of document.querySelectorAll('[data-t-dynamic]'))
      node.textContent = t(node.dataset.tDynamic);
    setStatus(connection);
  }

  /** The locale sent with messages: the language picked on the page, else the browser's. */
  function locale() {
    const saved = safeStorage('get', 'hd-lang');
    return saved === 'en' || saved === 'ru' ? saved : navigator.language || 'en';
  }

  function setStatus(state) {
    connection = state;
    el.status.dataset.state = state;
    el.statusText.textContent = t(state);
  }

  function show(section) {
    for (const name of ['signIn', 'proxyNeeded', 'chat']) el[name].hidden = name !== section;
    el.status.hidden = section !== 'chat';
  }

  function newMessageId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    // Pages served over plain HTTP to another host have no randomUUID: random bytes do as well.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function api(method, path, body) {
    const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    let data = {};
    try {
      data = await res.json();
    } catch {
      data = {};
    }
    return { status: res.status, ok: res.ok, data };
  }

  // ---- rendering -------------------------------------------------------------------------

  function safeHref(url) {
    return typeof url === 'string' && /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : undefined;
  }

  function timeOf(at) {
    const date = new Date(at);
    return Number.isNaN(date.getTime())
      ? ''
      : date.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  }

  function renderEvent(ev) {
    const item = document.createElement('li');
    item.className = `msg from-${ev.from} kind-${ev.kind}`;
    item.dataset.id = String(ev.id);
    if (ev.level) item.classList.add(`level-${ev.level}`);

    if (ev.kind === 'notice') {
      const body = document.createElement('div');
      body.className = 'notice-body';
      body.innerHTML = ev.html; // rendered and escaped by the server
      item.append(body);
      return item;
    }

    const meta = document.createElement('div');
    meta.className = 'msg-meta';
    const author = document.createElement('span');
    author.className = 'msg-author';
    if (ev.from === 'agent') author.textContent = ev.author || 'IT';
    else author.dataset.tDynamic = ev.from === 'user' ? 'you' : 'bot';
    if (author.dataset.tDynamic) author.textContent = t(author.dataset.tDynamic);
    const time = document.createElement('time');
    time.dateTime = ev.at;
    time.textContent = timeOf(ev.at);
    meta.append(author, time);

    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    const body = document.createElement('div');
    body.className = 'bubble-body';
    body.innerHTML = ev.html; // rendered and escaped by the server
    bubble.append(body);

    if (ev.kind === 'article') {
      bubble.classList.add('card');
      const href = safeHref(ev.articleUrl);
      if (href) {
        const link = document.createElement('a');
        link.className = 'article-link';
        link.href = href;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.dataset.tDynamic = 'openArticle';
        link.textContent = t('openArticle');
        bubble.append(link);
      }
    }

    if (Array.isArray(ev.choices) && ev.choices.length > 0) {
      const group = document.createElement('div');
      group.className = 'choices';
      group.setAttribute('role', 'group');
      for (const choice of ev.choices) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'choice';
        button.textContent = choice.label;
        button.addEventListener('click', () => pressChoice(group, button, choice.id));
        group.append(button);
      }
      bubble.append(group);
    }

    item.append(meta, bubble);
    return item;
  }

  /** Shows an event once, in id order, wherever it came from. */
  function addEvent(ev) {
    if (!ev || typeof ev.id !== 'number' || shown.has(ev.id)) return;
    shown.add(ev.id);
    lastId = Math.max(lastId, ev.id);
    const node = renderEvent(ev);
    let before = null;
    for (let child = el.messages.lastElementChild; child; child = child.previousElementSibling) {
      const id = Number(child.dataset.id);
      if (!Number.isNaN(id) && id < ev.id) break;
      if (!Number.isNaN(id)) before = child;
    }
    el.messages.insertBefore(node, before);
    el.emptyHint.hidden = true;
    scrollDown();
  }

  function scrollDown() {
    el.messages.scrollTop = el.messages.scrollHeight;
  }

  function setTyping(delta) {
    pending = Math.max(0, pending + delta);
    el.typing.hidden = pending === 0;
    scrollDown();
  }

  function showFailure(body, messageId, onGiveUp) {
    const item = document.createElement('li');
    item.className = 'msg kind-notice level-warning send-failed';
    const text = document.createElement('span');
    text.dataset.tDynamic = 'sendFailed';
    text.textContent = t('sendFailed');
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'link-button';
    retry.dataset.tDynamic = 'retry';
    retry.textContent = t('retry');
    retry.addEventListener('click', () => {
      item.remove();
      void post(body, messageId, onGiveUp);
    });
    item.append(text, ' ', retry);
    el.messages.append(item);
    scrollDown();
  }

  // ---- sending ---------------------------------------------------------------------------

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * Sends one message; network failures and 5xx are retried with the SAME messageId, so the
   * server runs it once however many attempts reach it.
   */
  async function post(body, messageId = newMessageId(), onGiveUp = () => {}) {
    setTyping(1);
    try {
      for (let attempt = 0; attempt < 4; attempt += 1) {
        if (attempt > 0) await sleep(500 * 2 ** attempt);
        let res;
        try {
          res = await api('POST', '/api/chat/messages', { ...body, messageId, locale: locale() });
        } catch {
          continue; // network error: try again with the same id
        }
        if (res.status === 401) return void start();
        if (res.ok) {
          for (const ev of res.data.events || []) addEvent(ev);
          return;
        }
        if (res.status < 500 && res.status !== 408 && res.status !== 429) break;
      }
      onGiveUp();
      showFailure(body, messageId, onGiveUp);
    } finally {
      setTyping(-1);
    }
  }

  function pressChoice(group, button, id) {
    const buttons = group.querySelectorAll('button');
    for (const b of buttons) b.disabled = true;
    button.classList.add('pressed');
    button.setAttribute('aria-pressed', 'true');
    void post({ action: id }, undefined, () => {
      for (const b of buttons) b.disabled = false;
      button.classList.remove('pressed');
      button.removeAttribute('aria-pressed');
    });
  }

  function sendTyped() {
    const text = el.input.value.trim();
    if (!text) return;
    el.input.value = '';
    autoGrow();
    void post({ text });
  }

  function autoGrow() {
    el.input.style.height = 'auto';
    el.input.style.height = `${Math.min(el.input.scrollHeight, 160)}px`;
  }

  // ---- live updates ----------------------------------------------------------------------

  function connect() {
    clearTimeout(reconnectTimer);
    if (source) source.close();
    setStatus(lastId > 0 || connection === 'online' ? 'reconnecting' : 'connecting');
    // The browser sends Last-Event-ID on its own reconnects; `after` covers a fresh one.
    source = new EventSource(`/api/chat/events?after=${lastId}`);
    source.addEventListener('open', () => {
      reconnectDelay = 1000;
      setStatus('online');
    });
    source.addEventListener('chat', (message) => {
      try {
        addEvent(JSON.parse(message.data));
      } catch {
        /* a malformed frame is skipped */
      }
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        setStatus('offline');
        reconnectTimer = setTimeout(async () => {
          const me = await api('GET', '/api/chat/me').catch(() => undefined);
          if (me && me.status === 401) return void start();
          connect();
        }, reconnectDelay);
        reconnectDelay = Math.min(reconnectDelay * 2, 30000);
      } else setStatus('reconnecting');
    });
  }

  async function loadHistory() {
    for (;;) {
      const res = await api('GET', `/api/chat/history?after=${lastId}`);
      if (!res.ok) return;
      for (const ev of res.data.events || []) addEvent(ev);
      if (!res.data.more) return;
    }
  }

  // ---- start -----------------------------------------------------------------------------

  async function start() {
    if (source) source.close();
    let me;
    try {
      me = await api('GET', '/api/chat/me');
    } catch {
      setStatus('offline');
      reconnectTimer = setTimeout(start, 3000);
      return;
    }
    if (!me.ok) {
      el.who.hidden = true;
      el.signOut.hidden = true;
      if (me.data.signIn === 'proxy') show('proxyNeeded');
      else {
        show('signIn');
        el.nameInput.focus();
      }
      return;
    }
    el.who.textContent = me.data.user.name;
    el.who.hidden = false;
    el.signOut.hidden = me.data.signIn === 'proxy';
    show('chat');
    await loadHistory().catch(() => undefined);
    el.emptyHint.hidden = shown.size > 0;
    connect();
    el.input.focus();
  }

  el.signInForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = el.nameInput.value.trim();
    el.signInError.hidden = true;
    if (!name || name.length > 80) {
      el.signInError.textContent = t('badName');
      el.signInError.hidden = false;
      return;
    }
    const res = await api('POST', '/api/chat/session', { name }).catch(() => undefined);
    if (!res || !res.ok) {
      el.signInError.textContent = res && res.status === 400 ? t('badName') : t('error');
      el.signInError.hidden = false;
      return;
    }
    void start();
  });

  el.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    sendTyped();
  });
  el.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendTyped();
    }
  });
  el.input.addEventListener('input', autoGrow);

  el.langToggle.addEventListener('click', () => {
    lang = lang === 'ru' ? 'en' : 'ru';
    safeStorage('set', 'hd-lang', lang);
    applyStrings();
  });

  el.signOut.addEventListener('click', async () => {
    await api('POST', '/api/chat/logout', {}).catch(() => undefined);
    window.location.reload();
  });

  (async () => {
    try {
      const res = await fetch(document.body.dataset.i18n, { credentials: 'same-origin' });
      strings = await res.json();
    } catch {
      /* the English defaults in the page stay */
    }
    applyStrings();
    await start();
  })();
})();
