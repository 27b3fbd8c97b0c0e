// What a capability brings to the platform. Each capability folder has a `module.ts` that exports
// one Module; the composition root (src/app/) wires them into the server, the CLI and the job runner.
// `Ctx` is what the composition root hands every module (configuration, the loaded catalogues).
import type { Command } from 'commander';
import type { FastifyPluginAsync } from 'fastify';
import type { Db, Migrations } from './db/database.js';
import type { EventBus } from './events.js';
import type { JobHandler } from './jobs/jobs.service.js';
import type { Task } from './tasks.js';
import type { TaskViewer } from './viewer.js';

/**
 * Runs one CLI command's work with a prepared database and the context; `context()` gives the
 * context alone (loaded once per process, on first use).
 */
export interface CommandRunner<Ctx> {
  <T>(work: (db: Db, ctx: Ctx) => Promise<T>): Promise<T>;
  context(): Ctx;
}

export interface Module<Ctx> {
  /** The capability's folder name, e.g. `statistics`. */
  name: string;
  /** Its migrations by name (timestamps, so that every module's interleave in order). */
  migrations?: Migrations;
  /** Its routes, registered under /api/v1. */
  routes?: FastifyPluginAsync;
  /** The review domains it adds (reviewers can be limited to them). */
  reviewDomains?: (ctx: Ctx) => string[];
  /** Background job handlers by kind (wrapped in recurring() when they repeat). */
  jobs?: (ctx: Ctx) => Record<string, JobHandler>;
  /** Subscriptions to other capabilities' events, once per process; an event carries what its handlers need. */
  subscribe?: (bus: EventBus) => void;
  /** Runs at every start after the migrations (e.g. loading shipped content into the database). */
  start?: (db: Db, ctx: Ctx) => Promise<void>;
  /** Demo content, created once on a new local demo database, in module order. */
  seedDemo?: (db: Db, ctx: Ctx) => Promise<void>;
  /** What a signed-in user has to do in this capability (the home page's tasks); `now` fixes due and overdue. */
  tasks?: (db: Db, ctx: Ctx, viewer: TaskViewer, now: Date) => Promise<Task[]>;
  /** Its `jha` commands. */
  commands?: (program: Command, run: CommandRunner<Ctx>) => void;
}
