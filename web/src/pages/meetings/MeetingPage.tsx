// One meeting: when and how it is held (with the button that opens the video-conference service),
// the printable agenda and the calendar invitation, then the agenda, delegations and participants,
// documents, outcome and the generated announcement. What the viewer may change follows the
// server's `can`; a meeting the viewer may not see answers 404 and is explained as such.
import { Badge, Button, CopyButton, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { User } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { ErrorAlert } from '../../platform/feedback';
import { QueryState } from '../../platform/QueryState';
import { SectionTitle } from '../../platform/Section';
import { Muted, Paragraphs } from '../../platform/text';
import { AgendaSection } from './AgendaSection';
import { MeetingStatusBadge, VisibilityBadge } from './Badges';
import { DelegationsSection } from './DelegationsSection';
import { DocumentsSection } from './DocumentsSection';
import { formatRange, links, pages, useAnnouncement, useMeeting, type Meeting } from './model';
import { OutcomeSection } from './OutcomeSection';

export function MeetingPage({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const meeting = useMeeting(id);
  const back = <BackLink to={pages.list}>{t('meetings.back')}</BackLink>;
  if (meeting.error || !meeting.data) {
    return (
      <QueryState
        error={meeting.error}
        back={back}
        loading={t('meetings.loading')}
        notFound={t(user ? 'meetings.notFound' : 'meetings.notFoundPublic')}
      />
    );
  }
  const m = meeting.data;
  return (
    <Stack>
      {back}
      <MeetingHeader meeting={m} />
      <AgendaSection meeting={m} />
      <DelegationsSection meeting={m} user={user} />
      <DocumentsSection meeting={m} />
      <OutcomeSection meeting={m} />
      <Announcement meeting={m} />
    </Stack>
  );
}

function MeetingHeader({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const service = m.videoUrl ? new URL(m.videoUrl).hostname : null;
  const where =
    m.format === 'videoconference'
      ? t('meetings.format.videoconference')
      : [m.location, m.format === 'hybrid' ? t('meetings.format.hybrid') : null].filter(Boolean).join(' · ');
  return (
    <Stack gap="xs">
      <Title order={2}>{m.title}</Title>
      <Group gap="xs">
        <MeetingStatusBadge status={m.status} />
        <VisibilityBadge visibility={m.visibility} />
        <Badge variant="light" color="gray">
          {t(`meetings.kind.${m.kind}`)}
        </Badge>
      </Group>
      <Text>
        {formatRange(m.start, m.end, m.timeZone)}{' '}
        <Text span c="dimmed">
          ({m.timeZone})
        </Text>
      </Text>
      {where && <Text size="sm">{where}</Text>}
      {m.host && <Text size="sm">{t('meetings.hostedBy', { host: m.host })}</Text>}
      <Paragraphs text={m.description} c="dimmed" />
      <Group gap="sm">
        {m.videoUrl && m.status !== 'cancelled' && (
          <Button component="a" href={m.videoUrl} target="_blank" rel="noopener noreferrer">
            {t('meetings.join', { service })}
          </Button>
        )}
        <Button component="a" variant="default" href={links.agenda(m.id)} target="_blank" rel="noopener">
          {t('meetings.printableAgenda')}
        </Button>
        <Button component="a" variant="default" href={links.ics(m.id)} download="meeting.ics">
          {t('meetings.addToCalendar')}
        </Button>
      </Group>
    </Stack>
  );
}

function Announcement({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const text = useAnnouncement(meeting.id, meeting.version);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="announcement-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <SectionTitle id="announcement-title">{t('meetings.announcement.title')}</SectionTitle>
          {text.data && (
            <CopyButton value={text.data} timeout={2000}>
              {({ copied, copy }) => (
                <Button size="xs" variant={copied ? 'filled' : 'light'} color={copied ? 'green' : undefined} onClick={copy}>
                  {copied ? t('meetings.announcement.copied') : t('meetings.announcement.copy')}
                </Button>
              )}
            </CopyButton>
          )}
        </Group>
        <Muted>{t('meetings.announcement.help')}</Muted>
        <ErrorAlert error={text.error} />
        {text.data === undefined && !text.error ? (
          <Loader size="sm" aria-label={t('meetings.loading')} />
        ) : (
          <Paper bg="gray.0" p="sm" component="pre" className="generated-text">
            {text.data}
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}
