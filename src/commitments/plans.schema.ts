// Request and response schemas of the plans API (plans, their objectives and actions, and the
// actions added in the web UI), with the field types the commitments schemas share.
import { Type, type Static, type TLiteral, type TUnion } from 'typebox';
import { PLAN_KINDS } from './plan-file.js';

type LiteralsOf<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/** A union of string literals, one per value of a constant list, typed as the union of the values. */
export function LiteralUnion<const T extends readonly string[]>(values: T): TUnion<LiteralsOf<T>> {
  return Type.Union<LiteralsOf<T>>(values.map((v) => Type.Literal(v)) as [...LiteralsOf<T>]);
}

export const PartnerCode = Type.String({ pattern: '^[A-Za-z]{2}$' });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const Text = (max: number) => Type.String({ maxLength: max });
/** A nullable string of a response. */
export const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PlanKindSchema = LiteralUnion(PLAN_KINDS);

export const PlanParams = Type.Object({ code: Type.String({ maxLength: 100 }) });
export const ActionParams = Type.Object({ code: Type.String({ maxLength: 100 }), action: Type.String({ maxLength: 40 }) });

export const PlanSummarySchema = Type.Object({
  code: Type.String(),
  kind: PlanKindSchema,
  title: Type.String(),
  objectives: Type.Integer(),
  actions: Type.Integer(),
  commitments: Type.Integer(),
});
export type PlanSummary = Static<typeof PlanSummarySchema>;

export const PlanListSchema = Type.Object(
  { plans: Type.Array(PlanSummarySchema) },
  { description: 'The plans with their numbers of objectives, actions and commitments' },
);

export const PlanActionSchema = Type.Object({
  code: Type.String(),
  title: Type.String(),
  description: NullableString,
  paraphrase: Type.Boolean({ description: 'the title summarises rather than quotes' }),
  partners: Type.Array(Type.String(), { description: 'the partners committed to the action' }),
  institutions: NullableString,
  start: NullableString,
  deadline: NullableString,
  indicators: Type.Array(Type.String(), { description: 'codes of linked indicators' }),
});

export const PlanObjectiveSchema = Type.Object({
  code: Type.String(),
  title: Type.String(),
  paraphrase: Type.Boolean(),
  actions: Type.Array(PlanActionSchema),
});

export const PlanSchema = Type.Object(
  {
    code: Type.String(),
    kind: PlanKindSchema,
    title: Type.String(),
    periodStart: NullableString,
    periodEnd: NullableString,
    source: NullableString,
    objectives: Type.Array(PlanObjectiveSchema),
  },
  { description: 'The plan with its objectives, actions and the partners committed to each' },
);

const ActionFields = {
  title: Text(500),
  description: Type.Optional(Type.Union([Type.Null(), Text(5000)])),
  deadline: Type.Optional(Type.Union([Type.Null(), IsoDate])),
  indicators: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
  institutions: Type.Optional(Type.Union([Type.Null(), Text(500)])),
};

export const AddActionBody = Type.Object(
  { objective: Type.String({ maxLength: 40 }), partners: Type.Array(PartnerCode, { minItems: 1, maxItems: 10 }), ...ActionFields },
  { additionalProperties: false },
);
export type ActionInput = Static<typeof AddActionBody>;

export const UpdateActionBody = Type.Partial(Type.Object(ActionFields), { additionalProperties: false });
export type ActionPatch = Static<typeof UpdateActionBody>;

export const AddedActionSchema = Type.Object(
  { code: Type.String({ description: 'e.g. justice.R1' }) },
  { description: 'The code of the added action' },
);
export type AddedAction = Static<typeof AddedActionSchema>;
