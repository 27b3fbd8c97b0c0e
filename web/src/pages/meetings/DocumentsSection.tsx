// The meeting's documents the viewer may read, with their access (public, participants,
// Commission), the agenda item they belong to and every version (download). Organisers upload a
// document (title, access and item first, then the file, sent as it is: the server judges the type
// from the content and names the reason of a refusal) and new versions of a document.
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../../platform/api';
import { useFormState } from '../../platform/useFormState';
import { checkSize, formatBytes } from '../commitments/model';
import { formatDateTime } from '../statistics/model';
import { AccessBadge } from './Badges';
import { ACCESS, agendaItems, DOCUMENT_ACCEPT, links, meetingKey, paths, type Meeting, type MeetingDocument } from './model';

export function DocumentsSection({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const items = agendaItems(meeting);
  const itemTitle = (id: string | null) => items.find((i) => i.item.id === id)?.item.title ?? null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="documents-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="documents-title">
          {t('meetings.documents.title')}
        </Title>
        {meeting.documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('meetings.documents.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-labelledby="documents-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('meetings.documents.document')}</Table.Th>
                  <Table.Th scope="col">{t('meetings.documents.access')}</Table.Th>
                  <Table.Th scope="col">{t('meetings.documents.versions')}</Table.Th>
                  {meeting.can.edit && <Table.Th scope="col">{t('meetings.documents.newVersion')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {meeting.documents.map((d) => {
                  const latest = d.versions.at(-1);
                  return (
                    <Table.Tr key={d.id}>
                      <Table.Th scope="row" fw={400}>
                        {latest ? (
                          <Anchor href={links.document(meeting.id, d.id)} download={latest.name} size="sm">
                            {d.title}
                          </Anchor>
                        ) : (
                          <Text size="sm">{d.title}</Text>
                        )}
                        {latest && (
                          <Text size="xs" c="dimmed">
                            {latest.name} · {formatBytes(latest.size)}
                          </Text>
                        )}
                        {itemTitle(d.itemId) && (
                          <Text size="xs" c="dimmed">
                            {t('meetings.documents.forItem', { item: itemTitle(d.itemId) })}
                          </Text>
                        )}
                      </Table.Th>
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
                              <Text span size="xs" c="dimmed">
                                {t('meetings.documents.uploadedBy', { who: v.uploadedBy, when: formatDateTime(v.uploadedAt) })}
                              </Text>
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {meeting.can.edit && <UploadForm meeting={meeting} />}
      </Stack>
    </Paper>
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.file) send.mutate();
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs" aria-labelledby="upload-title" maw={760}>
      <Title order={4} size="h5" id="upload-title">
        {t('meetings.documents.uploadTitle')}
      </Title>
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
      {send.error && (
        <Alert color="red" role="alert">
          {send.error.message}
        </Alert>
      )}
      {done && (
        <Alert color="green" role="status">
          {done}
        </Alert>
      )}
      <Group>
        <Button type="submit" loading={send.isPending} disabled={!form.file}>
          {t('meetings.documents.upload')}
        </Button>
      </Group>
    </Stack>
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
