// HTTP for the migration exchange: the regional dashboard (public as far as data is published),
// the bundled map, reporting compliance, and the early-warning feed with acknowledgements.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../platform/auth/auth.service.js';
import { PUBLIC, SIGNED_IN } from '../platform/http/access.js';
import { viewerOf } from '../platform/viewer.js';
import { serveFigures } from '../statistics/freshness.js';
import { AlertListSchema, AlertParams, AlertSchema, AlertsQuery } from './alerts.schema.js';
import { acknowledgeAlert, alertFeed, getAlert } from './alerts.service.js';
import { ComplianceQuery, ComplianceSchema, DashboardQuery, DashboardSchema, RegionMapSchema } from './dashboard.schema.js';
import { migrationDashboard, reportingCompliance } from './dashboard.service.js';
import { westernBalkansMap } from './geo.js';

const tags = ['migration'];

/** The regional situation: /migration/dashboard, /migration/map, /migration/compliance. */
const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/migration/dashboard',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'The regional situation for a month (the latest by default), as far as the caller may see the data',
        querystring: DashboardQuery,
        response: { 200: DashboardSchema },
      },
    },
    async (request, reply) =>
      serveFigures(app.db, request, reply, request.query, () =>
        migrationDashboard(app.db, app.catalog, viewerOf(request.principal), request.query),
      ),
  );

  app.get(
    '/migration/map',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'GeoJSON of the six partners and their neighbours (Natural Earth 1:50m, simplified)',
        response: { 200: RegionMapSchema },
      },
    },
    async (_request, reply) => {
      return reply.header('cache-control', 'public, max-age=86400').send(westernBalkansMap());
    },
  );

  app.get(
    '/migration/compliance',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'Which partner has submitted which month (monthly statistics and reception)',
        querystring: ComplianceQuery,
        response: { 200: ComplianceSchema },
      },
    },
    async (request) => ({
      datasets: await reportingCompliance(app.db, app.catalog, viewerOf(request.principal), { months: request.query.months }),
    }),
  );
};

/** Early warnings: /migration/alerts, /migration/alerts/:id and its acknowledgement. */
const alertsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/migration/alerts',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'Early warnings: all for the Commission and reviewers, those addressed to them for coordinators',
        querystring: AlertsQuery,
        response: { 200: AlertListSchema },
      },
    },
    async (request) => ({
      alerts: await alertFeed(app.db, app.catalog, viewerOf(request.principal), {
        partner: request.query.partner?.toUpperCase(),
        limit: request.query.limit,
      }),
    }),
  );

  app.get(
    '/migration/alerts/:id',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'One early warning with its recipients and acknowledgements',
        params: AlertParams,
        response: { 200: AlertSchema },
      },
    },
    async (request) => getAlert(app.db, app.catalog, viewerOf(request.principal), request.params.id),
  );

  app.post(
    '/migration/alerts/:id/ack',
    {
      config: { access: SIGNED_IN },
      schema: { tags, summary: 'Acknowledge an alert addressed to you', params: AlertParams, response: { 200: AlertSchema } },
    },
    async (request) => {
      const viewer = viewerOf(request.principal);
      return acknowledgeAlert(
        app.db,
        app.catalog,
        viewer as typeof viewer & { kind: 'user' },
        actorOf(request.principal!, request.id),
        request.params.id,
      );
    },
  );
};

export const migrationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(dashboardRoutes);
  await app.register(alertsRoutes);
};
