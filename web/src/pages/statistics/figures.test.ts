import { describe, expect, it } from 'vitest';
import { isObsStatus, isUnpublished, leastAdvanced } from './figures.js';

describe('the status of a figure', () => {
  it('marks every status before publication, and neither published figures nor missing ones', () => {
    expect(['draft', 'returned', 'submitted', 'approved'].every((s) => isUnpublished(s as 'draft'))).toBe(true);
    expect(isUnpublished('published')).toBe(false);
    expect(isUnpublished(null)).toBe(false);
    expect(isUnpublished(undefined)).toBe(false);
  });

  it('takes the least advanced status of the figures a sum rests on', () => {
    expect(leastAdvanced(['published', 'approved', 'submitted'])).toBe('submitted');
    expect(leastAdvanced(['submitted', 'returned'])).toBe('returned');
    expect(leastAdvanced(['published', null, 'draft'])).toBe('draft');
    expect(leastAdvanced(['published', 'published'])).toBe('published');
    expect(leastAdvanced([null, undefined])).toBeNull();
    expect(leastAdvanced([])).toBeNull();
  });

  it('knows the SDMX observation status codes', () => {
    expect(isObsStatus('E')).toBe(true);
    expect(isObsStatus('X')).toBe(false);
    expect(isObsStatus(null)).toBe(false);
  });
});
