import { describe, expect, it } from 'vitest';
import { comparisonSentence, expressionInWords, formatFigure } from './findings.js';

const labels: Record<string, string> = {
  'cases.pending_start': 'Pending cases at 1 January',
  'cases.incoming': 'Incoming cases',
  'cases.resolved': 'Resolved cases',
  'cases.pending_end': 'Pending cases at 31 December',
  'arrivals.registered': 'EURODAC registrations',
};
const labelOf = (code: string) => labels[code];

describe('findings in plain words', () => {
  it('groups thousands and uses a real minus sign', () => {
    expect([formatFigure(30500), formatFigure(-1234.567), formatFigure(0.5)]).toEqual(['30,500', '−1,234.57', '0.5']);
  });

  it('says an expression with the variables’ names and the operators in words', () => {
    expect(expressionInWords('cases.pending_start + cases.incoming - cases.resolved', labelOf)).toBe(
      'Pending cases at 1 January plus incoming cases minus resolved cases',
    );
    expect(expressionInWords('prev(cases.pending_end)', labelOf)).toBe('The previous period’s pending cases at 31 December');
    expect(expressionInWords('arrivals.registered', labelOf)).toBe('EURODAC registrations');
    expect(expressionInWords('cases.unknown', labelOf)).toBe('Cases.unknown');
  });

  it('makes the comparison a sentence, a number side shown as the number', () => {
    expect(
      comparisonSentence(
        {
          left: 30500,
          right: 40000,
          operator: '==',
          leftExpression: 'cases.pending_start + cases.incoming - cases.resolved',
          rightExpression: 'cases.pending_end',
        },
        labelOf,
      ),
    ).toBe(
      'Pending cases at 1 January plus incoming cases minus resolved cases (30,500) should equal pending cases at 31 December (40,000).',
    );
    expect(
      comparisonSentence({ left: -5, right: 0, operator: '>=', leftExpression: 'cases.incoming', rightExpression: '0' }, labelOf),
    ).toBe('Incoming cases (−5) should be at least 0.');
    expect(comparisonSentence({ left: 1, right: 2 }, labelOf)).toBe(null);
  });
});
