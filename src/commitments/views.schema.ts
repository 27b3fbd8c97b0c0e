// Response schemas of the commitments read models: a plan's heat map, a partner's commitments, the
// overdue list and one action across rounds (each as far as the viewer may read).
import { Type, type Static } from 'typebox';
import { NullableString, PartnerCode, PlanKindSchema } from './plans.schema.js';
import { AssessmentSchema, ProgressStatusSchema, ReportStatusSchema } from './progress.schema.js';

const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const PartnerParams = Type.Object({ partner: PartnerCode });
export const OverdueQuery = Type.Object({ partner: Type.Optional(PartnerCode) });

export const HeatCellSchema = Type.Object({
  partner: Type.String(),
  objective: Type.String(),
  commitments: Type.Integer(),
  assessed: Type.Integer(),
  score: Type.Union([Type.Number(), Type.Null()], {
    description: 'mean score of the latest assessments, 0 (no progress) to 4 (fully implemented); null when none',
  }),
  level: Type.Union([AssessmentSchema, Type.Null()], { description: 'the assessment level closest to the mean score' }),
});
export type HeatCell = Static<typeof HeatCellSchema>;

export const HeatmapSchema = Type.Object(
  {
    plan: Type.String(),
    objectives: Type.Array(Type.Object({ code: Type.String(), title: Type.String(), paraphrase: Type.Boolean() })),
    partners: Type.Array(Type.String()),
    cells: Type.Array(HeatCellSchema),
  },
  { description: 'Partners × objectives, each cell coloured by the latest visible assessments' },
);
export type Heatmap = Static<typeof HeatmapSchema>;

export const LatestSchema = Type.Object(
  {
    status: Type.Union([ProgressStatusSchema, Type.Null()]),
    statusRound: NullableString,
    assessment: Type.Union([AssessmentSchema, Type.Null()]),
    assessmentRound: NullableString,
    assessmentComment: NullableString,
  },
  { description: 'the latest status and assessment the viewer may read, with the titles of their rounds' },
);
export type Latest = Static<typeof LatestSchema>;

export const CommitmentViewSchema = Type.Object({
  id: Type.String(),
  partner: Type.String(),
  plan: Type.String(),
  planTitle: Type.String(),
  planKind: PlanKindSchema,
  objective: Type.String(),
  objectiveTitle: Type.String(),
  action: Type.String(),
  actionTitle: Type.String(),
  paraphrase: Type.Boolean(),
  start: NullableString,
  deadline: NullableString,
  daysToDeadline: Type.Union([Type.Integer(), Type.Null()]),
  overdue: Type.Boolean(),
  indicators: Type.Array(Type.String()),
  latest: LatestSchema,
});
export type CommitmentView = Static<typeof CommitmentViewSchema>;

export const PartnerCommitmentsSchema = Type.Object(
  { commitments: Type.Array(CommitmentViewSchema) },
  { description: 'The partner’s commitments across plans, earliest deadline first' },
);

export const OverdueReportSchema = Type.Object({
  round: Type.String(),
  roundTitle: Type.String(),
  plan: Type.String(),
  partner: Type.String(),
  dueDate: Type.String(),
  daysLate: Type.Integer(),
  status: ReportStatusSchema,
});
export type OverdueReport = Static<typeof OverdueReportSchema>;

export const OverdueSchema = Type.Object(
  {
    commitments: Type.Array(CommitmentViewSchema),
    reports: Type.Array(OverdueReportSchema, { description: 'reports past their round’s due date (signed-in viewers only)' }),
  },
  { description: 'Overdue commitments and progress reports' },
);
export type Overdue = Static<typeof OverdueSchema>;

export const ActionIndicatorSchema = Type.Object({
  code: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  decimals: Type.Integer(),
  polarity: Type.String({ description: 'higher_is_better, lower_is_better or neutral' }),
  partners: Type.Array(Type.Object({ partner: Type.String(), period: NullableString, value: NullableNumber }), {
    description: 'the latest period with a value, per committed partner',
  }),
  region: Type.Union([Type.Object({ period: Type.String(), value: NullableNumber, median: NullableNumber }), Type.Null()]),
});
export type ActionIndicator = Static<typeof ActionIndicatorSchema>;

export const HistoryRowSchema = Type.Object({
  round: Type.String(),
  roundTitle: Type.String(),
  periodEnd: Type.String(),
  partner: Type.String(),
  status: Type.Union([ProgressStatusSchema, Type.Null()]),
  narrative: NullableString,
  assessment: Type.Union([AssessmentSchema, Type.Null()]),
  assessmentComment: NullableString,
});
export type HistoryRow = Static<typeof HistoryRowSchema>;

export const ActionDetailSchema = Type.Object(
  {
    plan: Type.String(),
    planTitle: Type.String(),
    objective: Type.String(),
    objectiveTitle: Type.String(),
    action: Type.String(),
    title: Type.String(),
    paraphrase: Type.Boolean(),
    deadline: NullableString,
    commitments: Type.Array(CommitmentViewSchema),
    history: Type.Array(HistoryRowSchema),
    indicators: Type.Array(ActionIndicatorSchema),
  },
  { description: 'One action: its commitments, their history across rounds and the linked indicators' },
);
export type ActionDetail = Static<typeof ActionDetailSchema>;
