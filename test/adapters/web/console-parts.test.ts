import { describe, expect, test } from 'vitest';
import {
  AgentSessions,
  AGENT_SESSION_SECONDS,
  agentCookieHeader,
} from '../../../adapters/web/console/console-session.js';
import { dashboardWindow } from '../../../adapters/web/console/dashboard-window.js';
import { LoginLimiter } from '../../../adapters/web/console/login-limiter.js';
import { ticketPath } from '../../../adapters/web/console/ticket-access.js';

describe('console parts', () => {
  test('sessions are random, expire after a shift, and end on sign-out', () => {
    let now = 0;
    const sessions = new AgentSessions(() => now);
    const a = sessions.create('web:alice', 'Alice');
    const b = sessions.create('web:alice', 'Alice');
    expect(a.id).not.toBe(b.id);
    expect(a.session.csrf).not.toBe(b.session.csrf);
    expect(sessions.get(a.id)?.agentId).toBe('web:alice');
    sessions.destroy(b.id);
    expect(sessions.get(b.id)).toBeUndefined();
    now = AGENT_SESSION_SECONDS * 1000;
    expect(sessions.get(a.id)).toBeUndefined();
    expect(sessions.get('x'.repeat(500))).toBeUndefined();
    expect(agentCookieHeader('v', true)).toBe(
      `hd_agent=v; Path=/agent; HttpOnly; SameSite=Strict; Max-Age=${AGENT_SESSION_SECONDS}; Secure`,
    );
    expect(agentCookieHeader(undefined, false)).toContain('Max-Age=0');
  });

  test('the login limiter counts failures per address within a window', () => {
    let now = 0;
    const limiter = new LoginLimiter(3, 1000, () => now);
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.allowed('1.2.3.4')).toBe(true);
      limiter.fail('1.2.3.4');
    }
    expect(limiter.allowed('1.2.3.4')).toBe(false);
    expect(limiter.allowed('5.6.7.8')).toBe(true);
    expect(limiter.retryAfter('1.2.3.4')).toBe(1);
    now = 1000;
    expect(limiter.allowed('1.2.3.4')).toBe(true);
  });

  test('dashboard windows and ticket paths refuse anything odd', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(dashboardWindow('/x', now)).toEqual({ since: new Date('2026-02-08T12:00:00Z'), until: now });
    expect(dashboardWindow('/x?since=2026-03-01&until=2026-03-01', now)).toEqual({
      since: new Date('2026-03-01T00:00:00Z'),
      until: new Date('2026-03-02T00:00:00Z'),
    });
    for (const q of ['since=2026-02-30', 'since=yesterday', 'since=2026-03-05&until=2026-03-01']) {
      expect(() => dashboardWindow(`/x?${q}`, now)).toThrow(/since|until/);
    }
    expect(ticketPath('/agent/api/tickets/T-ABC/claim')).toEqual({ ticketId: 'T-ABC', action: 'claim' });
    expect(ticketPath('/agent/api/tickets/T-ABC')).toEqual({ ticketId: 'T-ABC', action: undefined });
    for (const bad of [
      '/agent/api/tickets/../x',
      '/agent/api/tickets/T-1/claim/x',
      '/agent/api/tickets/%3Cscript%3E',
    ]) {
      expect(() => ticketPath(bad)).toThrow('No such ticket');
    }
  });
});
