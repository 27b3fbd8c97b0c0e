// `jha meetings list` and `jha meetings announcement`: the meetings and their generated announcement.
import { Option, type Command } from 'commander';
import { cliActor } from '../platform/audit/actor.js';
import { isLocale } from '../platform/locales.js';
import { listPartners } from '../platform/partners/partners.service.js';
import { printTable } from '../platform/cli/io.js';
import type { WithDatabase } from '../statistics/cli.actions.js';

const OPERATOR = () => ({ kind: 'operator' as const, label: cliActor().label });

export function registerMeetingCommands(program: Command, withDatabase: WithDatabase): void {
  const meetings = program.command('meetings').description('Ministerial and other meetings');
  meetings
    .command('list')
    .description('List meetings, newest first')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { format: string }) => {
      const { listVisibleMeetings } = await import('./meetings.service.js');
      const rows = await withDatabase((db) => listVisibleMeetings(db, OPERATOR()));
      if (opts.format === 'json') {
        return void process.stdout.write(
          JSON.stringify(
            rows.map((m) => ({
              id: m.id,
              title: m.title,
              start: m.start,
              format: m.format,
              sessions: m.sessions,
              agenda_items: m.agenda_items,
            })),
            null,
            2,
          ) + '\n',
        );
      }
      if (rows.length === 0) return void process.stdout.write('No meetings.\n');
      printTable(
        rows.map((m) => ({
          id: m.id,
          start: m.start,
          format: m.format,
          status: m.status,
          sessions: String(m.sessions),
          agenda_items: String(m.agenda_items),
          title: m.title,
        })),
        ['id', 'start', 'format', 'status', 'sessions', 'agenda_items', 'title'],
      );
    });
  meetings
    .command('announcement')
    .description('Print the public announcement generated from a meeting’s agenda')
    .argument('<id>', 'meeting id (see `jha meetings list`)')
    .option('--lang <language>', 'the language of its fixed words: en, sq, mk, sr-Latn, sr-Cyrl, bs, cnr, hr', 'en')
    .action(async (id: string, options: { lang: string }) => {
      // An unknown language falls back to English, as ?lang= does on the web.
      const locale = isLocale(options.lang) ? options.lang : 'en';
      const [{ getMeeting }, { announcement }] = await Promise.all([import('./meetings.service.js'), import('./meetings.js')]);
      const text = await withDatabase(async (db) => {
        const meeting = await getMeeting(db, OPERATOR(), id);
        return announcement(
          meeting,
          meeting.sessions,
          meeting.delegations,
          new Map((await listPartners(db)).map((p) => [p.code, p.name])),
          locale,
        );
      });
      process.stdout.write(text);
    });
}
