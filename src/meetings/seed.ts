// The meeting a new user finds on the first start of the demo: the EU–Western Balkans ministerial
// videoconference on Justice and Home Affairs of 22 October 2020, with its two sessions and their
// topics as published. Session times are indicative (the published agenda gives none). Each item
// links the catalogue's domains and indicators of its topics, so that the briefing book shows them.
import type { Actor } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import type { Catalog } from '../statistics/catalog.js';
import type { Viewer } from '../platform/viewer.js';
import { addItem, addSession } from './agenda.service.js';
import { inviteDelegation, replyToInvitation } from './delegations.service.js';
import { createMeeting, listVisibleMeetings, updateMeetingDetails } from './meetings.service.js';

export const MEETING_2020_TITLE = 'EU–Western Balkans ministerial videoconference on Justice and Home Affairs';
const ORGANISER: Viewer = { kind: 'operator', label: 'demo data' };

const MORNING = [
  {
    title: 'Migration',
    description: 'Migration management, regional information exchange, information systems, reception and asylum capacity.',
    lead: 'Commissioner Ylva Johansson and Commissioner Olivér Várhelyi',
    presenters: [],
    topics: { domains: ['migration'], indicators: ['migration.arrivals', 'migration.occupancy_rate'], plans: [] },
  },
  {
    title: 'Counter-terrorism and organised crime',
    description: 'Presentation on counter-terrorism and the fight against organised crime.',
    lead: 'Commissioner Ylva Johansson',
    presenters: ['Europol'],
    topics: {
      domains: ['commitments', 'organised_crime'],
      indicators: ['organised_crime.arrests_total', 'organised_crime.confiscation_ratio'],
      plans: ['jap_ct_2018'],
    },
  },
  {
    title: 'The action plans on firearms and on drugs',
    description: 'Implementation of the firearms trafficking action plan and the drugs action plan in the region.',
    lead: 'Commissioner Ylva Johansson',
    presenters: [],
    topics: {
      domains: ['commitments', 'firearms', 'drugs'],
      indicators: ['firearms.seized_total', 'firearms.traced_share', 'drugs.seizures_total', 'drugs.supply_offence_share'],
      plans: ['firearms_ap_2020', 'drugs_2021'],
    },
  },
];
const AFTERNOON = [
  {
    title: 'The impact of the COVID-19 pandemic on justice and fundamental rights',
    description:
      'Remote hearings and the right to a fair trial, victims of domestic violence, the rule of law and the proportionality of emergency measures.',
    lead: 'Commissioner Didier Reynders',
    presenters: [],
    topics: {
      domains: ['justice', 'remote_hearings', 'domestic_violence'],
      indicators: ['domestic_violence.protection_order_issue_rate', 'domestic_violence.days_to_order'],
      plans: [],
    },
  },
  {
    title: 'Access to justice in the digital age',
    description: null,
    lead: 'Commissioner Didier Reynders',
    presenters: [],
    topics: { domains: ['justice', 'digital_justice'], indicators: ['digital_justice.ict_deployment_index'], plans: [] },
  },
  {
    title: 'Measuring the performance of justice systems',
    description: 'The two projects measuring justice-system performance in the Western Balkans by the CEPEJ method.',
    lead: 'Commissioner Didier Reynders',
    presenters: [],
    topics: { domains: ['justice'], indicators: ['justice.clearance_rate', 'justice.disposition_time'], plans: [] },
  },
  {
    title: 'The first Rule of Law Report',
    description: null,
    lead: 'Commissioner Didier Reynders',
    presenters: [],
    topics: { domains: ['justice'], indicators: [], plans: [] },
  },
];

/**
 * The item with the topics the catalogue has: a deployment's catalogue folder may leave a policy
 * area out (remote hearings, say), and the seed links what there is.
 */
function withCatalogTopics<T extends { topics: { domains: string[]; indicators: string[] } }>(catalog: Catalog, item: T): T {
  const { domains, indicators } = item.topics;
  return {
    ...item,
    topics: {
      ...item.topics,
      domains: domains.filter((d) => d === 'commitments' || catalog.domains.has(d)),
      indicators: indicators.filter((i) => catalog.indicators.has(i)),
    },
  };
}

/** Creates the 2020 meeting once (nothing when a meeting with its title exists); returns its id or null. */
export async function seedDemoMeeting(db: Db, catalog: Catalog, actor: Actor): Promise<string | null> {
  if ((await listVisibleMeetings(db, ORGANISER)).some((m) => m.title === MEETING_2020_TITLE)) return null;
  let m = await createMeeting(db, ORGANISER, actor, {
    title: MEETING_2020_TITLE,
    kind: 'ministerial',
    format: 'videoconference',
    host: 'German Presidency of the Council of the EU',
    start: '2020-10-22T09:30:00+02:00',
    end: '2020-10-22T16:30:00+02:00',
    timeZone: 'Europe/Berlin',
    location: null,
    videoUrl: null,
    visibility: 'public',
    description:
      'Ministers of justice and home affairs of the EU and the Western Balkan partners met by videoconference. Session times are indicative.',
  });
  m = await addSession(db, ORGANISER, actor, m.id, {
    title: 'Morning session: home affairs',
    start: '2020-10-22T09:30:00+02:00',
    end: '2020-10-22T12:30:00+02:00',
  });
  m = await addSession(db, ORGANISER, actor, m.id, {
    title: 'Afternoon session: justice',
    start: '2020-10-22T14:00:00+02:00',
    end: '2020-10-22T16:30:00+02:00',
  });
  const [morning, afternoon] = m.sessions;
  for (const item of MORNING)
    await addItem(db, catalog, ORGANISER, actor, m.id, { sessionId: morning!.id, ...withCatalogTopics(catalog, item) });
  for (const item of AFTERNOON)
    await addItem(db, catalog, ORGANISER, actor, m.id, { sessionId: afternoon!.id, ...withCatalogTopics(catalog, item) });
  for (const partner of ['AL', 'BA', 'XK', 'ME', 'MK', 'RS']) m = await inviteDelegation(db, ORGANISER, actor, m.id, { partner });
  for (const institution of ['European Commission', 'German Presidency of the Council of the EU', 'Europol'])
    m = await inviteDelegation(db, ORGANISER, actor, m.id, { institution });
  // The replies were given before the meeting (a week before, as recorded here).
  for (const d of m.delegations)
    m = await replyToInvitation(db, ORGANISER, actor, m.id, d.id, { reply: 'accepted' }, { repliedAt: '2020-10-15T10:00:00.000Z' });
  await updateMeetingDetails(db, ORGANISER, actor, m.id, m.version, { status: 'held' });
  return m.id;
}
