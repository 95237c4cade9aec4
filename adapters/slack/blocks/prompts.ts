import { capLabel, type Topic } from '../../../src/index.js';

/** Slack shows at most four suggested prompts in an assistant thread. */
export const MAX_PROMPTS = 4;

/**
 * Suggested prompts for Slack's assistant thread: what employees ask about most, each sent as an
 * example phrasing of its article, so pressing one gets that article's answer. Plain text only.
 */
export function suggestedPrompts(topics: readonly Topic[]): { title: string; message: string }[] {
  return topics
    .slice(0, MAX_PROMPTS)
    .map((t) => ({ title: capLabel(t.title, 75), message: capLabel(t.question, 200) }));
}
