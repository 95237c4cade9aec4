import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TerminalButtons } from '../../../adapters/terminal/buttons.js';
import { runTerminalChat, type TerminalIdentity } from '../../../adapters/terminal/chat.js';
import { TerminalNotifier } from '../../../adapters/terminal/terminal-notifier.js';
import { channelRegistry } from '../../../src/channels/registry.js';
import { Harness } from '../../support/helpdesk-harness.js';

/** The terminal's agent: agents act from their own channel. */
const ANNA = 'terminal:U-ANNA';

const IVAN: TerminalIdentity = {
  userId: 'U-IVAN',
  userName: 'Ivan Petrov',
  agentId: ANNA,
  agentName: 'Anna',
};

/** Generous: the machine is slow and shared; waits end as soon as the output is there. */
const WAIT = { timeout: 20_000, interval: 10 };

/**
 * The terminal chat over the real core (temp SQLite file, real retriever over kb-small), with the
 * `TerminalNotifier` as the core's channel; everything printed is collected in `lines`.
 */
function startChat(h: Harness, who: TerminalIdentity = IVAN) {
  const lines: string[] = [];
  const print = (text: string) => {
    lines.push(text);
  };
  const buttons = new TerminalButtons();
  const notifier = new TerminalNotifier(print, buttons);
  h.rebuild({ channels: channelRegistry([{ name: 'terminal', notifier, hostsQueue: true }]) });
  const input = new PassThrough();
  const finished = runTerminalChat(h.core, who, { input, print, buttons });
  return {
    lines,
    input,
    finished,
    /** Types a line and waits until the output printed since then matches `until`. */
    async type(line: string, until: string | RegExp): Promise<string> {
      const from = lines.length;
      input.write(`${line}\n`);
      let printed = '';
      await vi.waitFor(() => {
        printed = lines.slice(from).join('\n');
        expect(printed).toMatch(until);
      }, WAIT);
      return printed;
    },
    /** Ends the input (Ctrl+D) and waits for the loop to finish. */
    async end(): Promise<void> {
      input.end();
      await finished;
    },
  };
}

describe('runTerminalChat over the real core', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create({ TIER2_AGENTS: ANNA });
  });
  afterEach(() => h.close());

  test('prints the help first', async () => {
    const chat = startChat(h);
    await chat.end();
    expect(chat.lines[0]).toContain('Type your IT question');
    expect(chat.lines[0]).toContain('/claim T');
    expect(chat.lines[0]).toContain('/quit to leave');
  });

  test('a question gets the article with its steps and numbered feedback buttons; "1" presses Yes', async () => {
    const chat = startChat(h);
    const answer = await chat.type('How do I connect to the VPN?', /Did this solve it\?[\s\S]*\[2\] No/);
    expect(answer.split('\n')).toEqual(
      expect.arrayContaining([
        'bot> Connect to the VPN (GlobalProtect) — Connect',
        '     1. Make sure the internet works: open any public website.',
        '     3. If asked for a portal, type vpn.example.com and click Connect.',
        'bot> Did this solve it?',
        '     [1] Yes',
        '     [2] No',
        // The article's other sections and the whole article are a number away too.
        '     [3] Common errors',
        '     [4] Show the whole article',
      ]),
    );
    expect(answer).toMatch(/\(full article: \S*vpn-connect-en\)/);
    const conversation = () => h.stores.conversations.find('terminal', 'terminal', 'U-IVAN');
    expect(conversation()?.state).toBe('awaiting-feedback');
    const questionId = conversation()?.context.questionId ?? '';

    const confirmed = await chat.type('1', /glad it's fixed/);
    expect(confirmed).toBe("bot> Great, glad it's fixed! Write any time something else comes up.");
    // The press reached the core as the Yes button: the question is a confirmed deflection.
    expect(h.stores.conversations.getQuestion(questionId)?.outcome).toBe('confirmed');
    await chat.end();
  });

  test('a number without a button on screen is sent as text', async () => {
    const chat = startChat(h);
    const reply = await chat.type('7', /bot> /);
    expect(reply).not.toContain('no longer active');
    await chat.end();
  });

  test('handoff: a ticket is queued, listed for the agent, replied to, resolved and rated by number', async () => {
    const chat = startChat(h);
    await chat.type("VPN won't connect", /Did this solve it\?/);

    const queued = await chat.type(
      'I want a human',
      /request T-\S+\)[\s\S]*\[queue\]|\[queue\][\s\S]*request T-/,
    );
    const ticketId = h.stores.conversations.find('terminal', 'terminal', 'U-IVAN')?.ticketId ?? '';
    expect(ticketId).toMatch(/^T-/);
    // The reply, and the queue announcement the notifier printed on its own (in either order).
    expect(queued.split('\n').sort()).toEqual(
      [
        `[queue] ${ticketId} (normal, tier 2) new: VPN won't connect`,
        `bot> I've passed this to the IT team (request ${ticketId}). A person will reply right here; you are number 1 in the queue.`,
      ].sort(),
    );

    const list = await chat.type('/queue', /\[agent\] mine:/);
    expect(list.split('\n')).toEqual([
      '[agent] queue:',
      `  ${ticketId} normal tier 2 waiting in the queue: VPN won't connect`,
      '[agent] mine:',
    ]);

    const replied = await chat.type(
      `/reply ${ticketId} hello`,
      /Sent to the employee[\s\S]*Anna> hello|Anna> hello[\s\S]*Sent to the employee/,
    );
    expect(replied.split('\n')).toEqual(
      expect.arrayContaining([
        'bot> Anna from IT support is now handling your request. Reply right here.',
        'Anna> hello',
        `[agent] Sent to the employee on ${ticketId}.`,
      ]),
    );

    // The user's answer goes to the agent, the bot stays silent.
    const relayed = await chat.type('It is a Dell', /\[to terminal:U-ANNA\]/);
    expect(relayed).toBe(`[to terminal:U-ANNA] ${ticketId} user: It is a Dell`);

    // A number answering the agent is text for the agent, not a press of the earlier [2] No.
    await chat.type(`/reply ${ticketId} how many laptops, 1 or 2?`, /Anna> how many/);
    expect(await chat.type('2', /\[to terminal:U-ANNA\]/)).toBe(`[to terminal:U-ANNA] ${ticketId} user: 2`);

    // An agent's escape sequences do not reach the terminal.
    const hostile = await chat.type(`/reply ${ticketId} \u001b[2Jcleared?\u0007`, /Anna> /);
    // The whole escape sequence is removed before storage, not only its ESC character.
    expect(hostile).toContain('Anna> cleared?');
    expect(hostile).not.toContain('\u0007');
    expect(hostile).not.toContain('\u001b');

    // The rating buttons come from the notifier; "1" presses [1] of those, not the earlier "Yes".
    const resolved = await chat.type(
      `/resolve ${ticketId} fixed`,
      /\[1\] 1[\s\S]*is resolved|is resolved[\s\S]*\[1\] 1/,
    );
    expect(resolved).toContain('How would you rate the help?');
    expect(resolved).toContain('     [1] 1');
    const rated = await chat.type('1', /bot> /);
    expect(rated).toBe('bot> Thank you for your rating!');
    expect(h.stores.tickets.get(ticketId)).toMatchObject({ status: 'resolved', rating: 1 });

    const shown = await chat.type(`/show ${ticketId}`, /resolution by Anna/);
    expect(shown).toContain(`[agent] ${ticketId} resolved, normal: VPN won't connect`);
    expect(shown).toContain('  user: It is a Dell');
    expect(shown).toContain('  resolution by Anna: fixed');
    await chat.end();
  });

  test('a non-agent identity gets the refusal printed and the chat goes on', async () => {
    const chat = startChat(h, { ...IVAN, agentId: 'terminal:U-NOBODY', agentName: 'Nobody' });
    const refused = await chat.type('/queue', /error: /);
    expect(refused).toBe('error: terminal:U-NOBODY is not a Tier 2 or Tier 3 agent');
    const refusedClaim = await chat.type('/claim T-404', /error: /);
    expect(refusedClaim).toContain('not a Tier 2 or Tier 3 agent');
    // Still alive: the next question is answered.
    await chat.type("VPN won't connect", /Did this solve it\?/);
    await chat.end();
    expect(h.stores.audit.list({ actor: 'terminal:U-NOBODY' }).map((e) => e.outcome)).toEqual([
      'denied',
      'denied',
    ]);
  });

  test('an unknown or incomplete command prints the hint; /help prints the help again', async () => {
    const chat = startChat(h);
    expect(await chat.type('/frobnicate T-1', /\/help/)).toBe(
      'unknown or incomplete command; /help lists them',
    );
    expect(await chat.type('/reply T-1', /\/help/)).toBe('unknown or incomplete command; /help lists them');
    expect(await chat.type('/help', /quit to leave/)).toBe(chat.lines[0]);
    await chat.end();
  });

  test('an agent command on a ticket that does not exist prints the error', async () => {
    const chat = startChat(h);
    expect(await chat.type('/claim T-404', /error: /)).toBe('error: No ticket T-404');
    await chat.end();
  });

  test('/quit ends the loop while the input is still open; later lines are not read', async () => {
    const chat = startChat(h);
    const handle = vi.spyOn(h.core, 'handleMessage');
    chat.input.write("/quit\nVPN won't connect\n");
    await chat.finished;
    expect(chat.input.writableEnded).toBe(false);
    expect(handle).not.toHaveBeenCalled();
    expect(chat.lines).toHaveLength(1);
    chat.input.end();
  });

  test('/exit ends it too, and so does the end of the input', async () => {
    const chat = startChat(h);
    chat.input.write('/exit\n');
    await chat.finished;
    const other = startChat(h);
    other.input.end('\n   \n');
    await other.finished;
    expect(other.lines).toHaveLength(1);
  });
});
