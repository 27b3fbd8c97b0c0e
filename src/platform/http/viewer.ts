// The viewer and the actor of an HTTP request, for the routes of every capability.
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../auth/auth.service.js';
import { viewerOf } from '../viewer.js';

/** For routes that change data: who is looking, and who acts (a signed-in caller). */
export function viewerAndActor(request: FastifyRequest) {
  return { viewer: viewerOf(request.principal), actor: actorOf(request.principal!, request.id) };
}
