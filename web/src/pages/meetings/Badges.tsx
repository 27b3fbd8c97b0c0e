// Small marks shared by the meetings pages: a meeting's status and visibility, a delegation's reply
// to its invitation, a document's access; and the alert for a refused change, with a reload button
// when the meeting changed meanwhile (409). The text always says it; the colour only helps.
import { Alert, Badge, Button, Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../platform/api';
import {
  ACCESS_BADGE,
  INVITATION_BADGE,
  meetingKey,
  STATUS_BADGE,
  type Access,
  type Invitation,
  type MeetingStatus,
  type Visibility,
} from './model';

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_BADGE[status] ?? 'gray'}>
      {t(`meetings.status.${status}`)}
    </Badge>
  );
}

export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={visibility === 'public' ? 'green' : 'orange'}>
      {t(`meetings.visibility.${visibility}`)}
    </Badge>
  );
}

export function InvitationBadge({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={INVITATION_BADGE[invitation] ?? 'gray'}>
      {t(`meetings.invitation.${invitation}`)}
    </Badge>
  );
}

export function AccessBadge({ access }: { access: Access }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={ACCESS_BADGE[access] ?? 'gray'} size="sm">
      {t(`meetings.access.${access}`)}
    </Badge>
  );
}

/** The server's message for a refused change; a stale version (409) offers to reload the meeting. */
export function ChangeError({ error, meetingId, onReset }: { error: Error | null; meetingId: string; onReset?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  if (!error) return null;
  const stale = error instanceof ApiError && error.status === 409;
  const reload = async () => {
    await client.invalidateQueries({ queryKey: meetingKey(meetingId) });
    onReset?.();
  };
  return (
    <Alert color="red" role="alert">
      {error.message}
      {stale && (
        <Group mt="xs">
          <Button size="xs" variant="default" onClick={() => void reload()}>
            {t('meetings.reload')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
