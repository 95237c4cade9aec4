import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KB_SMALL } from '../test/support/helpdesk-harness.js';
import { withAccounts } from '../test/adapters/web/console-client.js';
import { startWebServer, type WebServer } from '../test/adapters/web/web-server.js';
import { launchChromium } from './chromium.js';

/**
 * The agent console in Chromium against the real server, next to an employee in the web chat: an
 * agent signs in and sees a new ticket arrive live, claims it with the keyboard, replies (the
 * employee sees it live), resolves it with the article that solved it, the employee rates it, the
 * dashboard's figures change, and the employee's wording, accepted as a phrasing of the article,
 * is then answered by the bot itself. Screenshots land in test-browser/artifacts/.
 */
const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');
const PASSWORD = 'correct horse battery';
const QUESTION = 'the office wiki will not open from my flat';

let s: WebServer;
let browser: Browser;
let agent: Page;
let employee: Page;
const errors: string[] = [];

function watch(page: Page, who: string): void {
  page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
  page.on('console', (m) => {
    // The first /api/chat/me and /agent/api/me are 401 by design (not signed in yet).
    if (m.type() === 'error' && !m.text().includes('401')) errors.push(`${who}: ${m.text()}`);
  });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  s = await startWebServer({ KB_WATCH: 'true', KB_RESCAN_SECONDS: '1' }, async (file, dir) => {
    const kb = path.join(dir, 'kb');
    cpSync(KB_SMALL, kb, { recursive: true });
    await withAccounts([{ login: 'alice', tier: 2, password: PASSWORD, name: 'Alice Agent' }])(file);
    return { KB_DIR: kb };
  });
  browser = await launchChromium();
  agent = await (
    await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })
  ).newPage();
  employee = await (
    await browser.newContext({ locale: 'en-GB', viewport: { width: 800, height: 900 } })
  ).newPage();
  watch(agent, 'agent');
  watch(employee, 'employee');
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });

const tile = (page: Page, key: string) => page.locator(`[data-tile="${key}"] .tile-value`).textContent();

describe('agent console in a browser', () => {
  test('sign in, live ticket, claim, reply, resolve, rating, dashboard, learned phrasing', async () => {
    // The dashboard before anything happened.
    await agent.goto(`${s.base}/agent/dashboard`);
    await agent.getByLabel('Login').fill('alice');
    await agent.getByLabel('Password').fill(PASSWORD);
    await shot(agent, '10-console-sign-in');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.locator('body[data-dashboard="ready"]').waitFor();
    const resolvedBefore = await tile(agent, 'resolved');
    expect(await tile(agent, 'csat')).toBe('—');

    await agent.goto(`${s.base}/agent`);
    await expect.poll(() => agent.locator('#live').getAttribute('data-state')).toBe('online');
    expect(await agent.locator('#who').textContent()).toBe('Alice Agent · Tier 2');

    // The employee asks, the bot has no answer, they ask for a person.
    await employee.goto(`${s.base}/`);
    await employee.getByLabel('Your name').fill('Eve');
    await employee.getByRole('button', { name: 'Start chat' }).click();
    await expect.poll(() => employee.locator('#status').getAttribute('data-state')).toBe('online');
    const input = employee.getByLabel('Message');
    await input.fill(QUESTION);
    await input.press('Enter');
    await expect.poll(() => employee.locator('.from-bot').count()).toBeGreaterThan(0);
    expect(await employee.locator('.kind-article').count()).toBe(0);
    await input.fill('talk to a person');
    await input.press('Enter');
    const queued = employee.locator('.kind-notice', { hasText: /T-[A-Z0-9]+/ }).first();
    await queued.waitFor();
    const ticketId = /T-[A-Z0-9]+/.exec((await queued.textContent()) ?? '')?.[0] as string;
    // Hostile text typed while waiting must reach the console as text.
    await input.fill('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">');
    await input.press('Enter');
    await expect.poll(() => employee.locator('.from-user').count()).toBe(3);

    // The ticket arrives on the agent's screen live, without a reload.
    const item = agent.locator(`#queue-2 .tk-open[data-ticket="${ticketId}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.locator('.tk-subject').textContent()).toBe(QUESTION);
    expect(await item.textContent()).toContain('web · en');
    expect(await item.locator('.sla').textContent()).toMatch(/^SLA \d+ (min|h)/);
    await shot(agent, '11-console-live-queue');

    // Keyboard: focus the queue, open the ticket, claim with "c", reply with "r" + Ctrl+Enter.
    await item.focus();
    await agent.keyboard.press('Enter');
    await expect.poll(() => agent.locator('#t-id').textContent()).toBe(ticketId);
    await expect.poll(() => agent.locator('#t-transcript .line').count()).toBeGreaterThanOrEqual(3);
    const hostile = agent.locator('#t-transcript .from-user').last();
    await expect.poll(() => hostile.textContent()).toContain('<script>window.__pwned=1</script>');
    expect(await agent.locator('#t-transcript img, #t-transcript script').count()).toBe(0);
    expect(await agent.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await agent.keyboard.press('c');
    await expect.poll(() => agent.locator('#t-status').textContent()).toBe('claimed');
    await expect.poll(() => agent.locator('#queue-mine .tk-open').count()).toBe(1);
    await agent.keyboard.press('r');
    await agent.keyboard.type('Hello Eve, please connect to the VPN first.');
    await agent.keyboard.press('Control+Enter');
    await expect.poll(() => agent.locator('#t-transcript .from-agent').count()).toBe(1);

    // Canned reply: an article's section inserted into the reply box.
    await agent.locator('#canned-article').selectOption('vpn-connect-en');
    await expect.poll(() => agent.locator('#canned-section option').count()).toBeGreaterThan(1);
    await agent.locator('#canned-insert').click();
    expect(await agent.locator('#reply').inputValue()).toContain('/kb/vpn-connect-en');
    await agent.locator('#reply').fill('');
    await shot(agent, '12-console-ticket');

    // The employee sees the agent's reply live.
    const reply = employee.locator('.from-agent').first();
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.locator('.msg-author').textContent()).toBe('Alice Agent');
    await shot(employee, '13-employee-sees-reply');

    // Resolve with the article that solved it; the employee rates it 5.
    await agent.getByRole('button', { name: 'Resolve…' }).click();
    await agent.locator('#resolve-article').selectOption('vpn-connect-en');
    await agent.locator('#resolve-form').getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => agent.locator('#t-status').textContent()).toBe('resolved');
    await employee.getByRole('button', { name: '5', exact: true }).click();
    await expect.poll(() => employee.locator('.from-user').last().textContent()).toMatch(/5$/);

    // The dashboard's figures changed.
    await agent.goto(`${s.base}/agent/dashboard`);
    await agent.locator('body[data-dashboard="ready"]').waitFor();
    expect(Number(await tile(agent, 'resolved'))).toBe(Number(resolvedBefore) + 1);
    await expect.poll(() => tile(agent, 'csat')).toBe('5 / 5 (1)');
    expect(await agent.locator('#chart-day').getAttribute('height')).not.toBeNull();
    await shot(agent, '14-dashboard');

    // The suggestion: accept the employee's wording as a phrasing of the article.
    await agent.goto(`${s.base}/agent/suggestions`);
    const suggestion = agent.locator('.suggestion', { hasText: QUESTION });
    await suggestion.waitFor();
    await shot(agent, '15-suggestions');
    await suggestion.getByRole('button', { name: 'Accept' }).click();
    await agent.locator('#suggestions', { hasText: 'No suggestions waiting.' }).waitFor();

    // Picked up live by the KB watcher: the same question, asked again, is answered by the bot.
    await expect
      .poll(() => s.server.app.retriever.getArticle('vpn-connect-en')?.questions.includes(QUESTION), {
        timeout: 15_000,
      })
      .toBe(true);
    await input.fill(QUESTION);
    await input.press('Enter');
    const card = employee.locator('.kind-article').last();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('a.article-link').getAttribute('href')).toBe('/kb/vpn-connect-en');
    await shot(employee, '16-bot-answers-learned-phrasing');
    expect(errors).toEqual([]);
  });
});
