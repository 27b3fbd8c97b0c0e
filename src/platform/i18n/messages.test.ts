import { describe, expect, it } from 'vitest';
import {
  AuthenticationRequiredError,
  ConflictError,
  CsrfError,
  ForbiddenError,
  InvalidCodeError,
  InvalidCredentialsError,
  InvitationUnusableError,
  NotFoundError,
  ProblemsError,
  ValidationError,
  word,
} from '../errors.js';
import { renderError, renderText } from './messages.js';

describe('error messages in the reader’s language', () => {
  it('has English texts that read as the messages the code writes', () => {
    const errors = [
      new AuthenticationRequiredError(),
      new AuthenticationRequiredError('The API token is invalid or revoked.', { key: 'errors.token_invalid' }),
      new InvalidCredentialsError(),
      new InvalidCodeError(),
      new InvitationUnusableError(),
      new ForbiddenError(),
      new CsrfError(),
      new NotFoundError('Submission', 'justice.annual AL 2024'),
    ];
    expect(errors.map((e) => renderText(e.text, 'en'))).toEqual(errors.map((e) => e.message));
  });

  it('keeps English answers exactly as written, and the code and details in every language', () => {
    const error = new NotFoundError('Indicator', 'justice.x');
    expect(renderError(error, 'en')).toEqual({
      message: 'Indicator justice.x does not exist.',
      details: { entity: 'Indicator', id: 'justice.x' },
    });
    expect(renderError(error, 'sq')).toEqual({
      message: 'Treguesi justice.x nuk ekziston.',
      details: { entity: 'Indicator', id: 'justice.x' },
    });
    expect(renderError(new CsrfError(), 'sr-Cyrl').message).toBe(
      'Захтеву недостаје исправно заглавље X-CSRF-Token; поново учитајте страницу и покушајте поново.',
    );
  });

  it('keeps the English message when the error names no text, or a text the language lacks', () => {
    expect(renderError(new ForbiddenError('Only the Commission may do this.'), 'hr').message).toBe('Only the Commission may do this.');
    const unknown = new ValidationError('Something odd.', { field: 'x' }, { key: 'errors.only_in_tests' });
    expect(renderError(unknown, 'mk')).toEqual({ message: 'Something odd.', details: { field: 'x' } });
  });

  it('translates words inside a message, English where the language lacks them', () => {
    const conflict = new ConflictError(
      'Cannot approve a submission that is draft.',
      { status: 'draft' },
      {
        key: 'workflow.cannot_approve',
        params: { status: word('workflow.status.draft', 'draft') },
      },
    );
    expect(renderError(conflict, 'mk').message).toBe('Не може да се одобри поднесок што е нацрт.');
    expect(renderText({ key: 'errors.not_found', params: { entity: word('entities.Nothing', 'Nothing'), id: '7' } }, 'bs')).toBe(
      'Nothing 7 ne postoji.',
    );
  });

  it('renders each problem of a list and the summary with them, in the language’s plural, the details’ other fields unchanged', () => {
    const problems = [1, 2, 3].map((row) => ({
      row,
      column: 'partner',
      message: '"QQ" is not a known partner code',
      text: { key: 'import.unknown_partner', params: { partner: 'QQ' } },
    }));
    const error = new ProblemsError(
      'Import rejected …',
      problems,
      { key: 'import.rejected', params: { count: 3 } },
      { key: 'import.row_problem', shown: 2 },
    );
    expect(error.details).toEqual(problems.map(({ text: _text, ...rest }) => rest));
    expect(renderError(error, 'hr')).toEqual({
      message:
        'Uvoz je odbijen, ništa nije izmijenjeno: 3 problema. redak 1, partner: „QQ” nije poznata oznaka partnera; ' +
        'redak 2, partner: „QQ” nije poznata oznaka partnera; …',
      details: problems.map(({ row, column }) => ({ row, column, message: '„QQ” nije poznata oznaka partnera' })),
    });
    expect(renderError(error, 'en').message).toBe('Import rejected …');
  });
});
