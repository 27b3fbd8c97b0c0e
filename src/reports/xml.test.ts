import { describe, expect, it } from 'vitest';
import { el, escapeAttribute, escapeText, xmlDocument } from './xml.js';

describe('XML writer', () => {
  it('escapes texts and attributes and drops what XML 1.0 cannot carry', () => {
    expect(escapeText('a < b & c > d\u0001')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttribute('say "hi"\n')).toBe('say &quot;hi&quot;&#10;');
    expect(xmlDocument(el('a', { id: 'x&y', skip: undefined }, el('b', {}, '<1>'), el('c')))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a id="x&amp;y">\n  <b>&lt;1&gt;</b>\n  <c/>\n</a>\n',
    );
  });
});
