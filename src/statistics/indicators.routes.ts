// HTTP for indicators: the list, and values computed on demand (JSON or CSV).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { indicatorCsv } from './indicators.csv.js';
import { indicatorByOrgUnit, indicatorValues } from './indicators.service.js';
import { viewerOf } from '../platform/viewer.js';

const RESERVED = new Set(['partner', 'orgUnit', 'period', 'from', 'to', 'format']);

export const indicatorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/indicators',
    { config: { access: PUBLIC }, schema: { tags: ['statistics'], summary: 'All indicators of the catalogue' } },
    async () => ({
      indicators: [...app.catalog.indicators.values()].map((i) => ({
        code: i.code,
        label: i.label,
        unit: i.unit,
        decimals: i.decimals,
        domain: i.domain,
        aggregation: i.aggregation,
        polarity: i.polarity,
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
        params: Type.Object({ code: Type.String({ maxLength: 120 }) }),
        querystring: Type.Object(
          {
            partner: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
            orgUnit: Type.Optional(Type.String({ maxLength: 120 })),
            period: Type.Optional(Type.String({ maxLength: 8 })),
            from: Type.Optional(Type.String({ maxLength: 8 })),
            to: Type.Optional(Type.String({ maxLength: 8 })),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
          },
          { additionalProperties: Type.String({ maxLength: 60 }) },
        ),
      },
    },
    async (request, reply) => {
      const q = request.query as Record<string, string>;
      const dimensions = Object.fromEntries(Object.entries(q).filter(([k]) => !RESERVED.has(k)));
      const answer = await indicatorValues(app.db, app.catalog, viewerOf(request.principal), {
        code: request.params.code,
        partner: q.partner?.toUpperCase(),
        orgUnit: q.orgUnit,
        period: q.period,
        from: q.from,
        to: q.to,
        dimensions,
      });
      if (q.format === 'csv') {
        reply.header('content-disposition', `attachment; filename="${request.params.code}.csv"`);
        return reply.type('text/csv; charset=utf-8').send(indicatorCsv(app.catalog, answer));
      }
      return answer;
    },
  );

  app.get(
    '/indicators/:code/org-units',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'The indicator for every org unit (e.g. court) of one partner in one period; other query parameters filter dimensions',
        params: Type.Object({ code: Type.String({ maxLength: 120 }) }),
        querystring: Type.Object(
          { partner: Type.String({ pattern: '^[A-Za-z]{2}$' }), period: Type.String({ maxLength: 8 }) },
          { additionalProperties: Type.String({ maxLength: 60 }) },
        ),
      },
    },
    async (request) => {
      const q = request.query as Record<string, string>;
      const dimensions = Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'partner' && k !== 'period'));
      return indicatorByOrgUnit(app.db, app.catalog, viewerOf(request.principal), {
        code: request.params.code,
        partner: q.partner!.toUpperCase(),
        period: q.period!,
        dimensions,
      });
    },
  );
};
