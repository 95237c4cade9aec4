import { describe, expect, test } from 'vitest';
import { TerminalButtons } from '../../../adapters/terminal/buttons.js';

const yesNo = [
  { id: 'feedback:yes', label: 'Yes' },
  { id: 'feedback:no', label: 'No' },
];

describe('TerminalButtons', () => {
  test('a typed number picks the button printed with it', () => {
    const buttons = new TerminalButtons();
    buttons.show(yesNo);
    expect(buttons.pick('1')).toEqual(yesNo[0]);
    expect(buttons.pick('2')).toEqual(yesNo[1]);
  });

  test('numbers without a button, and anything else, pick nothing', () => {
    const buttons = new TerminalButtons();
    expect(buttons.pick('1')).toBeUndefined();
    buttons.show(yesNo);
    for (const line of ['0', '3', '-1', '1.0', ' 1', 'one', '1 please', ''])
      expect(buttons.pick(line), line).toBeUndefined();
  });

  test('newer buttons replace the old ones; a batch without buttons keeps them', () => {
    const buttons = new TerminalButtons();
    buttons.show(yesNo);
    buttons.show([{ id: 'rating:1', label: '1' }]);
    expect(buttons.pick('1')?.id).toBe('rating:1');
    expect(buttons.pick('2')).toBeUndefined();
    buttons.show([]);
    expect(buttons.pick('1')?.id).toBe('rating:1');
  });

  test('clear forgets the buttons, so a number is text again', () => {
    const buttons = new TerminalButtons();
    buttons.show(yesNo);
    buttons.clear();
    expect(buttons.pick('1')).toBeUndefined();
  });

  test('later changes to the shown array do not change the buttons', () => {
    const buttons = new TerminalButtons();
    const shown = [...yesNo];
    buttons.show(shown);
    shown.length = 0;
    expect(buttons.pick('2')?.id).toBe('feedback:no');
  });
});
