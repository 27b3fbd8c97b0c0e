// HTTP for the signed-in user's own notifications: the list with the unread count, marking one read.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../auth/auth.service.js';
import { SIGNED_IN } from '../http/access.js';
import { listMyNotifications, markNotificationRead } from './notifications.service.js';

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

export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/notifications',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the number of unread ones',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ notifications: Type.Array(NotificationSchema), unread: Type.Integer() }) },
      },
    },
    async (request) => listMyNotifications(app.db, request.principal!.user.id, request.query.limit ?? 50),
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
    async (request) => markNotificationRead(app.db, actorOf(request.principal!, request.id), request.principal!.user.id, request.params.id),
  );
};
