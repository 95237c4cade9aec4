/**
 * The few Adaptive Card elements the bot sends, as plain data (no SDK types), so that card
 * builders stay pure functions that tests can compare, and a move to another Teams SDK keeps them.
 */

/** The card schema version: 1.5 is what Teams supports on desktop, web and mobile. */
export const CARD_VERSION = '1.5';

/** The attachment content type Teams expects for an Adaptive Card. */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A button that posts `data` back to the bot as a message activity's `value`. */
export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: { action: string };
  style?: 'positive' | 'destructive';
}

/** An element of a card body. */
export type CardElement =
  | {
      type: 'TextBlock';
      text: string;
      wrap: true;
      weight?: 'Bolder';
      size?: 'Medium' | 'Small';
      isSubtle?: boolean;
      color?: 'Attention' | 'Warning' | 'Good' | 'Accent';
      spacing?: 'Medium' | 'Small';
      separator?: boolean;
    }
  | { type: 'FactSet'; facts: { title: string; value: string }[] }
  | { type: 'ActionSet'; actions: SubmitAction[] }
  | { type: 'Container'; items: CardElement[]; style?: 'emphasis' | 'good' | 'attention' | 'warning' };

/** A whole card. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: SubmitAction[];
  msteams?: { width: 'Full' };
}

/** A card from its body and card-level actions. */
export function adaptiveCard(body: CardElement[], actions: SubmitAction[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/** A wrapping TextBlock of already escaped markdown. */
export function textBlock(
  text: string,
  extra: Omit<Extract<CardElement, { type: 'TextBlock' }>, 'type' | 'text' | 'wrap'> = {},
): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** A button whose id comes back verbatim as `value.action`. */
export function submit(title: string, action: string, style?: SubmitAction['style']): SubmitAction {
  return { type: 'Action.Submit', title, data: { action }, ...(style ? { style } : {}) };
}

/** A card as a message attachment. */
export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}
