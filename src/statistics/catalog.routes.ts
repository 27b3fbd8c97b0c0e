// HTTP for the catalogue: what can be reported and computed (public reference information).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { metadataOf, type Catalog } from './catalog.js';
import { catalogIn } from './catalog-i18n.js';
import { CatalogSchema } from './indicators.schema.js';

export function presentCatalog(catalog: Catalog) {
  const datasets = [...catalog.datasets.values()];
  return {
    domains: [...catalog.domains.values()].map((d) => ({
      code: d.code,
      label: d.label,
      description: d.description,
      sources: d.sources,
      datasets: datasets.filter((x) => x.domain === d.code).map((x) => x.code),
    })),
    dimensions: [...catalog.dimensions.values()],
    variables: [...catalog.variables.values()].map((v) => ({
      code: v.code,
      label: v.label,
      type: v.type,
      unit: v.unit,
      kind: v.kind,
      additive: v.additive,
      unitBy: v.unitBy,
      codeList: v.codeList,
      dimensions: v.dimensions,
      domain: v.domain,
      ...metadataOf(v),
    })),
    datasets,
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
        summary: 'Domains, dimensions, variables, datasets, indicators and validation rules',
        response: { 200: CatalogSchema },
      },
    },
    // Labels in the caller's language (?lang=, the profile, Accept-Language), English where untranslated.
    async (request, reply) => {
      reply.header('vary', 'x-language, accept-language');
      return presentCatalog(catalogIn(app.catalog, request.locale));
    },
  );
};
