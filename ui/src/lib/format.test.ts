import { describe, expect, it } from 'vitest';
import { paragraphs, snippetSegments, textToAuthors, looksLikeLink } from './format';

describe('snippetSegments', () => {
  it('splits hits out of a snippet as text, never as markup', () => {
    expect(snippetSegments('a \u0002Lavrov\u0003 <b>said</b>')).toEqual([
      { text: 'a ', hit: false },
      { text: 'Lavrov', hit: true },
      { text: ' <b>said</b>', hit: false },
    ]);
  });
});

describe('paragraphs', () => {
  it('splits on blank lines and drops empty ones', () => {
    expect(paragraphs('One\n\n\nTwo\nstill two\n\n')).toEqual(['One', 'Two\nstill two']);
  });
});

describe('textToAuthors', () => {
  it('reads authors separated by semicolons', () => {
    expect(textToAuthors('Manar al-Frieh; Haifa Said ;')).toEqual(['Manar al-Frieh', 'Haifa Said']);
  });
});

describe('looksLikeLink', () => {
  it('takes a lone web address and nothing else', () => {
    expect(looksLikeLink('https://www.reuters.com/world/a-b-2015-04-07/')).toBe(true);
    expect(looksLikeLink('  http://127.0.0.1:8080/page.html\n')).toBe(true);
    expect(looksLikeLink('Lavrov said https://example.org/x')).toBe(false);
    expect(looksLikeLink('https://a.org/one https://b.org/two')).toBe(false);
    expect(looksLikeLink('ftp://example.org/file')).toBe(false);
    expect(looksLikeLink('example.org')).toBe(false);
  });
});
