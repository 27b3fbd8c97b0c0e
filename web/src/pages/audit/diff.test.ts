import { describe, expect, it } from 'vitest';
import { compactJson, diffFields, sameValue } from './diff.js';

describe('the fields an audit entry changed', () => {
  it('lists changed, removed and added fields, and leaves out the unchanged ones', () => {
    const before = { email: 'ana@example.org', role: 'reviewer', disabled: false, domains: ['justice'] };
    const after = { email: 'ana@example.org', role: 'coordinator', disabled: true, partner: 'ME' };
    expect(diffFields(before, after)).toEqual([
      { field: 'role', kind: 'changed', before: 'reviewer', after: 'coordinator' },
      { field: 'disabled', kind: 'changed', before: false, after: true },
      { field: 'domains', kind: 'removed', before: ['justice'] },
      { field: 'partner', kind: 'added', after: 'ME' },
    ]);
  });

  it('compares nested objects and lists whole, an object regardless of the order of its keys', () => {
    const before = { key: { partner: 'AL', year: 2024 }, values: [1, 2], meta: { a: 1, b: { c: 2 } } };
    expect(diffFields(before, { key: { year: 2024, partner: 'AL' }, values: [2, 1], meta: { b: { c: 3 }, a: 1 } })).toEqual([
      { field: 'values', kind: 'changed', before: [1, 2], after: [2, 1] },
      { field: 'meta', kind: 'changed', before: { a: 1, b: { c: 2 } }, after: { b: { c: 3 }, a: 1 } },
    ]);
  });

  it('tells a field set to null from a field that is gone', () => {
    expect(diffFields({ partner: 'ME', secondFactor: 'totp' }, { partner: 'ME', secondFactor: null })).toEqual([
      { field: 'secondFactor', kind: 'changed', before: 'totp', after: null },
    ]);
    expect(diffFields({ publishAt: null }, {})).toEqual([{ field: 'publishAt', kind: 'removed', before: null }]);
  });

  it('lists every field of a creation as added, and nothing for two equal states', () => {
    expect(diffFields(null, { to: 'ana@example.org', replaced: 0 })).toEqual([
      { field: 'to', kind: 'added', after: 'ana@example.org' },
      { field: 'replaced', kind: 'added', after: 0 },
    ]);
    expect(diffFields(undefined, undefined)).toEqual([]);
    expect(diffFields({ read: true }, { read: true })).toEqual([]);
  });

  it('compares states that are not objects whole', () => {
    expect(diffFields(['a', 'b'], ['b', 'a'])).toEqual([{ field: '', kind: 'changed', before: ['a', 'b'], after: ['b', 'a'] }]);
    expect(diffFields(null, ['a'])).toEqual([{ field: '', kind: 'added', after: ['a'] }]);
    expect(diffFields([1], null)).toEqual([{ field: '', kind: 'removed', before: [1] }]);
    expect(diffFields([1], [1])).toEqual([]);
  });

  it('deep equality and compact JSON', () => {
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(compactJson({ b: { c: [1, 2] } })).toBe('{"b":{"c":[1,2]}}');
    expect(compactJson({ text: 'x'.repeat(20) }, 10)).toBe('{"text":"x…');
  });
});
