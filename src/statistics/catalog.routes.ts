// HTTP for the catalogue: what can be reported and computed (public reference information).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import type { Catalog } from './catalog.js';
import { CatalogSchema } from './indicators.schema.js';

export function presentCatalog(catalog: Catalog) {
  return {
    dimensions: [...catalog.dimensions.values()],
    variables: [...catalog.variables.values()].map(({ code, label, type, unit, kind, dimensions, domain }) => ({
      code,
      label,
      type,
      unit,
      kind,
      dimensions,
      domain,
    })),
    datasets: [...catalog.datasets.values()],
    indicators: [...catalog.indicators.values()].map(
      ({ code, label, description, unit, decimals, aggregation, polarity, variables, datasets, domain }) => ({
        code,
        label,
        description,
        unit,
        decimals,
        aggregation,
        polarity,
        variables,
        datasets,
        domain,
      }),
    ),
    validationRules: catalog.rules.map(({ code, message, datasets, leftText, operator, rightText, severity, tolerance, missing }) => ({
      code,
      message,
      datasets,
      left: leftText,
      operator,
      right: rightText,
      severity,
      tolerance,
      missing,
    })),
  };
}

export const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/catalog',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'Dimensions, variables, datasets, indicators and validation rules',
        response: { 200: CatalogSchema },
      },
    },
    async () => presentCatalog(app.catalog),
  );
};
