// HTTP for the release calendar and the public reporting status.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { serveFigures } from './freshness.js';
import { parseAsOf } from './read-model.service.js';
import { releaseCalendar, releaseCoverage, reportingStatus } from './calendar.service.js';
import {
  CalendarQuery,
  CoverageQuery,
  CoverageSchema,
  ReleaseCalendarSchema,
  ReportingStatusParams,
  ReportingStatusQuery,
  ReportingStatusSchema,
} from './calendar.schema.js';

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/releases',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'The release calendar: releases made, publications scheduled (dates only) and the periods expected with their due dates',
        querystring: CalendarQuery,
        response: { 200: ReleaseCalendarSchema },
      },
    },
    async (request) => releaseCalendar(app.db, app.catalog, request.query),
  );

  app.get(
    '/releases/coverage',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary:
          'What the published figures of every dataset and indicator cover (periods, partners) and their last release, as of an instant',
        querystring: CoverageQuery,
        response: { 200: CoverageSchema },
      },
    },
    async (request, reply) => {
      const asOf = parseAsOf(request.query.asOf);
      // From releases only: the ETag of the latest release, a 304 when unchanged, cached until the next one.
      return serveFigures(app.db, request, reply, { asOf, publishedOnly: true }, () =>
        releaseCoverage(app.db, app.catalog, { ...request.query, asOf }),
      );
    },
  );

  app.get(
    '/datasets/:dataset/reporting-status',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'Per recent period, which Western Balkan partners have published the dataset, and when first',
        params: ReportingStatusParams,
        querystring: ReportingStatusQuery,
        response: { 200: ReportingStatusSchema },
      },
    },
    async (request) => reportingStatus(app.db, app.catalog, request.params.dataset, request.query.periods),
  );
};
