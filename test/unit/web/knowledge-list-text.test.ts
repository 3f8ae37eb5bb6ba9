/**
 * The knowledge editing form's lists, typed one item a line: what the form shows for saved content
 * reads back as that content, whatever it holds — a keyword with a comma, a synonym with `=` or
 * `\`, a source address or title with `|` — so that saving an entry unchanged changes nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  sourcesOf,
  sourcesText,
  synonymsOf,
  synonymsText,
  wordsOf,
  wordsText,
} from '../../../web/src/admin/knowledge/list-text.ts';

describe('the knowledge form’s lists', () => {
  it('keep keywords with commas as they are', () => {
    const keywords = ['nodeva, valsts', 'atmaksa', 'a=b', 'x | y'];
    expect(wordsOf(wordsText(keywords))).toEqual(keywords);
    expect(wordsOf('nodeva\n\n  atmaksa  \n')).toEqual(['nodeva', 'atmaksa']);
  });

  it('keep synonyms with = and \\ as they are', () => {
    const synonyms: [string, string][] = [
      ['alimenti', 'uzturlīdzekļi'],
      ['a=b', 'c'],
      ['back\\slash', 'ends\\'],
      ['x \\= y', '=='],
    ];
    expect(synonymsOf(synonymsText(synonyms))).toEqual({ synonyms, bad: false });
    expect(synonymsOf('alimenti = uzturlīdzekļi')).toEqual({
      synonyms: [['alimenti', 'uzturlīdzekļi']],
      bad: false,
    });
    expect(synonymsOf('a = b = c').bad).toBe(true);
    expect(synonymsOf('tikai viens').bad).toBe(true);
  });

  it('keep source titles and addresses with | as they are', () => {
    const sources = [
      { title: 'Civilprocesa likums', url: 'https://likumi.lv/ta/id/50500' },
      { title: 'A | B', url: 'https://example.lv/search?q=a|b' },
      { title: 'Title|tight', url: 'https://example.lv/x|y|z' },
    ];
    expect(sourcesOf(sourcesText(sources))).toEqual({ sources, bad: false });
    expect(sourcesOf('Likums|https://likumi.lv/').sources).toEqual([
      { title: 'Likums', url: 'https://likumi.lv/' },
    ]);
    expect(sourcesOf('https://likumi.lv/').bad).toBe(true);
    expect(sourcesOf('Likums | http://likumi.lv/').bad).toBe(true);
  });
});
