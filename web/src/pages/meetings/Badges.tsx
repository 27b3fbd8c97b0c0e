// Small marks shared by the meetings pages: a meeting's status and visibility, a delegation's reply
// to its invitation, a document's access; and the alert for a refused change, with a reload button
// when the meeting changed meanwhile (409). The text always says it; the colour only helps.
import { Alert, Button, Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../platform/api';
import { ValueBadge } from '../../platform/ValueBadge';
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
  return <ValueBadge value={status} texts="meetings.status" colors={STATUS_BADGE} />;
}

export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  return (
    <ValueBadge value={visibility} texts="meetings.visibility" variant="outline" color={visibility === 'public' ? 'green' : 'orange'} />
  );
}

export function InvitationBadge({ invitation }: { invitation: Invitation }) {
  return <ValueBadge value={invitation} texts="meetings.invitation" colors={INVITATION_BADGE} />;
}

export function AccessBadge({ access }: { access: Access }) {
  return <ValueBadge value={access} texts="meetings.access" colors={ACCESS_BADGE} variant="outline" size="sm" />;
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
