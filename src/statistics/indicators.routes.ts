// HTTP for indicators: the list, and values computed on demand (JSON, or CSV, XLSX and SDMX-CSV downloads).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { metadataOf } from './catalog.js';
import { catalogIn, headIn } from './catalog-i18n.js';
import { indicatorDownload, readOptionsFor } from './downloads.service.js';
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
import { serveDownload, serveFigures } from './freshness.js';

// `lang` names the language of the answer (request.locale), not a dimension.
const RESERVED = new Set(['partner', 'orgUnit', 'period', 'from', 'to', 'format', 'labels', 'asOf', 'publishedOnly', 'lang']);

/** The catalogue's indicators. */
const indicatorListRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
    async (request) => ({
      indicators: [...catalogIn(app.catalog, request.locale).indicators.values()].map((i) => ({
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
};

/** An indicator's values: per partner, the region and the median, as JSON or a download. */
const indicatorValueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/indicators/:code/values',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary:
          'Indicator values per partner, the Western Balkan region (by the indicator’s aggregation rule) and the regional median; other query parameters filter dimensions (e.g. case_category=civil_litigious). format=csv|xlsx|sdmx-csv downloads them (labels=code|name|both for CSV and XLSX with names; SDMX-CSV 2.0 of the dataflow IND_<CODE>, published figures only)',
        params: IndicatorParams,
        querystring: ValuesQuery,
        response: IndicatorValuesResponse,
      },
    },
    async (request, reply) => {
      const q = request.query as Record<string, string>;
      const dimensions = Object.fromEntries(Object.entries(q).filter(([k]) => !RESERVED.has(k)));
      const { asOf, publishedOnly } = request.query;
      const query = () => ({
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
      const compute = async () => {
        const answer = await indicatorValues(app.db, app.catalog, viewerOf(request.principal), query());
        return { ...answer, indicator: headIn(app.catalog, request.locale, answer.indicator) };
      };
      const format = request.query.format ?? 'json';
      if (format !== 'json') {
        // A file (CSV, XLSX, SDMX-CSV); the type provider knows the JSON form only.
        return serveDownload(app.db, request, reply, readOptionsFor(format, { asOf, publishedOnly }), () =>
          indicatorDownload(app.db, app.catalog, viewerOf(request.principal), {
            ...query(),
            format,
            labels: request.query.labels,
            source: `${app.config.publicUrl}${request.url}`,
          }),
        ) as never;
      }
      return serveFigures(app.db, request, reply, { asOf, publishedOnly }, compute);
    },
  );
};

/** An indicator for every org unit of one partner. */
const indicatorOrgUnitRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      const dimensions = Object.fromEntries(Object.entries(rest as Record<string, string>).filter(([k]) => k !== 'lang'));
      return serveFigures(app.db, request, reply, { asOf, publishedOnly }, async () => {
        const answer = await indicatorByOrgUnit(app.db, app.catalog, viewerOf(request.principal), {
          code: request.params.code,
          partner: partner.toUpperCase(),
          period,
          dimensions,
          asOf,
          publishedOnly,
        });
        return { ...answer, indicator: headIn(app.catalog, request.locale, answer.indicator) };
      });
    },
  );
};

export const indicatorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(indicatorListRoutes);
  await app.register(indicatorValueRoutes);
  await app.register(indicatorOrgUnitRoutes);
};
