import { describe, expect, test } from 'vitest';
import { agentActionSchema } from '../../src/handoff/agent-action.js';
import { agentButtonsFor, parseAgentButton } from '../../src/handoff/agent-buttons.js';
import { agentResultText } from '../../src/handoff/agent-result-text.js';

const who = { agentId: 'slack:U1', agentName: 'Anna', channel: 'slack', messageId: 'a-1' };

describe('the buttons on a ticket card, the same in every channel', () => {
  test('Claim while queued; Resolve, Tier 3 and Hand back once claimed; none once closed', () => {
    expect(agentButtonsFor({ id: 'T-1', status: 'queued', tier: 2 }).map((b) => b.label)).toEqual(['Claim']);
    expect(agentButtonsFor({ id: 'T-1', status: 'claimed', tier: 2 }).map((b) => b.label)).toEqual([
      'Resolve',
      'Tier 3',
      'Hand back',
    ]);
    expect(agentButtonsFor({ id: 'T-1', status: 'claimed', tier: 3 }).map((b) => b.label)).toEqual([
      'Resolve',
      'Hand back',
    ]);
    expect(agentButtonsFor({ id: 'T-1', status: 'resolved', tier: 2 })).toEqual([]);
  });

  test('each button id comes back as the action it stands for, valid for the core', () => {
    for (const status of ['queued', 'claimed'] as const) {
      for (const button of agentButtonsFor({ id: 'T-7KQ2M9XA4B', status, tier: 2 })) {
        const action = parseAgentButton(button.id, who);
        expect(action, button.id).toBeDefined();
        expect(agentActionSchema.parse(action)).toEqual(action);
        expect(action).toMatchObject({ ticketId: 'T-7KQ2M9XA4B', agentId: 'slack:U1' });
      }
    }
    expect(parseAgentButton('agent:tier3:T-1', who)).toMatchObject({ kind: 'escalate' });
    expect(parseAgentButton('agent:handback:T-1', who)).toMatchObject({ kind: 'hand-back' });
  });

  test('ids that are not agent buttons are refused', () => {
    for (const id of [
      'agent:delete:T-1',
      'agent:claim:',
      'agent:claim:T 1',
      'feedback:yes',
      `agent:claim:${'x'.repeat(100)}`,
    ]) {
      expect(parseAgentButton(id, who), id).toBeUndefined();
    }
  });

  test('what an action did is said in words', () => {
    const ticket = { id: 'T-1', status: 'queued' } as never;
    expect(agentResultText({ kind: 'done', ticket, did: 'escalate' })).toBe(
      'T-1 is now in the Tier 3 queue.',
    );
    expect(agentResultText({ kind: 'queue', queued: [ticket], mine: [] })).toBe('1 waiting, 0 yours.');
  });
});

describe('who may change settings only agents may change', () => {
  test('the directory decides: configuration and accounts alike, Tier 3 also works Tier 2', async () => {
    const { combineDirectories, configDirectory } = await import('../../src/handoff/agent-directory.js');
    const { mayWorkTier } = await import('../../src/handoff/agents.js');
    const { loadConfig } = await import('../../src/config.js');
    const accounts = {
      roleOf: (id: string) => (id === 'teams:aad-alice' ? ('tier3' as const) : undefined),
      idsOf: (id: string) => [id],
      hasAny: () => true,
    };
    const agents = combineDirectories(
      configDirectory(loadConfig({ TIER2_AGENTS: 'teams:aad-bob' })),
      accounts,
    );
    expect(mayWorkTier(agents, 'teams:aad-bob', 2)).toBe(true);
    expect(mayWorkTier(agents, 'teams:aad-bob', 3)).toBe(false);
    expect(mayWorkTier(agents, 'teams:aad-alice', 3)).toBe(true);
    expect(mayWorkTier(agents, 'teams:aad-alice', 2)).toBe(true);
    expect(mayWorkTier(agents, 'teams:someone', 2)).toBe(false);
  });
});
