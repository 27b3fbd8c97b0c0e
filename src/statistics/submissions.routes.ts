// HTTP for submissions: read, save values, workflow transitions, comments, reporting overview.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC, SIGNED_IN } from '../platform/http/access.js';
import { NoContent } from '../platform/http/schemas.js';
import { overviewFor, reportingOverview } from './overview.service.js';
import {
  CommentBody,
  FindingCommentBody,
  KeyParams,
  ListQuery,
  OverviewParams,
  OverviewRowSchema,
  PublishBody,
  ReopenBody,
  ReturnBody,
  SaveValuesBody,
  SaveValuesResult,
  SubmissionSummary,
  SubmissionViewSchema,
  TransitionResult,
  VersionBody,
} from './submissions.schema.js';
import { findingMessage } from './finding-messages.js';
import { getSubmission, listVisibleSubmissions, type SubmissionKey } from './submissions.service.js';
import { declareOrgUnitsComplete, saveValues } from './value-entry.service.js';
import { revisionHistory } from './read-model.service.js';
import { OrgUnitsCompleteBody, RevisionHistorySchema } from './releases.schema.js';
import { addComment, commentFindings } from './thread.service.js';
import { transition } from './workflow.service.js';
import { viewerOf } from '../platform/viewer.js';
import { viewerAndActor } from '../platform/http/viewer.js';

const ENTRY = { roles: ['coordinator', 'admin'], partnerParam: 'partner' } as const;
const REVIEW = { roles: ['reviewer', 'commission', 'admin'] } as const;
const PUBLISH = { roles: ['commission', 'admin'] } as const;
const BASE = '/submissions/:dataset/:partner/:period';

function keyOf(params: { dataset: string; partner: string; period: string }): SubmissionKey {
  return { dataset: params.dataset, partner: params.partner.toUpperCase(), period: params.period };
}

/** Reading many: the submissions the caller may see, the reporting overview. */
const listRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/submissions',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'Submissions the caller may see',
        querystring: ListQuery,
        response: { 200: Type.Object({ submissions: Type.Array(SubmissionSummary) }) },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listVisibleSubmissions(app.db, viewerOf(request.principal), {
        dataset: q.dataset,
        partner: q.partner?.toUpperCase(),
        period: q.period,
        status: q.status,
      });
      return {
        submissions: rows.map((r) => ({
          dataset: r.dataset,
          partner: r.partner_code,
          period: r.period,
          status: r.status,
          version: r.version,
          updatedAt: r.updated_at,
        })),
      };
    },
  );

  app.get(
    '/datasets/:dataset/periods/:period/overview',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['statistics'],
        summary: 'Reporting status of each Western Balkan partner, with who is late',
        params: OverviewParams,
        response: { 200: Type.Object({ partners: Type.Array(OverviewRowSchema) }) },
      },
    },
    async (request) => ({
      partners: overviewFor(
        viewerOf(request.principal),
        await reportingOverview(app.db, app.catalog, request.params.dataset, request.params.period),
      ),
    }),
  );
};

/** Reading one submission: its values, findings and thread, its releases. */
const readRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    BASE,
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'One submission with values, validation findings and thread (as far as the caller may see it)',
        params: KeyParams,
        response: { 200: SubmissionViewSchema },
      },
    },
    async (request) => {
      const answer = await getSubmission(app.db, app.catalog, viewerOf(request.principal), keyOf(request.params));
      // The findings' messages in the caller's language (finding-messages.ts).
      return { ...answer, findings: answer.findings.map((f) => ({ ...f, message: findingMessage(app.catalog, f, request.locale) })) };
    },
  );

  app.get(
    `${BASE}/releases`,
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'Every release of one submission (number, date, the reopen reason) and each value a later release revised (old → new)',
        params: KeyParams,
        response: { 200: RevisionHistorySchema },
      },
    },
    async (request) => revisionHistory(app.db, app.catalog, keyOf(request.params)),
  );
};

/** Entering values. */
const workflowRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    `${BASE}/values`,
    {
      config: { access: ENTRY },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['statistics'],
        summary: 'Save values (all or nothing); `version` must be the one read',
        params: KeyParams,
        body: SaveValuesBody,
        response: { 200: SaveValuesResult },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      const result = await saveValues(app.db, app.catalog, viewer, actor, keyOf(request.params), request.body.version, request.body.values);
      return {
        version: result.submission.version,
        status: result.submission.status,
        created: result.created,
        changed: result.changed,
        unchanged: result.unchanged,
        removed: result.removed,
      };
    },
  );

  app.put(
    `${BASE}/org-units-complete`,
    {
      config: { access: ENTRY },
      schema: {
        tags: ['statistics'],
        summary:
          'Declare the partner’s org-unit list complete for this period (or withdraw it): only then are totals summed from org units',
        params: KeyParams,
        body: OrgUnitsCompleteBody,
        response: { 200: TransitionResult },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      const { version, complete } = request.body;
      const next = await declareOrgUnitsComplete(app.db, app.catalog, viewer, actor, keyOf(request.params), version, complete);
      return { status: next.status, version: next.version };
    },
  );
};

/** The workflow steps. */
const stepRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const step = (action: 'submit' | 'approve', access: typeof ENTRY | typeof REVIEW, summary: string) => {
    app.post(
      `${BASE}/${action}`,
      {
        config: { access },
        schema: { tags: ['statistics'], summary, params: KeyParams, body: VersionBody, response: { 200: TransitionResult } },
      },
      async (request) => {
        const { viewer, actor } = viewerAndActor(request);
        const s = await transition(app.db, app.catalog, viewer, actor, keyOf(request.params), action, request.body.version);
        return { status: s.status, version: s.version };
      },
    );
  };
  step('submit', ENTRY, 'Submit for review (refused while errors remain or warnings lack a comment)');
  step('approve', REVIEW, 'Approve a submitted submission');
  app.post(
    `${BASE}/publish`,
    {
      config: { access: PUBLISH },
      schema: {
        tags: ['statistics'],
        summary: 'Publish an approved submission now, or schedule it (publishAt): nothing of it is public before then',
        params: KeyParams,
        body: PublishBody,
        response: { 200: TransitionResult },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      const { version, publishAt } = request.body;
      const s = await transition(app.db, app.catalog, viewer, actor, keyOf(request.params), 'publish', version, undefined, { publishAt });
      return { status: s.status, version: s.version, publishAt: s.publish_at ?? null };
    },
  );

  // Return and reopen: a transition with a text (the comment to the partner, the reason).
  const withText = (
    action: 'return' | 'reopen',
    access: typeof REVIEW | typeof PUBLISH,
    body: typeof ReturnBody | typeof ReopenBody,
    field: 'comment' | 'reason',
    summary: string,
  ) => {
    app.post(
      `${BASE}/${action}`,
      { config: { access }, schema: { tags: ['statistics'], summary, params: KeyParams, body, response: { 200: TransitionResult } } },
      async (request) => {
        const { viewer, actor } = viewerAndActor(request);
        const b = request.body as { version: number } & Record<typeof field, string>;
        const s = await transition(app.db, app.catalog, viewer, actor, keyOf(request.params), action, b.version, b[field]);
        return { status: s.status, version: s.version };
      },
    );
  };
  withText('return', REVIEW, ReturnBody, 'comment', 'Return to the partner with a comment');
  withText('reopen', PUBLISH, ReopenBody, 'reason', 'Reopen approved or published data for correction, with a reason');
};

/** The thread: comments, explanations of warnings. */
const threadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    `${BASE}/comments`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['statistics'],
        summary: 'Comment in the submission thread',
        params: KeyParams,
        body: CommentBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      await addComment(app.db, viewer, actor, keyOf(request.params), request.body.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${BASE}/findings/comment`,
    {
      config: { access: ENTRY },
      schema: {
        tags: ['statistics'],
        summary: 'Explain a validation warning (`key`), or several with one text (`keys`)',
        params: KeyParams,
        body: FindingCommentBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      const keys = [...(request.body.key ? [request.body.key] : []), ...(request.body.keys ?? [])];
      await commentFindings(app.db, viewer, actor, keyOf(request.params), keys, request.body.comment);
      return reply.status(204).send(null);
    },
  );
};

/** Submissions: reading and the workflow. */
export const submissionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(listRoutes);
  await app.register(readRoutes);
  await app.register(workflowRoutes);
  await app.register(stepRoutes);
  await app.register(threadRoutes);
};
