// Request and response schemas of the user administration API (the single source of their types).
import { Type } from 'typebox';

export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('commission'),
  Type.Literal('reviewer'),
  Type.Literal('coordinator'),
]);
export const PartnerCode = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code (Kosovo: XK; the EU: EU)' });

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  partner: Type.Union([Type.String(), Type.Null()]),
  domains: Type.Union([Type.Array(Type.String()), Type.Null()], {
    description: 'reviewers: the domains they review; null for every domain',
  }),
  disabled: Type.Boolean(),
  language: Type.Union([Type.String(), Type.Null()], { description: 'the language of the web app the user chose; null: the browser’s' }),
  /** The user list (admins): a second factor (TOTP) is set up. */
  secondFactor: Type.Optional(Type.Boolean()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const UserIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    role: RoleSchema,
    partner: Type.Optional(Type.Union([PartnerCode, Type.Null()])),
    domains: Type.Optional(Type.Union([Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }), Type.Null()])),
    password: Type.String({ minLength: 12, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    partner: Type.Optional(Type.Union([PartnerCode, Type.Null()])),
    domains: Type.Optional(Type.Union([Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }), Type.Null()])),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ResetPasswordBody = Type.Object(
  { password: Type.String({ minLength: 12, maxLength: 1024 }) },
  { additionalProperties: false },
);
