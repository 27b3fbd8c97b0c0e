// The submission's thread: workflow steps with their comments, and free comments by anyone who reads it.
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { formatDateTime, submissionPath, type Submission } from './model';

const KIND_COLORS: Record<string, string> = {
  submit: 'violet',
  return: 'orange',
  approve: 'teal',
  publish: 'green',
  reopen: 'yellow',
  comment: 'gray',
};

export function ThreadPanel({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => api<void>('POST', `${submissionPath(submission)}/comments`, { body: body.trim() }),
    onSuccess: () => {
      setBody('');
      onChanged();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) add.mutate();
  };
  return (
    <Stack component="section" aria-labelledby="thread-title" gap="sm">
      <Title order={3} size="h4" id="thread-title">
        {t('thread.title')}
      </Title>
      {submission.events.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('thread.empty')}
        </Text>
      )}
      <Stack gap="xs" component="ol" p={0} m={0} className="plain-list">
        {submission.events.map((e, i) => (
          <Paper component="li" key={`${e.at}-${i}`} withBorder p="xs" radius="sm">
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Badge size="sm" variant="light" color={KIND_COLORS[e.kind] ?? 'gray'}>
                {t(`thread.kind.${e.kind}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </Text>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {e.author}
            </Text>
            {e.body && (
              <Text size="sm" mt={4} className="pre-wrap">
                {e.body}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
      {submission.can.comment && (
        <form onSubmit={submit}>
          <Stack gap={4}>
            <Textarea
              label={t('thread.comment')}
              autosize
              minRows={2}
              maxLength={5000}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            {add.error && (
              <Alert color="red" role="alert" p="xs">
                {add.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" size="xs" variant="light" loading={add.isPending} disabled={!body.trim()}>
                {t('thread.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
