// The submission's thread: workflow steps with their comments, and free comments by anyone who reads it.
import { formatDateTime } from '../../platform/format';
import { Group, Paper, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { Instant } from '../../platform/Instant';
import { Section } from '../../platform/Section';
import { Muted, Paragraphs } from '../../platform/text';
import { ValueBadge } from '../../platform/ValueBadge';
import { submissionPath, type Submission } from './model';
import { NoteForm } from './NoteForm';

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
  return (
    <Section plain id="thread-title" title={t('thread.title')} gap="sm">
      {submission.events.length === 0 && <Muted>{t('thread.empty')}</Muted>}
      <Stack gap="xs" component="ol" p={0} m={0} className="plain-list">
        {submission.events.map((e, i) => (
          <Paper component="li" key={`${e.at}-${i}`} withBorder p="xs" radius="sm">
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <ValueBadge value={e.kind} texts="thread.kind" colors={KIND_COLORS} size="sm" />
              <Muted size="xs">
                <Instant iso={e.at} format={formatDateTime} />
              </Muted>
            </Group>
            <Muted size="xs" mt={4}>
              {e.author}
            </Muted>
            <Paragraphs text={e.body} mt={4} />
          </Paper>
        ))}
      </Stack>
      {submission.can.comment && (
        <NoteForm label={t('thread.comment')} value={body} onChange={setBody} maxLength={5000} send={add} submit={t('thread.add')} />
      )}
    </Section>
  );
}
