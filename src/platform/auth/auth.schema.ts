// Request and response schemas of signing in (the single source of their types).
import { Type } from 'typebox';
import { Nullable } from '../http/schemas.js';
import { UserSchema } from '../users/users.schema.js';

export const MeSchema = Type.Object({ user: UserSchema, csrfToken: Nullable(Type.String()) });

/** Who this browser is, for anyone: a visitor gets `user: null` with 200, not a 401 to log. */
export const SessionSchema = Type.Object({ user: Nullable(UserSchema), csrfToken: Nullable(Type.String()) });

/** 202 of a right password whose second factor is still to come (the jha_pending cookie is set). */
export const SecondFactorDueSchema = Type.Object({
  secondFactor: Type.Union([Type.Literal('totp'), Type.Literal('enrol')], {
    description: 'totp: send a code to /auth/second-factor; enrol: set one up with /auth/second-factor/enrolment first',
  }),
});

export const CodeBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 40, description: 'the 6 digits of the authenticator app, or a recovery code' }) },
  { additionalProperties: false },
);

export const EnrolmentSchema = Type.Object({
  secret: Type.String({ description: 'base32, to type into an app that cannot scan (shown during set-up only)' }),
  uri: Type.String({ description: 'the otpauth:// URI' }),
  qrCode: Type.String({ description: 'the QR code of the URI as an SVG data URL' }),
});

export const RecoveryCodesSchema = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'each works once; shown now only' }),
});

/** The set-up on the way in: signed in, with the recovery codes shown once. */
export const SignedInWithCodesSchema = Type.Object({
  user: UserSchema,
  csrfToken: Nullable(Type.String()),
  recoveryCodes: RecoveryCodesSchema.properties.recoveryCodes,
});

export const SignInDetailsSchema = Type.Object({
  password: Type.Boolean({ description: 'the account has a local password' }),
  secondFactor: Type.Object({ enabled: Type.Boolean(), required: Type.Boolean(), recoveryCodesLeft: Type.Integer() }),
  identities: Type.Array(
    Type.Object({
      provider: Type.String(),
      issuer: Type.String(),
      email: Nullable(Type.String()),
      linkedAt: Type.String(),
      lastSignInAt: Nullable(Type.String()),
    }),
  ),
});

export const ProvidersSchema = Type.Object({ providers: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })) });
