import { describe, expect, it } from 'vitest';
import { clientMessage } from './client-message.js';

describe('clientMessage', () => {
  it('keeps the first line and names files without their folders', () => {
    expect(
      clientMessage(new Error('IO Error: No files found that match the pattern "/tmp/jha-upload-Xy12/cases.csv"\nLINE 1: select …')),
    ).toBe('IO Error: No files found that match the pattern "cases.csv"');
    expect(clientMessage(new Error('cannot open C:\\Users\\ops\\AppData\\x.xlsx'))).toBe('cannot open x.xlsx');
    expect(clientMessage('x'.repeat(400))).toHaveLength(298);
  });
});
