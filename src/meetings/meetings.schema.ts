// Request and response schemas of the meetings API: a meeting with its sessions, agenda items,
// delegations, documents and outcome, the bodies and queries that change them, and the generated
// texts and downloads (the single source of their types).
import { Type, type Static } from 'typebox';
import { ALLOWED_TYPES } from '../platform/files/file-check.js';
import { download } from '../platform/http/schemas.js';

// ---- Request fields. Enumerated values stay plain strings here: the service names the allowed values in its 400.

export const Id = Type.String({ maxLength: 64 });
export const PartnerCode = Type.String({ pattern: '^[A-Za-z]{2}$' });
const Text = (max: number) => Type.String({ maxLength: max });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([Type.Null(), t]));
const Version = Type.Integer({ minimum: 1, description: 'the meeting version that was read; a stale one gets 409' });

export const MeetingParams = Type.Object({ id: Id });
export const ItemParams = Type.Object({ id: Id, item: Id });
export const SessionParams = Type.Object({ id: Id, session: Id });
export const DelegationParams = Type.Object({ id: Id, delegation: Id });
export const DocumentParams = Type.Object({ id: Id, document: Id });

const TopicsInput = Type.Object(
  {
    domains: Type.Optional(Type.Array(Text(50), { maxItems: 10 })),
    indicators: Type.Optional(Type.Array(Text(100), { maxItems: 20 })),
    plans: Type.Optional(Type.Array(Text(100), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
const MeetingFields = {
  title: Text(300),
  kind: Text(30),
  format: Text(30),
  host: Nullable(Text(300)),
  start: Text(40),
  end: Text(40),
  timeZone: Text(60),
  location: Nullable(Text(300)),
  videoUrl: Nullable(Text(2000)),
  status: Type.Optional(Text(20)),
  visibility: Text(20),
  description: Nullable(Text(5000)),
};
const ItemFields = {
  title: Text(300),
  description: Nullable(Text(5000)),
  topics: Type.Optional(TopicsInput),
  lead: Nullable(Text(300)),
  presenters: Type.Optional(Type.Array(Text(200), { maxItems: 20 })),
  durationMinutes: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 1440 })])),
};

export const CreateMeetingBody = Type.Object(MeetingFields, { additionalProperties: false });
export const UpdateMeetingBody = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(MeetingFields)).properties },
  { additionalProperties: false },
);
export const SessionBody = Type.Object({ title: Text(200), start: Text(40), end: Text(40) }, { additionalProperties: false });
export const ItemBody = Type.Object({ sessionId: Id, ...ItemFields }, { additionalProperties: false });
export const UpdateItemBody = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(ItemFields)).properties },
  { additionalProperties: false },
);
export const ReorderBody = Type.Object({ version: Version, items: Type.Array(Id, { maxItems: 200 }) }, { additionalProperties: false });
export const InviteDelegationBody = Type.Object(
  { partner: Nullable(PartnerCode), institution: Nullable(Text(200)), headName: Nullable(Text(200)), headFunction: Nullable(Text(200)) },
  { additionalProperties: false },
);
export const ReplyBody = Type.Object({ reply: Text(20), representedBy: Nullable(Text(200)) }, { additionalProperties: false });
export const MemberBody = Type.Object(
  { name: Text(200), function: Nullable(Text(200)), email: Nullable(Text(200)) },
  { additionalProperties: false },
);
export const DocumentFileQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) });
export const UploadDocumentQuery = Type.Object({
  name: Text(300),
  title: Type.Optional(Text(300)),
  access: Text(20),
  item: Type.Optional(Id),
});
export const UploadVersionQuery = Type.Object({ name: Text(300) });
export const OutcomeBody = Type.Object(
  {
    version: Version,
    conclusions: Nullable(Text(20_000)),
    decisions: Type.Optional(
      Type.Array(Type.Object({ text: Text(2000), itemId: Type.Optional(Type.Union([Type.Null(), Id])) }), { maxItems: 100 }),
    ),
  },
  { additionalProperties: false },
);
export const FollowUpBody = Type.Object(
  {
    title: Text(500),
    partners: Type.Array(PartnerCode, { minItems: 1, maxItems: 10 }),
    deadline: Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    description: Nullable(Text(5000)),
    indicators: Type.Optional(Type.Array(Text(100), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export type MeetingInput = Static<typeof CreateMeetingBody>;
export type MeetingPatch = Omit<Static<typeof UpdateMeetingBody>, 'version'>;
export type SessionInput = Static<typeof SessionBody>;
export type ItemInput = Static<typeof ItemBody>;
export type ItemPatch = Omit<Static<typeof UpdateItemBody>, 'version'>;
export type DelegationInput = Static<typeof InviteDelegationBody>;
export type ReplyInput = Static<typeof ReplyBody>;
export type MemberInput = Static<typeof MemberBody>;
export type OutcomeInput = Omit<Static<typeof OutcomeBody>, 'version'>;
export type FollowUpInput = Static<typeof FollowUpBody>;

// ---- Responses

const NullableString = (description?: string) => Type.Union([Type.String(), Type.Null()], description ? { description } : {});

export const KindSchema = Type.Union([Type.Literal('ministerial'), Type.Literal('senior_officials'), Type.Literal('expert')]);
export const FormatSchema = Type.Union([Type.Literal('videoconference'), Type.Literal('in_person'), Type.Literal('hybrid')]);
export const StatusSchema = Type.Union([
  Type.Literal('planned'),
  Type.Literal('confirmed'),
  Type.Literal('held'),
  Type.Literal('cancelled'),
]);
export const VisibilitySchema = Type.Union([Type.Literal('public'), Type.Literal('participants')]);
export const AccessSchema = Type.Union([Type.Literal('public'), Type.Literal('participants'), Type.Literal('commission')]);
export const InvitationSchema = Type.Union([
  Type.Literal('invited'),
  Type.Literal('accepted'),
  Type.Literal('declined'),
  Type.Literal('represented'),
]);

export const TopicsSchema = Type.Object({
  domains: Type.Array(Type.String()),
  indicators: Type.Array(Type.String(), { description: 'indicator codes of the catalogue' }),
  plans: Type.Array(Type.String(), { description: 'plan codes' }),
});

export const ItemSchema = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  title: Type.String(),
  description: NullableString(),
  topics: TopicsSchema,
  lead: NullableString(),
  presenters: Type.Array(Type.String()),
  durationMinutes: Type.Union([Type.Integer(), Type.Null()]),
});

export const SessionSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  start: Type.String({ description: 'UTC, ISO 8601' }),
  end: Type.String({ description: 'UTC, ISO 8601' }),
  items: Type.Array(ItemSchema),
});

export const MemberSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  function: NullableString(),
  email: NullableString('null unless the caller takes part in the meeting'),
});

export const DelegationSchema = Type.Object({
  id: Type.String(),
  partner: NullableString('partner code; null for an institution'),
  institution: NullableString(),
  name: Type.String({ description: 'the partner’s name or the institution' }),
  headName: NullableString(),
  headFunction: NullableString(),
  invitation: InvitationSchema,
  representedBy: NullableString(),
  repliedAt: NullableString(),
  repliedBy: NullableString(),
  members: Type.Array(MemberSchema),
});

export const MeetingCoreSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: KindSchema,
  format: FormatSchema,
  host: NullableString(),
  start: Type.String({ description: 'UTC, ISO 8601' }),
  end: Type.String({ description: 'UTC, ISO 8601' }),
  timeZone: Type.String({ description: 'IANA time zone of the meeting, e.g. Europe/Brussels' }),
  location: NullableString(),
  videoUrl: NullableString(),
  status: StatusSchema,
  visibility: VisibilitySchema,
  description: NullableString(),
});

export const DocumentSchema = Type.Object(
  {
    id: Type.String(),
    itemId: NullableString('the agenda item it belongs to'),
    title: Type.String(),
    access: AccessSchema,
    versions: Type.Array(
      Type.Object({
        version: Type.Integer(),
        name: Type.String(),
        mediaType: Type.String(),
        size: Type.Integer({ description: 'bytes' }),
        uploadedAt: Type.String(),
        uploadedBy: Type.String(),
      }),
    ),
  },
  { description: 'A document with its versions, oldest first' },
);

export const MeetingSchema = Type.Object(
  {
    ...MeetingCoreSchema.properties,
    version: Type.Integer(),
    conclusions: NullableString(),
    followUpPlan: NullableString('code of the plan holding the follow-up actions'),
    sessions: Type.Array(SessionSchema),
    delegations: Type.Array(DelegationSchema),
    documents: Type.Array(DocumentSchema, { description: 'those the caller may read' }),
    decisions: Type.Array(Type.Object({ id: Type.String(), itemId: NullableString(), text: Type.String() })),
    followUps: Type.Array(
      Type.Object({ action: Type.String(), title: Type.String(), partners: Type.Array(Type.String()), deadline: NullableString() }),
    ),
    can: Type.Object(
      {
        edit: Type.Boolean(),
        participate: Type.Boolean(),
        reply: Type.Array(Type.String(), { description: 'ids of the delegations the caller replies for' }),
      },
      { description: 'what the caller may do' },
    ),
  },
  { description: 'The meeting as far as the caller may see it (after the change, for a change)' },
);

export const MeetingSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: KindSchema,
  format: FormatSchema,
  status: StatusSchema,
  visibility: VisibilitySchema,
  host: NullableString(),
  start: Type.String(),
  end: Type.String(),
  timeZone: Type.String(),
  sessions: Type.Integer({ description: 'number of sessions' }),
  agenda_items: Type.Integer({ description: 'number of agenda items' }),
});
export const MeetingListSchema = Type.Object(
  { meetings: Type.Array(MeetingSummarySchema) },
  { description: 'The meetings the caller may see, newest first' },
);

export const ParticipantSchema = Type.Object({
  delegation: Type.String({ description: 'the delegation’s name' }),
  name: Type.String(),
  function: NullableString(),
  role: Type.Union([Type.Literal('head'), Type.Literal('member'), Type.Literal('representative')]),
});
export const ParticipantListSchema = Type.Object(
  { participants: Type.Array(ParticipantSchema) },
  { description: 'Everyone taking part: the members of delegations that accepted or are represented, heads first' },
);

export type Topics = Static<typeof TopicsSchema>;
export type ItemView = Static<typeof ItemSchema>;
export type SessionView = Static<typeof SessionSchema>;
export type MemberView = Static<typeof MemberSchema>;
export type DelegationView = Static<typeof DelegationSchema>;
export type MeetingCore = Static<typeof MeetingCoreSchema>;
export type DocumentView = Static<typeof DocumentSchema>;
export type MeetingView = Static<typeof MeetingSchema>;
export type MeetingSummary = Static<typeof MeetingSummarySchema>;
export type Participant = Static<typeof ParticipantSchema>;

// ---- Generated texts and downloads (not JSON)

export const AnnouncementReply = download('The public announcement as plain text', 'text/plain');
export const AgendaReply = download('The printable agenda as HTML', 'text/html');
export const InvitationReply = download('The iCalendar invitation (.ics)', 'text/calendar');

/** A document's file, in one of the types an upload may have. */
export const DocumentFileReply = download('The document’s file, as an attachment', ...new Set(Object.values(ALLOWED_TYPES)));
