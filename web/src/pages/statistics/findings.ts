// Findings in plain words: a rule's comparison as a sentence with the variables' names and the
// values grouped in thousands ("Pending cases at 1 January plus incoming cases minus resolved
// cases (1,100) should equal pending cases at 31 December (1,200)"), not "left side, right side".

import { formatNumber } from '../../platform/format';

const OPERATORS: Record<string, string> = {
  '==': 'should equal',
  '!=': 'should differ from',
  '<': 'should be less than',
  '<=': 'should be at most',
  '>': 'should be more than',
  '>=': 'should be at least',
};

/** A number grouped in thousands with up to 2 decimals ('1,234.5'), the minus sign a real one. */
export function formatFigure(value: number): string {
  return formatNumber(value);
}

/** An expression of the catalogue in words: codes become labels, operators words, prev(x) "the previous period's x". */
export function expressionInWords(expression: string, labelOf: (code: string) => string | undefined): string {
  const words = expression
    .replace(/prev\(\s*([A-Za-z0-9_.]+)\s*\)/g, (_m, code: string) => `the previous period’s ${lower(labelOf(code) ?? code)}`)
    .replace(/[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z0-9_.]+/g, (code) => lower(labelOf(code) ?? code))
    .replace(/\s*\+\s*/g, ' plus ')
    .replace(/\s+-\s+/g, ' minus ')
    .replace(/\s*\*\s*/g, ' times ')
    .replace(/\s*\/\s*/g, ' divided by ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function lower(label: string): string {
  // Keep acronyms and proper names ("CEPEJ", "EU") as they are; lower the first word otherwise.
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export interface ComparedDetails {
  left: number;
  right: number;
  operator?: unknown;
  leftExpression?: unknown;
  rightExpression?: unknown;
}

/**
 * The comparison of a rule finding as a sentence, or null when the details do not hold one. A side
 * that is a plain number is shown as the number alone.
 */
export function comparisonSentence(d: ComparedDetails, labelOf: (code: string) => string | undefined): string | null {
  const op = typeof d.operator === 'string' ? OPERATORS[d.operator] : undefined;
  if (!op || typeof d.leftExpression !== 'string' || typeof d.rightExpression !== 'string') return null;
  const side = (expression: string, value: number) =>
    /^-?[\d.]+$/.test(expression.trim()) ? formatFigure(value) : `${expressionInWords(expression, labelOf)} (${formatFigure(value)})`;
  const right = side(d.rightExpression, d.right);
  return `${side(d.leftExpression, d.left)} ${op} ${right.charAt(0).toLowerCase() + right.slice(1)}.`;
}
