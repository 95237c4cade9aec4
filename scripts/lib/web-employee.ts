/** One event of the web chat's mailbox, as the HTTP API returns it. */
export interface ChatEvent {
  id: number;
  at: string;
  from: 'user' | 'bot' | 'agent';
  kind: 'text' | 'article' | 'choices' | 'notice' | 'agent-message';
  html: string;
  author?: string;
  choices?: { id: string; label: string }[];
  level?: 'info' | 'warning';
}

/** What one POST of a message gave: the HTTP status (0: the connection failed) and the events. */
export interface Sent {
  status: number;
  events: ChatEvent[];
  ms: number;
}

/**
 * An employee on the web chat's HTTP API (`/api/chat/...`), as the page's script uses it: a
 * session cookie, messages with ids the client makes (a retry reuses the id), the history.
 */
export class WebEmployee {
  private cookie = '';

  constructor(
    private baseUrl: string,
    readonly name: string,
  ) {}

  /** Points the employee at another address (the same server, restarted on another port). */
  moveTo(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  async signIn(): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/chat/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: this.name }),
    });
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
    const cookie = res.headers.get('set-cookie') ?? '';
    this.cookie = cookie.split(';')[0] ?? '';
  }

  async send(body: { messageId: string; text?: string; action?: string }): Promise<Sent> {
    const started = performance.now();
    try {
      const res = await fetch(`${this.baseUrl}/api/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: this.cookie },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await res.json().catch(() => ({}))) as { events?: ChatEvent[] };
      return { status: res.status, events: json.events ?? [], ms: performance.now() - started };
    } catch {
      return { status: 0, events: [], ms: performance.now() - started };
    }
  }

  /** The session cookie, for other requests such as the live stream. */
  get headers(): Record<string, string> {
    return { cookie: this.cookie };
  }

  get url(): string {
    return this.baseUrl;
  }

  async history(): Promise<ChatEvent[]> {
    const all: ChatEvent[] = [];
    for (;;) {
      const after = all.at(-1)?.id ?? 0;
      const res = await fetch(`${this.baseUrl}/api/chat/history?after=${after}`, {
        headers: { cookie: this.cookie },
      });
      if (res.status !== 200) throw new Error(`history answered ${res.status}`);
      const { events } = (await res.json()) as { events: ChatEvent[] };
      if (events.length === 0) return all;
      all.push(...events);
    }
  }
}
