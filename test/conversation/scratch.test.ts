import { test } from 'vitest';
import { Harness, texts, AGENTS } from '../support/helpdesk-harness.js';

test('scratch', async () => {
  const h = await Harness.create();
  const u = h.user('U-1');
  console.log(texts(await u.say('hi')));
  console.log(texts(await u.say("vpn won't connect from home")));
  console.log(texts(await u.press('feedback:no')));
  console.log(texts(await u.press('handoff:request')));
  console.log(JSON.stringify(h.channel.deliveries, null, 1).slice(0, 1500));
  const list = await h.agent({ kind: 'list', agentId: AGENTS.anna });
  console.log(JSON.stringify(list).slice(0, 300));
  console.log(
    await h.agent({
      kind: 'reply',
      agentId: AGENTS.anna,
      agentName: 'Anna',
      ticketId: 'T-3',
      text: 'Hi, can you share a screenshot?',
    }),
  );
  console.log(texts(await u.say('here it is: my password is Summer2024!')));
  console.log(JSON.stringify(h.channel.deliveries.slice(-3), null, 1));
  h.close();
});
