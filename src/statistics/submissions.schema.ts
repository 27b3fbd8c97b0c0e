// Request and response schemas of the submissions API.
import { Type } from '@fastify/type-provider-typebox';

export const KeyParams = Type.Object({
  dataset: Type.String({ minLength: 1, maxLength: 100 }),
  partner: Type.String({ pattern: '^[A-Za-z]{2}$' }),
  period: Type.String({ minLength: 4, maxLength: 8 }),
});

const CellValue = Type.Union([Type.Number(), Type.String({ maxLength: 40 }), Type.Null()]);
const Coords = Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 60 }));

export const ValueInputSchema = Type.Object(
  {
    variable: Type.String({ minLength: 1, maxLength: 120 }),
    orgUnit: Type.Optional(Type.Union([Type.String({ maxLength: 120 }), Type.Null()])),
    coords: Type.Optional(Coords),
    value: CellValue,
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const SaveValuesBody = Type.Object(
  {
    version: Type.Integer({ minimum: 0 }),
    values: Type.Array(ValueInputSchema, { maxItems: 20000 }),
  },
  { additionalProperties: false },
);

export const VersionBody = Type.Object({ version: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export const ReturnBody = Type.Object(
  { version: Type.Integer({ minimum: 0 }), comment: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export const ReopenBody = Type.Object(
  { version: Type.Integer({ minimum: 0 }), reason: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export const CommentBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });
/** One finding (`key`) or several at once (`keys`), all explained by the same comment. */
export const FindingCommentBody = Type.Object(
  {
    key: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    keys: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 10000 })),
    comment: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const SubmissionSummary = Type.Object({
  dataset: Type.String(),
  partner: Type.String(),
  period: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});

export const ListQuery = Type.Object(
  {
    dataset: Type.Optional(Type.String({ maxLength: 100 })),
    partner: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    period: Type.Optional(Type.String({ maxLength: 8 })),
    status: Type.Optional(Type.Union(['draft', 'submitted', 'returned', 'approved', 'published'].map((s) => Type.Literal(s)))),
  },
  { additionalProperties: false },
);
