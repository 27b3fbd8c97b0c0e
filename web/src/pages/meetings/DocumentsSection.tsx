// The meeting's documents the viewer may read, with their access (public, participants,
// Commission), the agenda item they belong to and every version (download). Organisers upload a
// document (title, access and item first, then the file, sent as it is: the server judges the type
// from the content and names the reason of a refusal) and new versions of a document.
import { formatBytes, formatDateTime } from '../../platform/format';
import { Anchor, FileInput, Group, List, Loader, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { handleSubmit, SubmitButton } from '../../platform/forms';
import { FormSection, Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { useFormState } from '../../platform/useFormState';
import { checkSize } from '../commitments/model';

import { AccessBadge } from './Badges';
import { ACCESS, agendaItems, DOCUMENT_ACCEPT, links, meetingKey, paths, type Meeting, type MeetingDocument } from './model';

export function DocumentsSection({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const items = agendaItems(meeting);
  const itemTitle = (id: string | null) => items.find((i) => i.item.id === id)?.item.title ?? null;
  return (
    <Section id="documents-title" title={t('meetings.documents.title')} gap="md">
      <DataTable
        empty={meeting.documents.length === 0 && t('meetings.documents.none')}
        minWidth={720}
        striped
        aria-labelledby="documents-title"
        columns={[
          t('meetings.documents.document'),
          t('meetings.documents.access'),
          t('meetings.documents.versions'),
          meeting.can.edit && t('meetings.documents.newVersion'),
        ]}
      >
        {meeting.documents.map((d) => {
          const latest = d.versions.at(-1);
          return (
            <Table.Tr key={d.id}>
              <RowHeader>
                {latest ? (
                  <Anchor href={links.document(meeting.id, d.id)} download={latest.name} size="sm">
                    {d.title}
                  </Anchor>
                ) : (
                  <Text size="sm">{d.title}</Text>
                )}
                {latest && (
                  <Muted size="xs">
                    {latest.name} · {formatBytes(latest.size)}
                  </Muted>
                )}
                {itemTitle(d.itemId) && <Muted size="xs">{t('meetings.documents.forItem', { item: itemTitle(d.itemId) })}</Muted>}
              </RowHeader>
              <Table.Td>
                <AccessBadge access={d.access} />
              </Table.Td>
              <Table.Td>
                <List
                  size="xs"
                  spacing={2}
                  className="plain-list"
                  withPadding={false}
                  aria-label={t('meetings.documents.versionsOf', { title: d.title })}
                >
                  {[...d.versions].reverse().map((v) => (
                    <List.Item key={v.version}>
                      <Anchor
                        href={links.document(meeting.id, d.id, v.version)}
                        download={v.name}
                        size="xs"
                        aria-label={t('meetings.documents.versionOf', { version: v.version, title: d.title })}
                      >
                        {t('meetings.documents.version', { version: v.version })}
                      </Anchor>{' '}
                      <Muted span size="xs">
                        {t('meetings.documents.uploadedBy', { who: v.uploadedBy, when: formatDateTime(v.uploadedAt) })}
                      </Muted>
                    </List.Item>
                  ))}
                </List>
              </Table.Td>
              {meeting.can.edit && (
                <Table.Td>
                  <NewVersion meeting={meeting} document={d} />
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </DataTable>
      {meeting.can.edit && <UploadForm meeting={meeting} />}
    </Section>
  );
}

function UploadForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty = { title: '', access: 'participants', item: '', file: null as File | null };
  const { form, setForm, set, setField } = useFormState(empty);
  const [done, setDone] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => {
      const file = form.file!;
      checkSize(file, (v) => t('meetings.documents.tooLarge', v));
      const query = new URLSearchParams({
        name: file.name,
        access: form.access,
        ...(form.title.trim() ? { title: form.title.trim() } : {}),
        ...(form.item ? { item: form.item } : {}),
      });
      return upload<MeetingDocument>(`${paths.meeting(meeting.id)}/documents?${query}`, file, 'application/octet-stream');
    },
    onMutate: () => setDone(null),
    onSuccess: async (document) => {
      setForm((f) => ({ ...empty, access: f.access }));
      setDone(t('meetings.documents.uploaded', { title: document.title }));
      await client.invalidateQueries({ queryKey: meetingKey(meeting.id) });
    },
  });
  const submit = handleSubmit(() => {
    if (form.file) send.mutate();
  });
  return (
    <FormSection id="upload-title" title={t('meetings.documents.uploadTitle')} onSubmit={submit}>
      <TextInput
        label={t('meetings.documents.titleField')}
        description={t('meetings.documents.titleHelp')}
        maxLength={300}
        value={form.title}
        onChange={set('title')}
      />
      <Group grow align="flex-start">
        <NativeSelect
          label={t('meetings.documents.accessField')}
          value={form.access}
          data={ACCESS.map((a) => ({ value: a, label: t(`meetings.access.${a}`) }))}
          onChange={set('access')}
        />
        <NativeSelect
          label={t('meetings.documents.itemField')}
          value={form.item}
          data={[
            { value: '', label: t('meetings.documents.noItem') },
            ...agendaItems(meeting).map(({ item }) => ({ value: item.id, label: item.title })),
          ]}
          onChange={set('item')}
        />
      </Group>
      <FileInput
        label={t('meetings.documents.file')}
        description={t('meetings.documents.fileHelp')}
        placeholder={t('meetings.documents.choose')}
        accept={DOCUMENT_ACCEPT}
        value={form.file}
        onChange={(file) => {
          send.reset();
          setField('file', file);
        }}
        clearable
        fileInputProps={{ 'aria-label': t('meetings.documents.file') }}
      />
      <ErrorAlert error={send.error} />
      {done && <SuccessAlert>{done}</SuccessAlert>}
      <SubmitButton loading={send.isPending} disabled={!form.file}>
        {t('meetings.documents.upload')}
      </SubmitButton>
    </FormSection>
  );
}

function NewVersion({ meeting, document: d }: { meeting: Meeting; document: MeetingDocument }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const send = useMutation({
    mutationFn: (file: File) => {
      checkSize(file, (v) => t('meetings.documents.tooLarge', v));
      return upload<MeetingDocument>(
        `${paths.meeting(meeting.id)}/documents/${encodeURIComponent(d.id)}/versions?${new URLSearchParams({ name: file.name })}`,
        file,
        'application/octet-stream',
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: meetingKey(meeting.id) }),
  });
  return (
    <FileInput
      size="xs"
      placeholder={t('meetings.documents.choose')}
      accept={DOCUMENT_ACCEPT}
      value={null}
      disabled={send.isPending}
      onChange={(file) => {
        send.reset();
        if (file) send.mutate(file);
      }}
      aria-label={t('meetings.documents.newVersionOf', { title: d.title })}
      fileInputProps={{ 'aria-label': t('meetings.documents.newVersionOf', { title: d.title }) }}
      rightSection={send.isPending ? <Loader size="xs" aria-label={t('meetings.documents.uploading')} /> : undefined}
      error={send.error?.message}
      errorProps={{ role: 'alert' }}
    />
  );
}
