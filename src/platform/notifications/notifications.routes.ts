// HTTP for the signed-in user's own notifications: the list with the unread count, marking one read;
// their texts in the reader's language (`?lang=`, else the user's own).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../auth/auth.service.js';
import { SIGNED_IN } from '../http/access.js';
import { requestLocale } from '../i18n/request-locale.js';
import { changeEmailPreference, emailPreferenceOf, listMyNotifications, markNotificationRead } from './notifications.service.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: NullableString,
  createdAt: Type.String(),
  read: Type.Boolean(),
  readAt: NullableString,
});

const EmailPreferenceSchema = Type.Object(
  {
    emailPreference: Type.Union([Type.Literal('each'), Type.Literal('daily'), Type.Literal('none')], {
      description: 'each: one e-mail per notification; daily: one digest a day; none: no e-mail (the bell still shows them)',
    }),
  },
  { additionalProperties: false },
);

export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/email-preference',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['notifications'], summary: 'How I receive notifications by e-mail', response: { 200: EmailPreferenceSchema } },
    },
    async (request) => ({ emailPreference: await emailPreferenceOf(app.db, request.principal!.user.id) }),
  );

  app.put(
    '/me/email-preference',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['notifications'],
        summary: 'Choose how I receive notifications by e-mail: each, a daily digest, or none',
        body: EmailPreferenceSchema,
        response: { 200: EmailPreferenceSchema },
      },
    },
    async (request) => ({
      emailPreference: await changeEmailPreference(
        app.db,
        actorOf(request.principal!, request.id),
        request.principal!.user.id,
        request.body.emailPreference,
      ),
    }),
  );

  app.get(
    '/notifications',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the number of unread ones',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            lang: Type.Optional(Type.String({ description: 'the language of the texts; else the user’s own' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ notifications: Type.Array(NotificationSchema), unread: Type.Integer() }) },
      },
    },
    async (request) => listMyNotifications(app.db, request.principal!.user.id, request.query.limit ?? 50, requestLocale(request)),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: NotificationSchema },
      },
    },
    async (request) =>
      markNotificationRead(
        app.db,
        actorOf(request.principal!, request.id),
        request.principal!.user.id,
        request.params.id,
        requestLocale(request),
      ),
  );
};
