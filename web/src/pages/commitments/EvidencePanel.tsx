// The evidence of one commitment in a report: files (download) and links, and — while the partner
// may edit — a file upload (sent as it is; the server judges the type from the content), a link
// form and a remove button per piece, which asks first (removing cannot be undone). A refused file
// is explained next to the file input.
import { formatBytes, formatDateTime } from '../../platform/format';
import { Anchor, Button, FileInput, Group, List, Loader, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, upload } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { DialogButtons, handleSubmit } from '../../platform/forms';
import { Muted } from '../../platform/text';
import { useFormState } from '../../platform/useFormState';
import { useOfAction } from './Badges';

import { checkSize, EVIDENCE_ACCEPT, paths, type Entry, type Evidence } from './model';

interface Props {
  round: string;
  partner: string;
  entry: Entry;
  canEdit: boolean;
  /** Applies a change of this entry's evidence to the cached report. */
  onChange: (change: { added?: Evidence; removed?: string }) => void;
}

export function EvidencePanel({ round, partner, entry, canEdit, onChange }: Props) {
  const { t } = useTranslation();
  const ofAction = useOfAction(entry.action);
  const base = paths.report(round, partner);
  return (
    <Stack gap="xs">
      <Title order={4} size="h6">
        {ofAction(t('commitments.evidence.title'))}
      </Title>
      <EvidenceList base={base} entry={entry} canEdit={canEdit} onChange={onChange} />
      {canEdit && (
        <>
          <EvidenceUpload base={base} entry={entry} onChange={onChange} />
          <LinkForm base={base} entry={entry} onChange={onChange} />
        </>
      )}
    </Stack>
  );
}

interface PartProps {
  /** The report's API path. */
  base: string;
  entry: Entry;
  onChange: Props['onChange'];
}

/** The pieces with their download or link, each with a remove button (asking first) while the partner may edit. */
function EvidenceList({ base, entry, canEdit, onChange }: PartProps & { canEdit: boolean }) {
  const { t } = useTranslation();
  // The piece the user asked to remove, until they confirm or cancel.
  const [removing, setRemoving] = useState<Evidence | null>(null);
  const remove = useMutation({
    mutationFn: (evidence: Evidence) => api<void>('DELETE', `${base}/evidence/${encodeURIComponent(evidence.id)}`),
    onSuccess: (_none, evidence) => {
      setRemoving(null);
      onChange({ removed: evidence.id });
    },
  });
  const confirmRemove = handleSubmit(() => {
    if (removing) remove.mutate(removing);
  });
  const listLabel = t('commitments.evidence.listLabel', { action: entry.action });
  return (
    <>
      {entry.evidence.length === 0 ? (
        <Muted>{t('commitments.evidence.none')}</Muted>
      ) : (
        <List size="sm" spacing={4} aria-label={listLabel} className="plain-list" withPadding={false}>
          {entry.evidence.map((v) => (
            <List.Item key={v.id}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <EvidenceItem evidence={v} />
                {canEdit && (
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-xs"
                    onClick={() => {
                      remove.reset();
                      setRemoving(v);
                    }}
                    aria-label={t('commitments.evidence.removeNamed', { title: v.title })}
                  >
                    {t('commitments.evidence.remove')}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('commitments.evidence.removeTitle')}>
        <form onSubmit={confirmRemove}>
          <Stack>
            <Text size="sm">{t('commitments.evidence.removeText', { title: removing?.title ?? '', action: entry.action })}</Text>
            <ErrorAlert error={remove.error} />
            <DialogButtons
              cancel={t('commitments.evidence.cancel')}
              onCancel={() => setRemoving(null)}
              color="red"
              loading={remove.isPending}
            >
              {t('commitments.evidence.removeConfirm')}
            </DialogButtons>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** One piece: its download (a file) or its address (a link), with its size or kind and who added it when. */
function EvidenceItem({ evidence: v }: { evidence: Evidence }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      {v.file ? (
        <Anchor href={`/api/v1/evidence/${encodeURIComponent(v.id)}/file`} download={v.file.name} size="sm">
          {v.title}
        </Anchor>
      ) : (
        <Anchor href={v.url ?? '#'} target="_blank" rel="noopener noreferrer" size="sm">
          {v.title}
        </Anchor>
      )}
      <Muted size="xs">
        {v.file ? `${formatBytes(v.file.size)} · ` : `${t('commitments.evidence.link')} · `}
        {t('commitments.evidence.addedBy', { who: v.addedBy, when: formatDateTime(v.addedAt) })}
      </Muted>
    </Stack>
  );
}

/** The file input: a chosen file is sent at once; a refused one is explained beside the input. */
function EvidenceUpload({ base, entry, onChange }: PartProps) {
  const { t } = useTranslation();
  const ofAction = useOfAction(entry.action);
  const [file, setFile] = useState<File | null>(null);
  const send = useMutation({
    mutationFn: (chosen: File) => {
      checkSize(chosen, (v) => t('commitments.evidence.tooLarge', v));
      const query = new URLSearchParams({ commitment: entry.commitment, name: chosen.name });
      return upload<Evidence>(`${base}/evidence?${query}`, chosen, 'application/octet-stream');
    },
    onSuccess: (added) => {
      setFile(null);
      onChange({ added });
    },
  });
  const choose = (chosen: File | null) => {
    setFile(chosen);
    send.reset();
    if (chosen) send.mutate(chosen);
  };
  return (
    <FileInput
      label={ofAction(t('commitments.evidence.file'))}
      description={t('commitments.evidence.fileHelp')}
      placeholder={t('commitments.evidence.choose')}
      accept={EVIDENCE_ACCEPT}
      value={file}
      onChange={choose}
      disabled={send.isPending}
      clearable={!send.isPending}
      rightSection={send.isPending ? <Loader size="xs" aria-label={t('commitments.evidence.uploading')} /> : undefined}
      error={send.error?.message}
      errorProps={{ role: 'alert' }}
      fileInputProps={{ 'aria-label': t('commitments.evidence.fileFor', { action: entry.action }) }}
    />
  );
}

/** The form adding a link (address and an optional title). */
function LinkForm({ base, entry, onChange }: PartProps) {
  const { t } = useTranslation();
  const ofAction = useOfAction(entry.action);
  const { form: link, setForm: setLink, set } = useFormState({ url: '', title: '' });
  const addLink = useMutation({
    mutationFn: () =>
      api<Evidence>('POST', `${base}/links`, {
        commitment: entry.commitment,
        url: link.url.trim(),
        ...(link.title.trim() ? { title: link.title.trim() } : {}),
      }),
    onSuccess: (added) => {
      setLink({ url: '', title: '' });
      onChange({ added });
    },
  });
  const submitLink = handleSubmit(() => {
    if (link.url.trim()) addLink.mutate();
  });
  return (
    <>
      <Group component="form" onSubmit={submitLink} gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          type="url"
          label={ofAction(t('commitments.evidence.url'))}
          placeholder="https://"
          value={link.url}
          size="xs"
          miw={220}
          onChange={set('url')}
        />
        <TextInput
          label={ofAction(t('commitments.evidence.linkTitle'))}
          value={link.title}
          size="xs"
          miw={160}
          maxLength={300}
          onChange={set('title')}
        />
        <Button type="submit" size="xs" variant="light" loading={addLink.isPending} disabled={!link.url.trim()}>
          {t('commitments.evidence.addLink')}
        </Button>
      </Group>
      {addLink.error && (
        <Text size="sm" c="red.8" role="alert">
          {addLink.error.message}
        </Text>
      )}
    </>
  );
}
