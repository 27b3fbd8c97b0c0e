// Request and response schemas of the submissions API.
import { Type, type Static } from 'typebox';
import { Nullable } from '../platform/http/schemas.js';

export const SubmissionStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('returned'),
  Type.Literal('approved'),
  Type.Literal('published'),
]);

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
    obsStatus: Type.Optional(
      Type.Union([Type.String({ maxLength: 2, description: 'SDMX observation status: A, B, E, P or M' }), Type.Null()]),
    ),
    evidence: Type.Optional(
      Type.Union([
        Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 20, description: 'evidence links: http(s) URLs' }),
        Type.Null(),
      ]),
    ),
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
    status: Type.Optional(SubmissionStatus),
  },
  { additionalProperties: false },
);

/** One submission with its values, findings and thread, as far as the caller may see it. */
export const SubmissionViewSchema = Type.Object({
  id: Nullable(Type.String()),
  dataset: Type.String(),
  partner: Type.String(),
  period: Type.String(),
  status: Type.Union([SubmissionStatus, Type.Literal('not_started')]),
  version: Type.Integer(),
  dueDate: Type.String(),
  late: Type.Boolean(),
  updatedAt: Nullable(Type.String()),
  orgUnitsComplete: Type.Boolean({ description: 'the partner declared its org-unit list complete: totals may be summed from org units' }),
  releases: Type.Integer({ description: 'how many times it was published (see …/releases)' }),
  publishAt: Nullable(
    Type.String({ description: 'the publication scheduled for this moment (nothing of it is public before then); null: none' }),
  ),
  values: Type.Array(
    Type.Object({
      variable: Type.String(),
      orgUnit: Nullable(Type.String()),
      coords: Type.Record(Type.String(), Type.String()),
      unit: Type.String({ description: "the value's unit: its variable's, or the one the code of its unit_by dimension names" }),
      value: Type.Union([Type.Number(), Type.String(), Type.Null()]),
      comment: Nullable(Type.String()),
      obsStatus: Nullable(
        Type.String({ description: 'SDMX observation status: A, B (break in series), E (estimated), P (provisional), M (missing)' }),
      ),
      evidence: Type.Array(Type.String(), { description: 'evidence links (http(s) URLs); [] for none' }),
    }),
  ),
  findings: Type.Array(
    Type.Object({
      key: Type.String(),
      ruleCode: Type.String(),
      kind: Type.String(),
      severity: Type.String(),
      orgUnit: Nullable(Type.String()),
      coords: Type.Record(Type.String(), Type.String()),
      message: Type.String(),
      details: Type.Unknown({ description: 'the values the finding is about' }),
      comment: Nullable(Type.Object({ text: Type.String(), author: Type.String(), at: Type.String() })),
    }),
  ),
  events: Type.Array(Type.Object({ at: Type.String(), author: Type.String(), kind: Type.String(), body: Type.String() })),
  can: Type.Object({
    edit: Type.Boolean(),
    submit: Type.Boolean(),
    return: Type.Boolean(),
    approve: Type.Boolean(),
    publish: Type.Boolean(),
    reopen: Type.Boolean(),
    comment: Type.Boolean(),
  }),
});
export type SubmissionView = Static<typeof SubmissionViewSchema>;

export const SaveValuesResult = Type.Object({
  version: Type.Integer(),
  status: SubmissionStatus,
  created: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
  removed: Type.Integer(),
});
export const PublishBody = Type.Object(
  {
    version: Type.Integer({ minimum: 0 }),
    publishAt: Type.Optional(
      Type.String({
        maxLength: 40,
        description:
          'schedule the publication for this moment (ISO date-time with zone, within a year); nothing of it is public before then',
        examples: ['2027-01-15T10:00:00+01:00'],
      }),
    ),
  },
  { additionalProperties: false },
);

export const TransitionResult = Type.Object({
  status: SubmissionStatus,
  version: Type.Integer(),
  publishAt: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'the scheduled publication, if any' })),
});

export const OverviewParams = Type.Object({ dataset: Type.String({ maxLength: 100 }), period: Type.String({ maxLength: 8 }) });
export const OverviewRowSchema = Type.Object({
  partner: Type.String(),
  name: Type.String(),
  status: Type.Union([SubmissionStatus, Type.Literal('not_started'), Type.Literal('not_published')], {
    description: 'not_published: another partner’s data not yet published (a coordinator sees no more of it)',
  }),
  version: Type.Integer(),
  updatedAt: Nullable(Type.String()),
  dueDate: Type.String(),
  late: Type.Boolean(),
});
export type OverviewRow = Static<typeof OverviewRowSchema>;
