/**
 * Where one message may state more than one problem ("vpn drops and outlook is slow", "не
 * работает впн, и ещё принтер не печатает"): sentence ends and the words people join two problems
 * with. Splitting is only a proposal: retrieval keeps a split when each part alone finds its own
 * article confidently (see `combineProblems`), so "printer and scanner not working" stays one.
 */

/** Joining words, longest first so that "and also" wins over "and"; matched as whole words. */
const CONNECTORS = [
  ...['and also', 'and another thing', 'another thing', 'on top of that', 'in addition', 'additionally'],
  ...['as well as', 'also', 'plus', 'besides', 'and'],
  ...['и ещё', 'и еще', 'а ещё', 'а еще', 'а также', 'и также', 'кроме того', 'к тому же', 'также'],
  ...['плюс', 'ещё', 'еще', 'и'],
];

const LETTER = '\\p{L}\\p{N}';
const CONNECTOR = new RegExp(
  `(?<![${LETTER}])(?:${CONNECTORS.map((c) => c.replace(/ /g, '\\s+')).join('|')})(?![${LETTER}])`,
  'giu',
);

/** Sentence ends (". " "! " "? " "; "), line breaks, and a comma that only separates. */
const SENTENCE_END = /[.!?;]+(?=\s|$)|[\r\n]+/u;

/** A part needs this many words to state a problem on its own ("vpn drops", "wifi down"). */
export const MIN_PART_WORDS = 2;

/** More parts than this and the message is a story, not a list of problems: it is not split. */
export const MAX_PARTS = 4;

/** Longest message worth splitting; longer ones are read as a whole. */
export const MAX_SPLIT_CHARS = 500;

function wordCount(text: string): number {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
}

/**
 * The parts of a message that could each be a problem, in message order, or an empty list when
 * the message does not split into at least two parts of `MIN_PART_WORDS` words (at most
 * `MAX_PARTS`). Parts too short to stand alone ("printer" in "printer and scanner") join the
 * part before them, or the next one when they come first.
 */
export function problemParts(text: string): string[] {
  if (text.length > MAX_SPLIT_CHARS) return [];
  const pieces = text
    .split(SENTENCE_END)
    .flatMap((sentence) => sentence.split(CONNECTOR))
    .map((piece) => piece.replace(/^[\s,:-]+|[\s,:-]+$/gu, ''))
    .filter((piece) => /[\p{L}\p{N}]/u.test(piece));
  const parts: string[] = [];
  let pending = '';
  for (const piece of pieces) {
    const joined = pending ? `${pending} ${piece}` : piece;
    if (wordCount(joined) < MIN_PART_WORDS) {
      pending = joined;
      continue;
    }
    pending = '';
    parts.push(joined);
  }
  if (pending && parts.length > 0) parts[parts.length - 1] = `${parts[parts.length - 1]} ${pending}`;
  return parts.length >= 2 && parts.length <= MAX_PARTS ? parts : [];
}
