// Reading single environment variables for the configuration: a wrong value throws a ConfigError
// naming the variable.
import { ConfigError } from './errors.js';

export type Env = Record<string, string | undefined>;

export function parseBoolean(variable: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(variable, `"${value}" is not a yes/no value (use true or false).`);
}

export function parseCount(variable: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim();
  if (!/^\d+$/.test(v) || Number(v) > max) throw new ConfigError(variable, `"${value}" is not a whole number from 0 to ${max}.`);
  return Number(v);
}
