import { describe, expect, it } from 'vitest';
import { renderArticle } from '../../src/conversation/render.js';
import { makeArticle } from '../retrieval/helpers.js';

const article = makeArticle({
  id: 'printer-en',
  title: 'Printer not printing',
  body: [
    'Most printing problems have a quick fix.',
    '',
    '## Check where the job went',
    '1. Open the print queue.',
    '2. Cancel stuck jobs.',
    '',
    '## The printer shows an error',
    'Paper jams and empty trays show on the printer panel; clear them as the panel says.',
  ].join('\n'),
});

const shown = (sectionId: string | undefined) =>
  (renderArticle(article, sectionId, undefined) as { sectionHeading: string }).sectionHeading;

describe('renderArticle', () => {
  it('quotes the section retrieval chose, with steps or without', () => {
    expect(shown('printer-en#1')).toBe('Check where the job went');
    expect(shown('printer-en#2')).toBe('The printer shows an error');
  });

  it('quotes the first steps instead of an intro without steps', () => {
    expect(shown('printer-en#0')).toBe('Check where the job went');
    expect(shown(undefined)).toBe('Check where the job went');
  });
});
