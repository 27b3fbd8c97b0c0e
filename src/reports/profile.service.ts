// A partner's profile across domains, as the public sees it: for every justice and migration
// indicator its latest published figure against the regional median (with the median's coverage),
// and the partner's commitments by reported status and latest assessment, recommendations apart.
// Each block names its source and its last release date. Published figures only.
import type { Db } from '../platform/db/database.js';
import { NotFoundError } from '../platform/errors.js';
import { designationOf } from '../platform/partners/designation.js';
import { listPartners } from '../platform/partners/partners.service.js';
import { PUBLIC_VIEWER } from '../platform/viewer.js';
import { listVisibleRounds } from '../commitments/rounds.service.js';
import { partnerCommitments } from '../commitments/views.service.js';
import { metadataOf, type Catalog, type Indicator } from '../statistics/catalog.js';
import { indicatorValues } from '../statistics/indicators.service.js';
import { comparePeriods } from '../statistics/periods.js';
import { lastPublication } from '../statistics/read-model.service.js';
import type { CommitmentBlock, FigureRow, FiguresBlock, PartnerProfile } from './profile.schema.js';

/** The domains with figures, in the order the profile shows them. */
const FIGURE_DOMAINS = [
  { domain: 'justice', title: 'Justice system performance (CEPEJ method)' },
  { domain: 'migration', title: 'Migration and reception' },
] as const;

/** Where the statuses and assessments of the commitments come from. */
const COMMITMENTS_SOURCE = 'Progress reports of the partner, assessed by the reviewers and published by the European Commission';

/** Where the partner stands against the regional median, by the indicator's polarity. */
function position(indicator: Indicator, value: number | null, median: number | null): FigureRow['position'] {
  if (value === null || median === null || indicator.polarity === 'neutral') return null;
  if (value === median) return 'at_median';
  const higher = value > median;
  return higher === (indicator.polarity === 'higher_is_better') ? 'better' : 'worse';
}

/** The partner's latest published figure of the indicator, with the region's median of that period. */
async function latestFigure(db: Db, catalog: Catalog, indicator: Indicator, partner: string): Promise<FigureRow | null> {
  const answer = await indicatorValues(db, catalog, PUBLIC_VIEWER, { code: indicator.code, publishedOnly: true });
  const own = answer.values
    .filter((v) => v.partner === partner && v.orgUnit === null && v.value !== null)
    .sort((a, b) => comparePeriods(b.period, a.period))[0];
  if (!own) return null;
  const region = answer.region.find((r) => r.period === own.period);
  return {
    indicator: indicator.code,
    label: indicator.label,
    unit: indicator.unit,
    period: own.period,
    value: own.value,
    median: region?.median ?? null,
    members: region?.members ?? 0,
    required: region?.required ?? indicator.minCoverage,
    medianReason: region?.reason ?? null,
    position: position(indicator, own.value, region?.median ?? null),
    revised: own.revised,
  };
}

async function figuresBlock(db: Db, catalog: Catalog, partner: string, domain: string, title: string): Promise<FiguresBlock> {
  const indicators = [...catalog.indicators.values()].filter((i) => i.domain === domain && !i.shareOfRegion);
  const rows: FigureRow[] = [];
  for (const indicator of indicators) {
    const row = await latestFigure(db, catalog, indicator, partner);
    if (row) rows.push(row);
  }
  const datasets = [...new Set(indicators.flatMap((i) => i.datasets))];
  const sources = [...new Set(indicators.map((i) => metadataOf(i).source).filter((s): s is string => !!s))];
  return {
    domain,
    title,
    rows,
    sources,
    releasedAt: datasets.length ? await lastPublication(db, { datasets, partners: [partner] }, { publishedOnly: true }) : null,
  };
}

async function commitmentsBlock(db: Db, partner: string): Promise<CommitmentBlock> {
  const all = await partnerCommitments(db, PUBLIC_VIEWER, partner);
  const count = <K extends string>(keys: (K | null)[]) => {
    const out: Record<string, number> = {};
    for (const k of keys) out[k ?? 'none'] = (out[k ?? 'none'] ?? 0) + 1;
    return out;
  };
  const part = (kind: 'plans' | 'recommendations') => {
    const list = all.filter((c) => (kind === 'recommendations') === (c.planKind === 'recommendations'));
    return {
      total: list.length,
      overdue: list.filter((c) => c.overdue).length,
      byStatus: count(list.map((c) => c.latest.status)),
      byAssessment: count(list.map((c) => c.latest.assessment)),
      plans: [...new Set(list.map((c) => c.planTitle))].sort(),
    };
  };
  // The block's release: the latest published round in which the partner reported.
  const rounds = await listVisibleRounds(db, PUBLIC_VIEWER);
  const releasedAt =
    rounds
      .filter((r) => r.publishedAt !== null && r.reports.some((report) => report.partner === partner))
      .map((r) => r.publishedAt!)
      .sort()
      .at(-1) ?? null;
  return {
    plans: part('plans'),
    recommendations: part('recommendations'),
    source: COMMITMENTS_SOURCE,
    releasedAt,
  };
}

/** The public profile of a partner; 404 for a code that is no partner. */
export async function partnerProfile(db: Db, catalog: Catalog, code: string, now = new Date()): Promise<PartnerProfile> {
  const partner = (await listPartners(db)).find((p) => p.code === code.toUpperCase());
  if (!partner) throw new NotFoundError('Partner', code);
  const figures: FiguresBlock[] = [];
  for (const { domain, title } of FIGURE_DOMAINS) figures.push(await figuresBlock(db, catalog, partner.code, domain, title));
  return {
    partner: { code: partner.code, name: partner.name, footnote: designationOf(partner.code) },
    generatedAt: now.toISOString(),
    figures,
    commitments: await commitmentsBlock(db, partner.code),
  };
}
