// HTTP for a partner's report in a round: reading it (as far as the viewer may), saving entries and
// submitting (the partner's coordinators), and assessing or returning it (reviewers, the Commission).
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { viewerOf } from '../platform/viewer.js';
import { ASSESSING, REPORTING } from './progress.js';
import {
  ReportParams,
  ReportSchema,
  ReportTransitionSchema,
  ReturnBody,
  SaveAssessmentsBody,
  SaveEntriesBody,
  SavedAssessmentsSchema,
  SavedEntriesSchema,
  VersionBody,
} from './progress.schema.js';
import { getReport, returnReport, saveAssessments, saveEntries, submitReport } from './reports.service.js';

const tags = ['commitments'];

export const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rounds/:id/reports/:partner',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'One partner’s report with entries, evidence and (once visible) assessments',
        params: ReportParams,
        response: { 200: ReportSchema },
      },
    },
    async (request) => getReport(app.db, viewerOf(request.principal), request.params.id, request.params.partner.toUpperCase()),
  );

  app.put(
    '/rounds/:id/reports/:partner/entries',
    {
      config: { access: REPORTING },
      schema: {
        tags,
        summary: 'Save statuses and narratives (all or nothing)',
        params: ReportParams,
        body: SaveEntriesBody,
        response: { 200: SavedEntriesSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      const { id, partner } = request.params;
      return saveEntries(app.db, viewer, actor, id, partner.toUpperCase(), request.body.version, request.body.entries);
    },
  );

  app.post(
    '/rounds/:id/reports/:partner/submit',
    {
      config: { access: REPORTING },
      schema: {
        tags,
        summary: 'Submit the report for assessment',
        params: ReportParams,
        body: VersionBody,
        response: { 200: ReportTransitionSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return submitReport(app.db, viewer, actor, request.params.id, request.params.partner.toUpperCase(), request.body.version);
    },
  );
};

export const assessmentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/rounds/:id/reports/:partner/return',
    {
      config: { access: ASSESSING },
      schema: {
        tags,
        summary: 'Return the report to the partner with a comment',
        params: ReportParams,
        body: ReturnBody,
        response: { 200: ReportTransitionSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      const { id, partner } = request.params;
      return returnReport(app.db, viewer, actor, id, partner.toUpperCase(), request.body.version, request.body.comment);
    },
  );

  app.put(
    '/rounds/:id/reports/:partner/assessments',
    {
      config: { access: ASSESSING },
      schema: {
        tags,
        summary: 'Assess commitments of a submitted report',
        params: ReportParams,
        body: SaveAssessmentsBody,
        response: { 200: SavedAssessmentsSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      const { id, partner } = request.params;
      return saveAssessments(app.db, viewer, actor, id, partner.toUpperCase(), request.body.version, request.body.assessments);
    },
  );
};
