// HTTP for indicators: the list, and values computed on demand (JSON or CSV).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { metadataOf } from './catalog.js';
import { indicatorCsv } from './indicators.csv.js';
import {
  IndicatorParams,
  IndicatorSummary,
  IndicatorValuesResponse,
  OrgUnitAnswerSchema,
  OrgUnitsQuery,
  ValuesQuery,
} from './indicators.schema.js';
import { indicatorByOrgUnit, indicatorValues } from './indicators.service.js';
import { viewerOf } from '../platform/viewer.js';
import { serveFigures } from './freshness.js';

const RESERVED = new Set(['partner', 'orgUnit', 'period', 'from', 'to', 'format', 'asOf', 'publishedOnly']);

export const indicatorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/indicators',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'All indicators of the catalogue',
        response: { 200: Type.Object({ indicators: Type.Array(IndicatorSummary) }) },
      },
    },
    async () => ({
      indicators: [...app.catalog.indicators.values()].map((i) => ({
        code: i.code,
        label: i.label,
        unit: i.unit,
        decimals: i.decimals,
        domain: i.domain,
        aggregation: i.aggregation,
        polarity: i.polarity,
        ...metadataOf(i),
      })),
    }),
  );

  app.get(
    '/indicators/:code/values',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary:
          'Indicator values per partner, the Western Balkan region (by the indicator’s aggregation rule) and the regional median; other query parameters filter dimensions (e.g. case_category=civil_litigious)',
        params: IndicatorParams,
        querystring: ValuesQuery,
        response: IndicatorValuesResponse,
      },
    },
    async (request, reply) => {
      const q = request.query as Record<string, string>;
      const dimensions = Object.fromEntries(Object.entries(q).filter(([k]) => !RESERVED.has(k)));
      const { asOf, publishedOnly } = request.query;
      const compute = () =>
        indicatorValues(app.db, app.catalog, viewerOf(request.principal), {
          asOf,
          publishedOnly,
          code: request.params.code,
          partner: q.partner?.toUpperCase(),
          orgUnit: q.orgUnit,
          period: q.period,
          from: q.from,
          to: q.to,
          dimensions,
        });
      if (q.format === 'csv') {
        const answer = await compute();
        reply.header('content-disposition', `attachment; filename="${request.params.code}.csv"`);
        if (answer.values.some((v) => v.status !== 'published')) reply.header('cache-control', 'no-store');
        // The CSV form of the answer; the type provider knows the JSON form only.
        return reply.type('text/csv; charset=utf-8').send(indicatorCsv(app.catalog, answer) as never);
      }
      return serveFigures(app.db, request, reply, { asOf, publishedOnly }, compute);
    },
  );

  app.get(
    '/indicators/:code/org-units',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'The indicator for every org unit (e.g. court) of one partner in one period; other query parameters filter dimensions',
        params: IndicatorParams,
        querystring: OrgUnitsQuery,
        response: { 200: OrgUnitAnswerSchema },
      },
    },
    async (request, reply) => {
      const { partner, period, asOf, publishedOnly, ...rest } = request.query;
      const dimensions = Object.fromEntries(Object.entries(rest as Record<string, string>));
      return serveFigures(app.db, request, reply, { asOf, publishedOnly }, () =>
        indicatorByOrgUnit(app.db, app.catalog, viewerOf(request.principal), {
          code: request.params.code,
          partner: partner.toUpperCase(),
          period,
          dimensions,
          asOf,
          publishedOnly,
        }),
      );
    },
  );
};
