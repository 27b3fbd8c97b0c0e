// The meetings the visitor may see (public ones for everyone, the others for their participants),
// upcoming first then past ones, and — for the Commission and admins — the form of a new meeting.
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { MeetingStatusBadge, VisibilityBadge } from './Badges';
import { canOrganise, formatRange, pages, useMeetings, type MeetingSummary } from './model';
import { NewMeetingForm } from './NewMeetingForm';

export function MeetingsPage({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const meetings = useMeetings();
  const now = new Date().toISOString();
  const all = meetings.data?.meetings ?? [];
  const upcoming = all
    .filter((m) => m.end >= now && m.status !== 'cancelled' && m.status !== 'held')
    .sort((a, b) => a.start.localeCompare(b.start));
  const past = all.filter((m) => !upcoming.includes(m));

  return (
    <Stack>
      <Title order={2}>{t('meetings.title')}</Title>
      <Text>{user ? t('meetings.intro') : t('meetings.introPublic')}</Text>
      {(meetings.error || !meetings.data) && <QueryState error={meetings.error} loading={t('meetings.loading')} />}
      {meetings.data && (
        <>
          <MeetingTable id="meetings-upcoming" title={t('meetings.upcoming')} meetings={upcoming} empty={t('meetings.noUpcoming')} />
          <MeetingTable id="meetings-past" title={t('meetings.past')} meetings={past} empty={t('meetings.noPast')} />
        </>
      )}
      {canOrganise(user) && <NewMeetingForm />}
    </Stack>
  );
}

function MeetingTable({ id, title, meetings, empty }: { id: string; title: string; meetings: MeetingSummary[]; empty: string }) {
  const { t } = useTranslation();
  return (
    <Section plain id={id} title={title} gap="xs">
      <DataTable
        empty={meetings.length === 0 && empty}
        minWidth={760}
        striped
        aria-labelledby={id}
        columns={[
          t('meetings.meeting'),
          t('meetings.when'),
          t('meetings.kindColumn'),
          t('meetings.statusColumn'),
          t('meetings.agendaColumn'),
        ]}
      >
        {meetings.map((m) => (
          <Table.Tr key={m.id}>
            <RowHeader>
              <Anchor component={Link} to={pages.meeting(m.id)}>
                {m.title}
              </Anchor>
              {m.host && <Muted size="xs">{t('meetings.hostedBy', { host: m.host })}</Muted>}
            </RowHeader>
            <Table.Td>
              <Text size="sm">{formatRange(m.start, m.end, m.timeZone)}</Text>
              <Muted size="xs">{m.timeZone}</Muted>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`meetings.kind.${m.kind}`)}</Text>
              <Muted size="xs">{t(`meetings.format.${m.format}`)}</Muted>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                <MeetingStatusBadge status={m.status} />
                {m.visibility !== 'public' && <VisibilityBadge visibility={m.visibility} />}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t('meetings.agendaCount', { sessions: m.sessions, count: m.agenda_items })}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}
