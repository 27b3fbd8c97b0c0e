import { expect, it } from 'vitest';
import { counted } from './words.js';

it('counts a noun in the singular or the plural, thousands grouped', () => {
  expect([counted(1, 'warning'), counted(0, 'warning'), counted(2500, 'entry', 'entries')]).toEqual([
    '1 warning',
    '0 warnings',
    '2,500 entries',
  ]);
});
