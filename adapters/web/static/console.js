/* global document, window, location, fetch, EventSource, crypto, setInterval, URLSearchParams */
// The agent console (`/agent`): queues, tickets, suggestions and the dashboard. Plain script, no
// build step; text is set with textContent, and the only HTML inserted is the server's escaped
// transcript rendering. State-changing requests carry the session's CSRF token.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const state = {
    agent: null,
    csrf: '',
    queue: { queued: [], mine: [] },
    open: null,
    articles: [],
    stream: null,
  };
  const view =
    location.pathname.replace(/\/$/, '') === '/agent/dashboard'
      ? 'dashboard'
      : location.pathname.replace(/\/$/, '') === '/agent/suggestions'
        ? 'suggestions'
        : 'queue';

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('data-')) node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) if (c) node.append(c);
    return node;
  };

  const uuid = () =>
    (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`).replace(
      /[^A-Za-z0-9_-]/g,
      '',
    );

  async function api(path, body) {
    const init =
      body === undefined
        ? { headers: { accept: 'application/json' } }
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': state.csrf },
            body: JSON.stringify(body),
          };
    const res = await fetch(path, { credentials: 'same-origin', ...init });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const error = new Error(data.error || `HTTP ${res.status}`);
      error.status = res.status;
      error.data = data;
      throw error;
    }
    return data;
  }

  // ---- time helpers ----
  const minutes = (ms) => {
    const m = Math.round(Math.abs(ms) / 60000);
    return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
  };
  function tickTimes() {
    const now = Date.now();
    for (const node of document.querySelectorAll('[data-sla]')) {
      const left = Date.parse(node.getAttribute('data-sla')) - now;
      node.textContent = left >= 0 ? `SLA ${minutes(left)} left` : `SLA overdue ${minutes(left)}`;
      node.classList.toggle('overdue', left < 0);
    }
    for (const node of document.querySelectorAll('[data-since]')) {
      node.textContent = `waiting ${minutes(now - Date.parse(node.getAttribute('data-since')))}`;
    }
  }

  // ---- sign-in ----
  async function whoAmI() {
    try {
      const me = await api('/agent/api/me');
      state.agent = me.agent;
      state.csrf = me.csrf;
      signedIn();
    } catch (error) {
      if (error.status !== 401) throw error;
      $('signin').hidden = false;
      const proxied = error.data && error.data.signIn === 'proxy';
      $('signin-proxy').hidden = !proxied;
      $('signin-form').hidden = proxied;
      if (!proxied) $('login').focus();
    }
  }

  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('signin-error').textContent = '';
    try {
      const out = await api('/agent/api/login', { login: $('login').value, password: $('password').value });
      $('password').value = '';
      state.csrf = out.csrf;
      await whoAmI();
    } catch (error) {
      $('signin-error').textContent = error.message;
    }
  });

  $('sign-out').addEventListener('click', async () => {
    await api('/agent/api/logout', {}).catch(() => undefined);
    location.reload();
  });

  function signedIn() {
    $('signin').hidden = true;
    $('nav').hidden = false;
    $('sign-out').hidden = false;
    $('who').textContent = `${state.agent.name} · Tier ${state.agent.role === 'tier3' ? 3 : 2}`;
    for (const a of document.querySelectorAll('#nav a')) {
      if (a.getAttribute('data-view') === view) a.setAttribute('aria-current', 'page');
    }
    $(`view-${view}`).hidden = false;
    $('live').hidden = view !== 'queue';
    if (view === 'queue') startQueue();
    if (view === 'suggestions') loadSuggestions();
    if (view === 'dashboard') startDashboard();
  }

  // ---- queues ----
  function ticketItem(t) {
    const li = el('li', { class: `tk prio-${t.priority}` });
    const button = el(
      'button',
      { type: 'button', class: 'tk-open', 'data-ticket': t.id },
      el('span', { class: 'tk-subject', text: t.subject }),
      el(
        'span',
        { class: 'tk-meta' },
        el('span', { class: 'tk-id', text: t.id }),
        el('span', { class: `badge prio`, text: t.priority }),
        el('span', { class: 'badge', text: `${t.channel} · ${t.lang}` }),
        t.status === 'queued' ? el('span', { class: 'sla', 'data-sla': t.slaDueAt }) : null,
        t.status === 'queued' ? el('span', { class: 'wait', 'data-since': t.queuedAt }) : null,
        t.assigneeName ? el('span', { class: 'badge', text: t.assigneeName }) : null,
      ),
    );
    button.addEventListener('click', () => openTicket(t.id));
    li.append(button);
    if (state.open === t.id) li.classList.add('current');
    return li;
  }

  function renderQueue() {
    const { queued, mine } = state.queue;
    const tiers = state.agent.tiers;
    $('queue-3-box').hidden = !tiers.includes(3);
    for (const tier of [2, 3]) {
      const list = queued.filter((t) => t.tier === tier);
      $(`queue-${tier}`).replaceChildren(...list.map(ticketItem));
      $(`count-${tier}`).textContent = String(list.length);
    }
    $('queue-mine').replaceChildren(...mine.map(ticketItem));
    $('count-mine').textContent = String(mine.length);
    tickTimes();
  }

  async function loadQueue() {
    state.queue = await api('/agent/api/queue');
    renderQueue();
  }

  function connect() {
    const source = new EventSource('/agent/api/events');
    state.stream = source;
    const live = $('live');
    source.addEventListener('ready', () => {
      live.textContent = 'live';
      live.setAttribute('data-state', 'online');
      loadQueue().catch(() => undefined);
    });
    const changed = (event) => {
      const data = JSON.parse(event.data);
      loadQueue().catch(() => undefined);
      const id = data.ticket ? data.ticket.id : data.id;
      if (id && id === state.open) openTicket(id, false).catch(() => undefined);
    };
    for (const type of ['queue', 'agent', 'gone', 'page']) source.addEventListener(type, changed);
    const alarm = (event) => {
      const data = JSON.parse(event.data);
      const t = data.ticket;
      if (!t) return;
      if (event.type === 'page')
        $('alert').textContent = `On-call paged for ${t.id} (${t.priority}): ${t.subject}`;
      else if (data.type === 'sla-breached') $('alert').textContent = `SLA breached on ${t.id}: ${t.subject}`;
      else return;
      $('alert').hidden = false;
    };
    source.addEventListener('page', alarm);
    source.addEventListener('queue', alarm);
    $('alert').addEventListener('click', () => ($('alert').hidden = true));
    source.onerror = () => {
      live.textContent = 'reconnecting…';
      live.setAttribute('data-state', 'offline');
    };
  }

  async function startQueue() {
    await loadQueue();
    connect();
    const res = await api('/agent/api/articles');
    state.articles = res.articles;
    const canned = $('canned-article');
    const resolveSel = $('resolve-article');
    for (const a of res.articles) {
      canned.append(el('option', { value: a.id, text: `${a.title} (${a.lang})` }));
      resolveSel.append(el('option', { value: a.id, text: `${a.title} (${a.lang})` }));
    }
    setInterval(tickTimes, 1000);
  }

  // ---- one ticket ----
  async function openTicket(id, focus = true) {
    const data = await api(`/agent/api/tickets/${encodeURIComponent(id)}`);
    state.open = id;
    state.ticket = data;
    const t = data.ticket;
    $('ticket-empty').hidden = true;
    $('ticket-body').hidden = false;
    $('t-subject').textContent = t.subject;
    $('t-id').textContent = t.id;
    $('t-status').textContent = t.status;
    $('t-tier').textContent = String(t.tier);
    $('t-priority').textContent = t.priority;
    $('t-user').textContent = t.userName || '—';
    $('t-channel').textContent = t.channel;
    $('t-lang').textContent = t.lang;
    $('t-agent').textContent = t.assigneeName || '—';
    const items = data.transcript.map((line) => {
      const li = el('li', { class: `line from-${line.author}` });
      li.append(
        el('span', { class: 'line-who', text: line.authorName || line.author }),
        el('time', { class: 'line-at', text: new Date(line.at).toLocaleTimeString() }),
      );
      const body = el('div', { class: 'line-text' });
      body.innerHTML = line.html; // server-rendered, every text run escaped
      li.append(body);
      return li;
    });
    $('t-transcript').replaceChildren(...items);
    $('t-articles').replaceChildren(
      ...(data.articles.length
        ? data.articles.map((a) =>
            el('li', {}, el('a', { href: `/kb/${a.id}`, target: '_blank', rel: 'noopener', text: a.title })),
          )
        : [el('li', { class: 'muted', text: 'none' })]),
    );
    $('t-notes').replaceChildren(
      ...(data.notes.length
        ? data.notes.map((n) =>
            el('li', {}, el('strong', { text: `${n.agentName || n.agentId} (${n.kind}): ` }), n.text),
          )
        : [el('li', { class: 'muted', text: 'none' })]),
    );
    const open = t.status === 'queued' || t.status === 'claimed';
    const setEnabled = (act, on) => {
      const b = document.querySelector(`[data-act="${act}"]`);
      if (b) b.disabled = !on;
    };
    setEnabled('claim', t.status === 'queued');
    for (const act of ['escalate', 'transfer', 'hand-back', 'resolve-open'])
      setEnabled(act, data.mine && t.status === 'claimed');
    setEnabled('reply', open);
    setEnabled('note', true);
    $('resolve-form').hidden = true;
    $('transfer-form').hidden = true;
    $('t-error').textContent = '';
    renderQueue();
    if (focus) $('t-subject').scrollIntoView({ block: 'nearest' });
  }

  async function act(kind, extra = {}) {
    if (!state.open) return;
    $('t-error').textContent = '';
    try {
      await api(`/agent/api/tickets/${encodeURIComponent(state.open)}/${kind}`, {
        messageId: uuid(),
        ...extra,
      });
      await openTicket(state.open, false);
      await loadQueue();
      return true;
    } catch (error) {
      $('t-error').textContent = error.message;
      return false;
    }
  }

  document.querySelector('.ticket-actions').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-act]');
    if (!button) return;
    const kind = button.getAttribute('data-act');
    if (kind === 'resolve-open') {
      $('resolve-form').hidden = false;
      $('resolve-article').focus();
    } else if (kind === 'transfer') {
      $('transfer-form').hidden = false;
      $('transfer-to').focus();
    } else {
      await act(kind);
    }
  });

  async function send(kind) {
    const text = $('reply').value.trim();
    if (!text) return;
    if (await act(kind, { text })) $('reply').value = '';
  }
  document.querySelector('[data-act="reply"]').addEventListener('click', () => send('reply'));
  document.querySelector('[data-act="note"]').addEventListener('click', () => send('note'));
  $('reply').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send(event.shiftKey ? 'note' : 'reply');
    }
  });

  $('resolve-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const articleId = $('resolve-article').value;
    if (!articleId) return;
    const note = $('resolve-note').value.trim();
    if (await act('resolve', { articleId, ...(note ? { note } : {}) })) $('resolve-note').value = '';
  });
  $('transfer-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    await act('transfer', { toAgentId: $('transfer-to').value.trim() });
  });

  $('canned-article').addEventListener('change', async () => {
    const id = $('canned-article').value;
    const sections = $('canned-section');
    sections.replaceChildren();
    if (!id) return;
    const article = await api(`/agent/api/articles/${encodeURIComponent(id)}`);
    state.canned = article;
    for (const s of article.sections) sections.append(el('option', { value: s.id, text: s.heading }));
  });
  $('canned-insert').addEventListener('click', () => {
    const section = state.canned && state.canned.sections.find((s) => s.id === $('canned-section').value);
    if (!section) return;
    const box = $('reply');
    const insert = `${section.body}\n\n${location.origin}/kb/${state.canned.id}`;
    const at = box.selectionStart ?? box.value.length;
    box.value = `${box.value.slice(0, at)}${insert}${box.value.slice(box.selectionEnd ?? at)}`;
    box.focus();
  });

  document.addEventListener('keydown', (event) => {
    if (view !== 'queue' || !state.agent) return;
    const target = event.target;
    if (target.closest && target.closest('input, textarea, select')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const buttons = [...document.querySelectorAll('.tk-open')];
    const at = buttons.indexOf(document.activeElement);
    if (event.key === 'j' || event.key === 'k') {
      const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'j' ? 1 : -1)))];
      if (next) next.focus();
      event.preventDefault();
    } else if (event.key === 'c') {
      act('claim');
    } else if (event.key === 'r') {
      $('reply').focus();
      event.preventDefault();
    }
  });

  // ---- suggestions ----
  async function loadSuggestions() {
    const data = await api('/agent/api/suggestions');
    $('suggestions').replaceChildren(
      ...(data.pending.length
        ? data.pending.map((s) => {
            const li = el(
              'li',
              { class: 'suggestion', 'data-suggestion': String(s.id) },
              el('q', { class: 's-text', text: s.text }),
              el('span', { class: 's-article', text: ` → ${s.articleTitle || s.articleId} (${s.lang})` }),
            );
            const decide = (what) => async () => {
              try {
                await api(`/agent/api/suggestions/${s.id}/${what}`, {});
                await loadSuggestions();
              } catch (error) {
                li.append(el('span', { class: 'error', text: ` ${error.message}` }));
              }
            };
            li.append(
              el('button', { type: 'button', class: 'good', text: 'Accept', onclick: decide('accept') }),
              el('button', { type: 'button', text: 'Reject', onclick: decide('reject') }),
            );
            return li;
          })
        : [el('li', { class: 'muted', text: 'No suggestions waiting.' })]),
    );
    $('gaps').replaceChildren(
      ...(data.gaps.length
        ? data.gaps.map((g) =>
            el('li', {}, el('span', { class: 'count', text: String(g.count) }), ` ${g.example} (${g.lang})`),
          )
        : [el('li', { class: 'muted', text: 'No content gaps marked.' })]),
    );
  }

  // ---- dashboard ----
  const charts = {};
  const pct = (x) => (x === undefined || x === null ? '—' : `${Math.round(x * 100)}%`);
  const num = (x, unit = '') => (x === undefined || x === null ? '—' : `${x}${unit}`);

  function drawChart(id, type, labels, datasets, stacked = false) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new window.Chart($(id), {
      type,
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales:
          type === 'bar'
            ? { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } }
            : {},
      },
    });
  }

  async function loadDashboard() {
    const q = new URLSearchParams();
    if ($('since').value) q.set('since', $('since').value);
    if ($('until').value) q.set('until', $('until').value);
    const f = await api(`/agent/api/dashboard?${q}`);
    $('csv').href = `/agent/api/dashboard.csv?${q}`;
    const total = f.questions.total;
    const tiles = [
      ['questions', 'Questions', String(total)],
      ['confirmed', 'Confirmed deflection', pct(total ? f.questions.confirmed / total : undefined)],
      ['unconfirmed', 'Unconfirmed deflection', pct(total ? f.questions.unconfirmed / total : undefined)],
      ['answer', 'Answer rate', pct(f.rates.answer)],
      ['clarify', 'Clarify (left open)', pct(f.rates.clarify)],
      ['decline', 'Decline rate', pct(f.rates.decline)],
      ['tickets', 'Tickets', String(f.tickets.created)],
      ['resolved', 'Resolved', String(f.tickets.resolved)],
      ['claim', 'Median time to claim', num(f.timeToClaim.medianMinutes, ' min')],
      ['resolve', 'Median time to resolve', num(f.timeToResolve.medianMinutes, ' min')],
      ['sla', 'SLA breaches', String(f.slaBreaches)],
      ['csat', 'CSAT', f.csat.average === undefined ? '—' : `${f.csat.average} / 5 (${f.csat.count})`],
    ];
    $('tiles').replaceChildren(
      ...tiles.map(([key, label, value]) =>
        el(
          'div',
          { class: 'tile card', 'data-tile': key },
          el('span', { class: 'tile-value', text: value }),
          el('span', { class: 'tile-label', text: label }),
        ),
      ),
    );
    const series = (rows) => [
      { label: 'Confirmed', data: rows.map((r) => r.confirmed), backgroundColor: '#16a34a' },
      { label: 'Unconfirmed', data: rows.map((r) => r.unconfirmed), backgroundColor: '#86efac' },
      { label: 'Escalated', data: rows.map((r) => r.escalated), backgroundColor: '#f59e0b' },
      { label: 'Declined', data: rows.map((r) => r.declined), backgroundColor: '#ef4444' },
      { label: 'Clarify left open', data: rows.map((r) => r.clarifyOpen), backgroundColor: '#a5b4fc' },
    ];
    if (window.Chart) {
      drawChart(
        'chart-day',
        'bar',
        f.byDay.map((r) => r.key),
        series(f.byDay),
        true,
      );
      drawChart(
        'chart-channel',
        'bar',
        f.byChannel.map((r) => r.key),
        series(f.byChannel),
        true,
      );
      drawChart(
        'chart-lang',
        'bar',
        f.byLang.map((r) => r.key),
        series(f.byLang),
        true,
      );
      drawChart(
        'chart-csat',
        'bar',
        ['1', '2', '3', '4', '5'],
        [
          {
            label: 'Ratings',
            data: [1, 2, 3, 4, 5].map((n) => f.csat.distribution[n]),
            backgroundColor: '#6366f1',
          },
        ],
      );
    }
    $('unanswered').replaceChildren(
      ...(f.contentGaps.length
        ? f.contentGaps.map((g) =>
            el('li', {}, el('span', { class: 'count', text: String(g.count) }), ` ${g.example} (${g.lang})`),
          )
        : [el('li', { class: 'muted', text: 'none' })]),
    );
    document.body.setAttribute('data-dashboard', 'ready');
  }

  function startDashboard() {
    $('range').addEventListener('submit', (event) => {
      event.preventDefault();
      loadDashboard();
    });
    loadDashboard();
  }

  whoAmI().catch((error) => {
    $('signin').hidden = false;
    $('signin-error').textContent = error.message;
  });
})();
