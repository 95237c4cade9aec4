import { describe, expect, test } from 'vitest';
import { assessPriority } from '../../src/handoff/priority.js';

describe('assessPriority', () => {
  test.each([
    ['I clicked a link in a phishing email', 'security-incident'],
    ['I think my account was hacked', 'security-incident'],
    ['there is a virus on my laptop', 'security-incident'],
    ['перешёл по ссылке из подозрительного письма', 'security-incident'],
    ['кажется, взломали почту', 'security-incident'],
    ['I lost my laptop on the train', 'lost-device'],
    ['my phone was stolen', 'lost-device'],
    ['потерял ноутбук в такси', 'lost-device'],
    ['у меня украли телефон', 'lost-device'],
    ['the whole team is down, nobody can log in', 'many-affected'],
    ['весь отдел не может зайти в почту', 'many-affected'],
    ['у всех не работает интернет', 'many-affected'],
  ])('%s → high (%s)', (text, tag) => {
    const result = assessPriority([text], []);
    expect(result.priority).toBe('high');
    expect(result.matched).toContain(tag);
  });

  test('ordinary problems are normal; "not urgent" is low; high wins over low', () => {
    expect(assessPriority(['my printer does not print'], ['printer'])).toEqual({
      priority: 'normal',
      matched: [],
    });
    expect(assessPriority(['need a new mouse, not urgent'], []).priority).toBe('low');
    expect(assessPriority(['не срочно, но перешла по фишинговой ссылке'], []).priority).toBe('high');
  });

  test('article tags alone can make it high', () => {
    expect(assessPriority(['help'], ['security', 'phishing']).priority).toBe('high');
    expect(assessPriority(['help'], ['outage']).matched).toEqual(['many-affected']);
  });
});
