// The sign-in settings of config.ts: OpenID Connect providers and the roles that need a second factor.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'jha-sign-in-config-'));
const base = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, JHA_DEMO: 'false' };
const EU_LOGIN = 'https://ecas.ec.europa.eu/cas/oauth2';

function message(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('sign-in configuration', () => {
  it('has no provider and requires a second factor of admins and the Commission by default (none on a demo database)', () => {
    expect(loadConfig(base).signIn).toEqual({ oidcProviders: [], mfaRequiredRoles: ['admin', 'commission'] });
    expect(loadConfig({ ...base, JHA_DEMO: 'true' }).signIn?.mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ ...base, MFA_REQUIRED_ROLES: 'admin, coordinator' }).signIn?.mfaRequiredRoles).toEqual(['admin', 'coordinator']);
    expect(loadConfig({ ...base, MFA_REQUIRED_ROLES: 'none' }).signIn?.mfaRequiredRoles).toEqual([]);
    expect(message({ MFA_REQUIRED_ROLES: 'admins' })).toBe(
      'MFA_REQUIRED_ROLES: "admins" is not one of admin, commission, reviewer, coordinator (or none).',
    );
  });

  it('reads one provider from OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, configured as EU Login needs it', () => {
    const config = loadConfig({
      ...base,
      OIDC_ISSUER: `${EU_LOGIN}/`,
      OIDC_CLIENT_ID: 'jha-hub',
      OIDC_CLIENT_SECRET: 's3cret-s3cret-s3cret-s3cret-s3cret',
      OIDC_CLIENT_AUTH: 'client_secret_jwt',
      OIDC_ID_TOKEN_ALG: 'PS512',
      OIDC_LABEL: 'Sign in with EU Login',
      OIDC_TRUST_EMAIL: 'true',
    });
    expect(config.signIn?.oidcProviders).toEqual([
      {
        id: 'default',
        label: 'Sign in with EU Login',
        issuer: EU_LOGIN,
        clientId: 'jha-hub',
        clientAuth: 'client_secret_jwt',
        clientSecret: 's3cret-s3cret-s3cret-s3cret-s3cret',
        privateKey: null,
        scopes: ['openid', 'email', 'profile'],
        idTokenAlg: 'PS512',
        trustEmail: true,
        clockToleranceSeconds: 30,
        roleMapping: null,
      },
    ]);
    const plain = loadConfig({ ...base, OIDC_ISSUER: 'https://id.example.org', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' });
    expect(plain.signIn?.oidcProviders[0]).toMatchObject({
      clientAuth: 'client_secret_basic',
      idTokenAlg: 'RS256',
      label: 'Sign in with id.example.org',
    });
  });

  it('reads several providers from OIDC_PROVIDERS, each with its OIDC_<ID>_ variables, keys from PEM or JWK files', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = join(dir, 'client.pem');
    writeFileSync(pem, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const jwk = join(dir, 'client.jwk');
    writeFileSync(jwk, JSON.stringify({ ...rsa.export({ format: 'jwk' }), kid: 'key-1', alg: 'PS256' }));
    const config = loadConfig({
      ...base,
      OIDC_PROVIDERS: 'eulogin, mup-rs,ks',
      OIDC_EULOGIN_ISSUER: EU_LOGIN,
      OIDC_EULOGIN_CLIENT_ID: 'jha',
      OIDC_EULOGIN_CLIENT_SECRET: 'secret',
      OIDC_EULOGIN_CLIENT_AUTH: 'client_secret_jwt',
      OIDC_MUP_RS_ISSUER: 'https://sso.mup.example.rs/realms/gov',
      OIDC_MUP_RS_CLIENT_ID: 'jha',
      OIDC_MUP_RS_PRIVATE_KEY_FILE: pem,
      OIDC_MUP_RS_SCOPES: 'openid email groups',
      OIDC_MUP_RS_ROLE_CLAIM: 'groups',
      OIDC_MUP_RS_ROLE_MAP: 'jha-coordinators=coordinator:rs, jha-experts=reviewer',
      OIDC_KS_ISSUER: 'http://localhost:8900',
      OIDC_KS_CLIENT_ID: 'jha',
      OIDC_KS_PRIVATE_KEY_FILE: jwk,
      OIDC_KS_CLOCK_TOLERANCE: '5',
    });
    const [eu, rs, ks] = config.signIn!.oidcProviders;
    expect(eu).toMatchObject({ id: 'eulogin', clientAuth: 'client_secret_jwt', label: 'Sign in with ecas.ec.europa.eu' });
    expect(rs).toMatchObject({
      id: 'mup-rs',
      clientAuth: 'private_key_jwt',
      clientSecret: null,
      privateKey: { alg: 'ES256', kid: null },
      scopes: ['openid', 'email', 'groups'],
      roleMapping: {
        claim: 'groups',
        map: { 'jha-coordinators': { role: 'coordinator', partner: 'RS' }, 'jha-experts': { role: 'reviewer', partner: null } },
      },
    });
    expect(rs!.privateKey!.pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(ks).toMatchObject({ id: 'ks', privateKey: { alg: 'PS256', kid: 'key-1' }, clockToleranceSeconds: 5 });
  });

  it('names the variable and what is wrong', () => {
    const one = { OIDC_ISSUER: EU_LOGIN, OIDC_CLIENT_ID: 'jha', OIDC_CLIENT_SECRET: 'secret' };
    expect(message({ OIDC_CLIENT_ID: 'jha' })).toBe('OIDC_ISSUER: is required for the provider "default" (its issuer URL).');
    expect(message({ ...one, OIDC_ISSUER: 'http://id.example.org' })).toBe(
      'OIDC_ISSUER: "http://id.example.org" must start with https:// (http:// only for localhost).',
    );
    expect(message({ ...one, OIDC_CLIENT_SECRET: '' })).toBe(
      'OIDC_CLIENT_SECRET: is required with client_secret_basic (or set OIDC_PRIVATE_KEY_FILE for private_key_jwt).',
    );
    expect(message({ ...one, OIDC_CLIENT_AUTH: 'mtls' })).toBe(
      'OIDC_CLIENT_AUTH: "mtls" is not one of client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt.',
    );
    expect(message({ ...one, OIDC_CLIENT_AUTH: 'private_key_jwt' })).toBe(
      'OIDC_PRIVATE_KEY_FILE: is required with private_key_jwt (a PEM file or a private JWK).',
    );
    expect(message({ ...one, OIDC_PRIVATE_KEY_FILE: join(dir, 'missing.pem') })).toBe(
      `OIDC_PRIVATE_KEY_FILE: cannot read "${join(dir, 'missing.pem')}" (ENOENT).`,
    );
    expect(message({ ...one, OIDC_SCOPES: 'email profile' })).toBe('OIDC_SCOPES: must include openid (e.g. "openid email profile").');
    expect(message({ ...one, OIDC_ID_TOKEN_ALG: 'HS256' })).toMatch(/^OIDC_ID_TOKEN_ALG: "HS256" is not one of RS256, /);
    expect(message({ ...one, OIDC_ROLE_CLAIM: 'groups' })).toBe('OIDC_ROLE_MAP: OIDC_ROLE_CLAIM and OIDC_ROLE_MAP go together.');
    expect(message({ ...one, OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: 'staff=coordinator' })).toBe(
      'OIDC_ROLE_MAP: "staff=coordinator": a coordinator needs a partner (coordinator:AL), and only a coordinator has one.',
    );
    expect(message({ ...one, OIDC_PROVIDERS: 'eulogin' })).toBe(
      'OIDC_ISSUER: is not read when OIDC_PROVIDERS is set; use OIDC_<ID>_ISSUER for each provider listed.',
    );
    expect(message({ OIDC_PROVIDERS: 'eu login' })).toBe(
      'OIDC_PROVIDERS: "eu login" is not a provider id (letters, digits and -, starting with a letter, e.g. eulogin).',
    );
    expect(message({ OIDC_PROVIDERS: 'a,a', OIDC_A_ISSUER: EU_LOGIN, OIDC_A_CLIENT_ID: 'x', OIDC_A_CLIENT_SECRET: 'y' })).toBe(
      'OIDC_PROVIDERS: "a" is listed twice.',
    );
    expect(message({ OIDC_PROVIDERS: 'eulogin', OIDC_EULOGIN_ISSUER: EU_LOGIN })).toBe(
      'OIDC_EULOGIN_CLIENT_ID: is required for the provider "eulogin" (as registered there).',
    );
  });
});
