// Password strength (OWASP ASVS 2.1.7): a password is checked against the common and breached
// passwords, names and keyboard patterns of the zxcvbn-ts dictionaries shipped with the product
// (no network), and must reach a strength score of 3 of 4 ("safely unguessable").
import core from '@zxcvbn-ts/core';
import common from '@zxcvbn-ts/language-common';

/** The lowest accepted zxcvbn score (0 too guessable … 4 very unguessable). */
export const MIN_PASSWORD_SCORE = 3;

let factory: InstanceType<typeof core.ZxcvbnFactory> | null = null;

/** Why the password is too weak (with the dictionaries' suggestion), or null when it is strong enough. */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  factory ??= new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  // zxcvbn's cost grows with the length; beyond 100 characters the first 100 decide.
  const result = factory.check(password.slice(0, 100), userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = result.feedback.warning ? ` (${result.feedback.warning})` : '';
  return `is too easy to guess${hint}; use a longer passphrase of unrelated words`;
}
