// HTTP for the catalogue: what can be reported and computed (public reference information).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { metadataOf, type Catalog } from './catalog.js';
import { CatalogSchema } from './indicators.schema.js';

export function presentCatalog(catalog: Catalog) {
  return {
    dimensions: [...catalog.dimensions.values()],
    variables: [...catalog.variables.values()].map((v) => ({
      code: v.code,
      label: v.label,
      type: v.type,
      unit: v.unit,
      kind: v.kind,
      additive: v.additive,
      unitBy: v.unitBy,
      dimensions: v.dimensions,
      domain: v.domain,
      ...metadataOf(v),
    })),
    datasets: [...catalog.datasets.values()],
    indicators: [...catalog.indicators.values()].map((i) => ({
      code: i.code,
      label: i.label,
      description: i.description,
      unit: i.unit,
      decimals: i.decimals,
      aggregation: i.aggregation,
      polarity: i.polarity,
      variables: i.variables,
      datasets: i.datasets,
      domain: i.domain,
      ...metadataOf(i),
    })),
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
