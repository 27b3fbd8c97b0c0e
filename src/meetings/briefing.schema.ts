// Request and response schemas of a delegation's briefing book (JSON and printable HTML): the
// indicators and commitments per agenda item (the single source of their types).
import { Type, type Static } from 'typebox';
import { download } from '../platform/http/schemas.js';
import { ItemSchema, MeetingCoreSchema, PartnerCode } from './meetings.schema.js';

export const BriefingQuery = Type.Object({ partner: Type.Optional(PartnerCode) });

const Point = Type.Object({ period: Type.String(), value: Type.Union([Type.Number(), Type.Null()]) });

export const BriefingIndicatorSchema = Type.Object({
  code: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  trend: Type.Array(Point, { description: 'the partner’s last five periods with a value, oldest first' }),
  latest: Type.Union([Point, Type.Null()]),
  region: Type.Union([
    Type.Object({
      period: Type.String(),
      value: Type.Union([Type.Number(), Type.Null()]),
      median: Type.Union([Type.Number(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});

export const BriefingCommitmentSchema = Type.Object({
  plan: Type.String(),
  planTitle: Type.String(),
  action: Type.String(),
  title: Type.String(),
  deadline: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.String(), Type.Null()], { description: 'the latest reported status' }),
  assessment: Type.Union([Type.String(), Type.Null()], { description: 'the latest assessment' }),
  overdue: Type.Boolean(),
});

export const BriefingBookSchema = Type.Object(
  {
    meeting: Type.Pick(MeetingCoreSchema, ['id', 'title', 'start', 'end', 'timeZone', 'format', 'host']),
    partner: Type.Union([Type.String(), Type.Null()]),
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
  { description: 'The briefing book: per agenda item its indicators, the partner’s commitments and the documents' },
);

export const BriefingHtmlReply = download('The briefing book as printable HTML', 'text/html');

export type BriefingIndicator = Static<typeof BriefingIndicatorSchema>;
export type BriefingCommitment = Static<typeof BriefingCommitmentSchema>;
export type BriefingBook = Static<typeof BriefingBookSchema>;
