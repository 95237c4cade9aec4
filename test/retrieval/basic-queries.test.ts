import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';
import { createRetriever, type KnowledgeRetriever } from '../../src/retrieval/retriever.js';

/**
 * The plainest messages people send ("VPN не работает") must find their article in the shipped
 * knowledge base. The development set's longer messages did not catch that they once went to the
 * maintenance-window article, whose phrasings mention VPN in passing.
 */
const BASIC: [string, string][] = [
  ['vpn not working', 'vpn-connect-en'],
  ['outlook not working', 'email-not-syncing-en'],
  ['email not working', 'email-not-syncing-en'],
  ['teams not working', 'teams-app-en'],
  ['onedrive not working', 'onedrive-sync-en'],
  ['wifi not working', 'wifi-connect-en'],
  ['printer not working', 'printer-not-printing-en'],
  ['mouse not working', 'peripherals-en'],
  ['camera not working', 'call-audio-video-en'],
  ['forgot my password', 'password-reset-en'],
  ["outlook won't open", 'office-apps-crash-en'],
  ['excel keeps crashing', 'office-apps-crash-en'],
  ['VPN не работает', 'vpn-connect-ru'],
  ['не работает vpn', 'vpn-connect-ru'],
  ['впн не работает', 'vpn-connect-ru'],
  ['outlook не работает', 'email-not-syncing-ru'],
  ['аутлук не работает', 'email-not-syncing-ru'],
  ['почта не работает', 'email-not-syncing-ru'],
  ['teams не работает', 'teams-app-ru'],
  ['тимс не работает', 'teams-app-ru'],
  ['onedrive не работает', 'onedrive-sync-ru'],
  ['вайфай не работает', 'wifi-connect-ru'],
  ['не работает принтер', 'printer-not-printing-ru'],
  ['забыл пароль', 'password-reset-ru'],
  ['аутлук не запускается', 'office-apps-crash-ru'],
  ['ворд вылетает', 'office-apps-crash-ru'],
];

let retriever: KnowledgeRetriever;

beforeAll(async () => {
  const kb = await loadKnowledgeBase('knowledge-base');
  retriever = createRetriever(kb.articles, { thresholds: loadConfig({}).retrieval, defaultLang: 'en' });
});

describe('basic messages against the shipped knowledge base', () => {
  it.each(BASIC)('%s -> %s', async (text, expected) => {
    const decision = await retriever.search(text);
    expect(decision.candidates[0]?.articleId).toBe(expected);
    expect(decision.kind).not.toBe('decline');
  });
});
