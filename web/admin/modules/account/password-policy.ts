import { t } from '../../i18n';

/**
 * The server's complexity rule (server/platform/passwords.ts) checked as the user types, so
 * the form says what is wrong before a round trip; the server still decides.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 8) return t.account.tooShort;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return t.account.tooFewClasses;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return t.account.containsUsername;
  return null;
}

/** 0–4: one point per character class, one for length ≥ 12. */
export function passwordStrength(password: string): number {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return Math.min(4, Math.max(0, classes - 1) + (password.length >= 12 ? 1 : 0));
}
