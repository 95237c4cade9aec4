import type { Choice } from '../../src/index.js';

/**
 * The buttons last printed, numbered as shown, shared by the chat loop (replies to what was
 * typed) and the `TerminalNotifier` (what the core says on its own, e.g. an agent's rating
 * request after resolving), so that "1" presses whatever button [1] was printed last.
 */
export class TerminalButtons {
  private current: Choice[] = [];

  /** Remembers newly printed buttons; a batch without buttons leaves the earlier ones in place. */
  show(choices: readonly Choice[]): void {
    if (choices.length > 0) this.current = [...choices];
  }

  /**
   * Forgets the buttons: the user typed something else, or a person wrote, so a number typed next
   * is an answer ("1 or 2?"), not a press of a button from earlier.
   */
  clear(): void {
    this.current = [];
  }

  /** The buttons on screen, in their printed order ([1] first). */
  shown(): readonly Choice[] {
    return this.current;
  }

  /** The button a typed number presses, if the line is a number of a button on screen. */
  pick(line: string): Choice | undefined {
    return /^\d+$/.test(line) ? this.current[Number(line) - 1] : undefined;
  }
}
