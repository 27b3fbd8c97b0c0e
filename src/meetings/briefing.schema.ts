// Request and response schemas of a delegation's briefing book (JSON and printable HTML): the
// indicators and commitments per agenda item as of the meeting, and apart from them the figures
// published since (the single source of their types).
import { Type, type Static } from 'typebox';
import { download } from '../platform/http/schemas.js';
import { ItemSchema, MeetingCoreSchema, PartnerCode } from './meetings.schema.js';

export const BriefingQuery = Type.Object({
  partner: Type.Optional(PartnerCode),
  lang: Type.Optional(
    Type.String({ description: 'the language of the printable book (en, sq, mk, sr-Latn, sr-Cyrl, bs, cnr, hr); else the reader’s' }),
  ),
});

const Point = Type.Object({ period: Type.String(), value: Type.Union([Type.Number(), Type.Null()]) });

export const BriefingIndicatorSchema = Type.Object({
  code: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  trend: Type.Array(Point, {
    description: 'as of the book: the partner’s last five periods with a value that ended before asOfDate, oldest first',
  }),
  latest: Type.Union([Point, Type.Null()], { description: 'as of the book: the last of the trend' }),
  region: Type.Union(
    [
      Type.Object({
        period: Type.String(),
        value: Type.Union([Type.Number(), Type.Null()]),
        median: Type.Union([Type.Number(), Type.Null()]),
      }),
      Type.Null(),
    ],
    { description: 'as of the book: the region’s last period with a value or a median' },
  ),
  sinceThen: Type.Union([Point, Type.Null()], {
    description:
      'not as of the book: the partner’s latest figure published now, when it is newer than `latest` (a later period, or the same one revised); null for a meeting still to come or when nothing changed',
  }),
});

export const BriefingCommitmentSchema = Type.Object({
  plan: Type.String(),
  planTitle: Type.String(),
  action: Type.String(),
  title: Type.String(),
  deadline: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.String(), Type.Null()], { description: 'the latest status reported by asOf' }),
  assessment: Type.Union([Type.String(), Type.Null()], { description: 'the latest assessment made by asOf' }),
  overdue: Type.Boolean({ description: 'the deadline had passed by asOfDate and the commitment was not done by asOf' }),
});

export const BriefingBookSchema = Type.Object(
  {
    meeting: Type.Pick(MeetingCoreSchema, ['id', 'title', 'start', 'end', 'timeZone', 'format', 'host']),
    partner: Type.Union([Type.String(), Type.Null()]),
    asOf: Type.String({
      description:
        'an ISO date-time: the figures and reports as published and known at this instant: the meeting’s start, or now for a meeting still to come',
    }),
    asOfDate: Type.String({
      description: 'asOf’s day (YYYY-MM-DD) in the meeting’s time zone: only periods that ended before it, deadlines judged on it',
    }),
    past: Type.Boolean({ description: 'whether the meeting has begun (then sinceThen may hold newer figures)' }),
    items: Type.Array(
      Type.Object({
        session: Type.String({ description: 'the session’s title' }),
        item: ItemSchema,
        indicators: Type.Array(BriefingIndicatorSchema),
        commitments: Type.Array(BriefingCommitmentSchema, { description: 'the partner’s commitments in the item’s plans' }),
        documents: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
      }),
    ),
  },
  {
    description:
      'The briefing book as of its meeting: per agenda item its indicators, the partner’s commitments and the documents; figures published since apart (sinceThen)',
  },
);

export const BriefingHtmlReply = download('The briefing book as printable HTML', 'text/html');

export type BriefingIndicator = Static<typeof BriefingIndicatorSchema>;
export type BriefingCommitment = Static<typeof BriefingCommitmentSchema>;
export type BriefingBook = Static<typeof BriefingBookSchema>;
