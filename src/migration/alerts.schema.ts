// Request and response schemas of the early-warning API: the feed, one alert with its recipients,
// and acknowledging it (the single source of their types).
import { Type, type Static } from 'typebox';

export const AlertParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const AlertsQuery = Type.Object({
  partner: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const RecipientSchema = Type.Object({
  name: Type.String(),
  email: Type.String(),
  partner: NullableString,
  reason: Type.String({ description: 'why the user was told: partner, neighbour, region or commission' }),
  acknowledgedAt: NullableString,
});

export const AlertSchema = Type.Object(
  {
    id: Type.String(),
    rule: Type.String({ description: 'code of the alert rule in the catalogue' }),
    label: Type.String(),
    scope: Type.Union([Type.Literal('centre'), Type.Literal('partner'), Type.Literal('region')]),
    scopeCode: Type.String({ description: 'org unit code, partner code, or WB6 for the region' }),
    scopeName: Type.String(),
    partner: NullableString,
    period: Type.String(),
    indicator: Type.String(),
    indicatorLabel: Type.String(),
    unit: Type.String(),
    value: Type.Number(),
    condition: Type.String({ description: 'the rule’s comparison: ==, !=, <, <=, > or >=' }),
    threshold: Type.Number(),
    createdAt: Type.String(),
    recipients: Type.Array(RecipientSchema),
    acknowledgedBy: Type.Array(Type.String(), { description: 'e-mail addresses of the recipients who acknowledged it' }),
    mine: Type.Union([Type.Object({ acknowledgedAt: NullableString }), Type.Null()], {
      description: 'set when the alert is addressed to the caller',
    }),
  },
  { description: 'An early warning with its recipients and acknowledgements' },
);

export const AlertListSchema = Type.Object({ alerts: Type.Array(AlertSchema) }, { description: 'Early warnings, newest first' });

export type AlertFilter = Static<typeof AlertsQuery>;
export type AlertView = Static<typeof AlertSchema>;
