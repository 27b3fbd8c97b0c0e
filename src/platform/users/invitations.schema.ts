// Request and response schemas of invitations (the single source of their types).
import { Type, type Static } from 'typebox';
import { Nullable } from '../http/schemas.js';
import { LOCALES } from '../locales.js';
import { PartnerCode, RoleSchema } from './users.schema.js';

export const InvitationStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('used'),
  Type.Literal('revoked'),
  Type.Literal('expired'),
]);

export const InvitationSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  partner: Nullable(Type.String()),
  domains: Nullable(Type.Array(Type.String())),
  status: InvitationStatus,
  createdBy: Type.String({ description: 'who invited (e-mail address, or cli:…)' }),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  emailedAt: Nullable(Type.String()),
  usedAt: Nullable(Type.String()),
});
export type InvitationView = Static<typeof InvitationSchema>;

export const CreateInvitationBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    role: RoleSchema,
    partner: Type.Optional(Nullable(PartnerCode)),
    domains: Type.Optional(Nullable(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }))),
    language: Type.Optional(
      Type.Union(
        LOCALES.map((l) => Type.Literal(l)),
        { description: 'the language of the invitation e-mail; English unless given' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CreateInvitation = Static<typeof CreateInvitationBody>;

export const CreatedInvitationSchema = Type.Object({
  invitation: InvitationSchema,
  emailed: Type.Boolean({ description: 'the link was e-mailed to the invited address' }),
  link: Nullable(Type.String({ description: 'the link to hand over yourself, only when it could not be e-mailed (shown once)' })),
});

export const InvitationToken = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) }, { additionalProperties: false });

/** What the acceptance page shows: who is invited as what, and how they may sign in. */
export const InvitationDetailsSchema = Type.Object({
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  partner: Nullable(Type.String()),
  expiresAt: Type.String(),
  /** A second factor must be set up right after the password (MFA_REQUIRED_ROLES). */
  secondFactorRequired: Type.Boolean(),
  providers: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
});

export const AcceptInvitationBody = Type.Object(
  {
    token: Type.String({ minLength: 20, maxLength: 200 }),
    password: Type.String({ minLength: 12, maxLength: 1024 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AcceptInvitation = Static<typeof AcceptInvitationBody>;
