// Request and response schemas of the register of emergency measures (the single source of its
// request types): dates as `format: date`, the closed lists as unions, texts with their limits,
// sources as http(s) addresses.
import { Type, type Static, type TLiteral, type TUnion } from 'typebox';
import { Nullable } from '../platform/http/schemas.js';
import { CATEGORIES, OUTCOMES, STATUSES } from './measures.js';

type LiteralsOf<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
function LiteralUnion<const T extends readonly string[]>(values: T): TUnion<LiteralsOf<T>> {
  return Type.Union<LiteralsOf<T>>(values.map((v) => Type.Literal(v)) as [...LiteralsOf<T>]);
}

const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptionalText = (max: number) => Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: max })]));
const Version = Type.Integer({ minimum: 1, description: 'the version that was read; a stale one gets 409' });
export const PartnerCode = Type.String({ pattern: '^[A-Za-z]{2}$' });

export const CategorySchema = LiteralUnion(CATEGORIES);
export const OutcomeSchema = LiteralUnion(OUTCOMES);
export const StatusSchema = LiteralUnion(STATUSES);

const ReviewInput = Type.Object(
  { outcome: OutcomeSchema, comment: OptionalText(2000) },
  { additionalProperties: false, description: 'a parliamentary or judicial review: its outcome and a comment' },
);

const MeasureFields = {
  title: Text(300),
  limited: Type.String({ minLength: 1, maxLength: 2000, description: 'the right or procedure it limited, in words' }),
  category: CategorySchema,
  legalBasis: Text(1000),
  adoptedBy: Text(300),
  startDate: IsoDate,
  endDate: Type.Optional(Nullable(IsoDate)),
  reviewDates: Type.Array(IsoDate, { maxItems: 50 }),
  sunsetClause: Type.Boolean(),
  sunsetDate: Type.Optional(Nullable(IsoDate)),
  parliamentaryReview: ReviewInput,
  judicialReview: ReviewInput,
  sources: Type.Array(Type.String({ maxLength: 2000, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://\\S+$' }), {
    maxItems: 20,
    description: 'http or https addresses of the act, the decision, a report',
  }),
  comment: OptionalText(2000),
};

export const CreateMeasureBody = Type.Object({ partner: PartnerCode, ...MeasureFields }, { additionalProperties: false });
export type CreateMeasureInput = Static<typeof CreateMeasureBody>;
export const UpdateMeasureBody = Type.Object({ version: Version, ...MeasureFields }, { additionalProperties: false });
export type UpdateMeasureInput = Static<typeof UpdateMeasureBody>;
export type MeasureInput = Omit<CreateMeasureInput, 'partner'>;

export const MeasureParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
export const ReturnBody = Type.Object(
  { version: Version, comment: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export const ListQuery = Type.Object(
  {
    partner: Type.Optional(PartnerCode),
    category: Type.Optional(CategorySchema),
    status: Type.Optional(StatusSchema),
  },
  { additionalProperties: false },
);
export type MeasureFilter = Static<typeof ListQuery>;

const Review = Type.Object({ outcome: OutcomeSchema, comment: Nullable(Type.String()) });

export const MeasureSchema = Type.Object({
  id: Type.String(),
  partner: Type.String(),
  title: Type.String(),
  limited: Type.String(),
  category: CategorySchema,
  legalBasis: Type.String(),
  adoptedBy: Type.String(),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  reviewDates: Type.Array(Type.String()),
  sunsetClause: Type.Boolean(),
  sunsetDate: Nullable(Type.String()),
  parliamentaryReview: Review,
  judicialReview: Review,
  sources: Type.Array(Type.String()),
  comment: Nullable(Type.String()),
  status: StatusSchema,
  returnComment: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  can: Type.Object({
    edit: Type.Boolean(),
    delete: Type.Boolean(),
    submit: Type.Boolean(),
    return: Type.Boolean(),
    approve: Type.Boolean(),
    publish: Type.Boolean(),
  }),
});
export type Measure = Static<typeof MeasureSchema>;

export const MeasureListSchema = Type.Object(
  { measures: Type.Array(MeasureSchema) },
  { description: 'The measures the viewer may read (the public: published ones), by partner and start date' },
);
export type MeasureList = Static<typeof MeasureListSchema>;
