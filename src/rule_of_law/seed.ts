// The illustrative emergency measures a new demo database starts with: three measures of the
// COVID-19 pandemic in Albania and Serbia, published. Each says in its comment that it is an
// illustration, not an official record: the demo shows the register, not a legal assessment.
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import type { Viewer } from '../platform/viewer.js';
import type { CreateMeasureInput } from './measures.schema.js';
import { createMeasure, moveMeasure } from './measures.service.js';

const DEMO: Viewer = { kind: 'operator', label: 'demo data' };
const ILLUSTRATIVE = 'Illustrative example for the demo, not an official record of the measure or of its review.';
const SOURCES = [
  'https://commission.europa.eu/publications/2020-rule-law-report-communication-and-country-chapters_en',
  'https://www.venice.coe.int/WebForms/pages/?p=02_EmergencyPowersObservatory',
];

export const DEMO_MEASURES: CreateMeasureInput[] = [
  {
    partner: 'AL',
    title: 'Curfew and limits on movement during the COVID-19 epidemic',
    limited: 'Freedom of movement: leaving home only for listed reasons, curfew at night and at weekends',
    category: 'movement',
    legalBasis: 'Orders of the Minister of Health under the law on infectious diseases (state of epidemic)',
    adoptedBy: 'Ministry of Health and Social Protection',
    startDate: '2020-03-13',
    endDate: '2020-06-01',
    reviewDates: ['2020-04-10', '2020-05-18'],
    sunsetClause: false,
    sunsetDate: null,
    parliamentaryReview: { outcome: 'none', comment: null },
    judicialReview: { outcome: 'pending', comment: 'Challenges before the Constitutional Court (illustrative).' },
    sources: SOURCES,
    comment: ILLUSTRATIVE,
  },
  {
    partner: 'AL',
    title: 'Suspension of court hearings other than urgent cases',
    limited: 'Court operation and the right to a hearing within a reasonable time: hearings postponed, time limits suspended',
    category: 'court_operation',
    legalBasis: 'Normative act of the Council of Ministers with the force of law',
    adoptedBy: 'Council of Ministers',
    startDate: '2020-03-16',
    endDate: '2020-05-18',
    reviewDates: ['2020-04-20'],
    sunsetClause: true,
    sunsetDate: '2020-06-23',
    parliamentaryReview: { outcome: 'upheld', comment: 'The normative act was approved by Parliament (illustrative).' },
    judicialReview: { outcome: 'none', comment: null },
    sources: SOURCES.slice(0, 1),
    comment: ILLUSTRATIVE,
  },
  {
    partner: 'RS',
    title: 'Ban on public gatherings under the state of emergency',
    limited: 'Freedom of assembly: public gatherings in open and closed spaces prohibited',
    category: 'assembly',
    legalBasis: 'Decision declaring the state of emergency; government decrees on measures during the state of emergency',
    adoptedBy: 'President, Speaker of the National Assembly and Prime Minister; Government',
    startDate: '2020-03-15',
    endDate: '2020-05-06',
    reviewDates: ['2020-04-29'],
    sunsetClause: false,
    sunsetDate: null,
    parliamentaryReview: { outcome: 'upheld', comment: 'The National Assembly confirmed the decision and the decrees (illustrative).' },
    judicialReview: { outcome: 'upheld', comment: 'Initiatives before the Constitutional Court (illustrative).' },
    sources: SOURCES,
    comment: ILLUSTRATIVE,
  },
];

/** Creates the illustrative measures and takes each through the workflow to published. */
export async function seedDemoMeasures(db: Db): Promise<void> {
  for (const input of DEMO_MEASURES) {
    let m = await createMeasure(db, DEMO, SYSTEM_ACTOR, input);
    for (const step of ['submit', 'approve', 'publish'] as const)
      m = await moveMeasure(db, DEMO, SYSTEM_ACTOR, m.id, step, m.version, undefined, { quiet: true });
  }
}
