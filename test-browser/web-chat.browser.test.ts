import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANNA, startWebServer, type WebServer } from '../test/adapters/web/web-server.js';
import { launchChromium } from './chromium.js';

/**
 * The web chat as an employee uses it, in Chromium against the real server: sign in by name, ask,
 * get an article with buttons, press No, ask for a person, and see the agent's reply arrive live.
 * Screenshots land in test-browser/artifacts/ for a look.
 */
const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');

let s: WebServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  s = await startWebServer();
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 900, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const shot = (name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });

describe('web chat in a browser', () => {
  test('an employee gets an answer, presses No, asks for a person and sees the agent live', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // The first /api/chat/me is a 401 by design (not signed in yet).
      if (m.type() === 'error' && !m.text().includes('401')) errors.push(m.text());
    });

    await page.goto(`${s.base}/`);
    await page.getByLabel('Ваше имя').fill('Иван <b>Петров</b>');
    await shot('01-sign-in');
    await page.getByRole('button', { name: 'Начать чат' }).click();
    await expect.poll(() => page.locator('#who').textContent()).toBe('Иван <b>Петров</b>');
    await expect.poll(() => page.locator('#status').getAttribute('data-state')).toBe('online');

    const input = page.getByLabel('Сообщение');
    await input.fill('не подключается VPN');
    await input.press('Enter');
    const card = page.locator('.kind-article').first();
    await card.waitFor();
    expect(await card.locator('.article-title').textContent()).toContain('VPN');
    expect(await card.locator('a.article-link').getAttribute('href')).toBe('/kb/vpn-connect-ru');
    await page.getByRole('button', { name: 'Нет', exact: true }).waitFor();
    await shot('02-article');

    await page.getByRole('button', { name: 'Нет', exact: true }).click();
    await expect.poll(() => page.locator('.from-user').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Нет', exact: true }).first().isDisabled()).toBe(true);

    await input.fill('позовите специалиста');
    await input.press('Enter');
    const queued = page.locator('.kind-notice', { hasText: /T-[A-Z0-9]+/ }).first();
    await queued.waitFor();
    const ticketId = /T-[A-Z0-9]+/.exec((await queued.textContent()) ?? '')?.[0] as string;
    await shot('03-queued');

    const act = (kind: 'claim' | 'reply', extra: Record<string, string> = {}) =>
      s.agents.core.handleAgentAction({
        kind,
        agentId: ANNA,
        agentName: 'Анна',
        channel: 'test',
        messageId: `${kind}-${Date.now()}`,
        ticketId,
        ...extra,
      } as Parameters<typeof s.agents.core.handleAgentAction>[0]);
    await act('claim');
    await act('reply', {
      text: 'Здравствуйте! Перезагрузите ноутбук и **попробуйте снова**. <img src=x onerror=alert(1)>',
    });

    const agentMessage = page.locator('.from-agent').first();
    await agentMessage.waitFor({ timeout: 15_000 });
    expect(await agentMessage.locator('.msg-author').textContent()).toBe('Анна');
    expect(await agentMessage.locator('strong').textContent()).toBe('попробуйте снова');
    expect(await agentMessage.locator('img').count()).toBe(0);
    // The name typed with markup is shown as text, never as HTML.
    expect(await page.locator('#who b').count()).toBe(0);
    await shot('04-agent-live');

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByLabel('Message').getAttribute('placeholder')).toBe('Describe your problem…');
    await page.setViewportSize({ width: 390, height: 800 });
    await shot('05-mobile-english');
    expect(errors).toEqual([]);
  });
});
