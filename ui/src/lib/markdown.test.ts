import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders emphasis, lists and headings', () => {
    const html = renderMarkdown('# Lead\n\nSee **this** and *that*.\n\n- one\n- two');
    expect(html).toContain('<h3>Lead</h3>');
    expect(html).toContain('<strong>this</strong>');
    expect(html).toContain('<em>that</em>');
    expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
  });

  it('never lets HTML from a note through', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('links only to http and https addresses', () => {
    expect(renderMarkdown('[a](https://sana.sy/x)')).toContain('href="https://sana.sy/x"');
    expect(renderMarkdown('[a](javascript:alert(1))')).not.toContain('href');
  });
});
