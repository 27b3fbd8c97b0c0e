// "New meeting" (Commission, admins): title, kind, format, host, start and end typed as wall-clock
// times of the meeting's time zone (sent with that zone's offset), place or video-conference link,
// visibility and description. The new meeting's page opens.
import { Group, NativeSelect, Paper, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { handleSubmit, LongTextField, SubmitButton } from '../../platform/forms';
import { SectionTitle } from '../../platform/Section';
import { useFormState } from '../../platform/useFormState';
import { applyMeeting, FORMATS, KINDS, knownTimeZones, pages, STATUSES, VISIBILITIES, zonedToIso, type Meeting } from './model';

const EMPTY = {
  title: '',
  kind: 'ministerial',
  format: 'videoconference',
  host: '',
  start: '',
  end: '',
  timeZone: 'Europe/Brussels',
  location: '',
  videoUrl: '',
  status: 'planned',
  visibility: 'public',
  description: '',
};

type Form = typeof EMPTY;
type FormFields = Pick<ReturnType<typeof useFormState<Form>>, 'form' | 'set'>;

/** The request body: times with the zone's offset, empty texts as null. */
function bodyOf(form: Form) {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  return {
    title: form.title.trim(),
    kind: form.kind,
    format: form.format,
    host: optional(form.host),
    start: zonedToIso(form.start, form.timeZone.trim()) ?? form.start,
    end: zonedToIso(form.end, form.timeZone.trim()) ?? form.end,
    timeZone: form.timeZone.trim(),
    location: optional(form.location),
    videoUrl: optional(form.videoUrl),
    status: form.status,
    visibility: form.visibility,
    description: optional(form.description),
  };
}

export function NewMeetingForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { form, set } = useFormState(EMPTY);
  const create = useMutation({
    mutationFn: () => api<Meeting>('POST', '/meetings', bodyOf(form)),
    onSuccess: (meeting) => {
      applyMeeting(client, meeting);
      navigate(pages.meeting(meeting.id));
    },
  });
  const options = (values: readonly string[], group: string) => values.map((value) => ({ value, label: t(`meetings.${group}.${value}`) }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-meeting-title">
      <Stack component="form" onSubmit={handleSubmit(() => create.mutate())} aria-labelledby="new-meeting-title" gap="sm" maw={760}>
        <SectionTitle id="new-meeting-title">{t('meetings.new.title')}</SectionTitle>
        <TextInput label={t('meetings.new.name')} required maxLength={300} value={form.title} onChange={set('title')} />
        <Group grow align="flex-start">
          <NativeSelect label={t('meetings.new.kind')} data={options(KINDS, 'kind')} value={form.kind} onChange={set('kind')} />
          <NativeSelect label={t('meetings.new.format')} data={options(FORMATS, 'format')} value={form.format} onChange={set('format')} />
        </Group>
        <TextInput
          label={t('meetings.new.host')}
          description={t('meetings.new.hostHelp')}
          maxLength={300}
          value={form.host}
          onChange={set('host')}
        />
        <WhenFields form={form} set={set} />
        <WhereFields form={form} set={set} />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('meetings.new.visibility')}
            description={t('meetings.new.visibilityHelp')}
            data={options(VISIBILITIES, 'visibility')}
            value={form.visibility}
            onChange={set('visibility')}
          />
          <NativeSelect label={t('meetings.new.status')} data={options(STATUSES, 'status')} value={form.status} onChange={set('status')} />
        </Group>
        <LongTextField label={t('meetings.new.description')} value={form.description} onChange={set('description')} />
        <ErrorAlert error={create.error} />
        <SubmitButton loading={create.isPending}>{t('meetings.new.submit')}</SubmitButton>
      </Stack>
    </Paper>
  );
}

/** Start and end as wall-clock times, and the time zone they are in (offered from the zones the browser knows). */
function WhenFields({ form, set }: FormFields) {
  const { t } = useTranslation();
  const [zones] = useState(knownTimeZones);
  return (
    <>
      <Group grow align="flex-start">
        <TextInput type="datetime-local" label={t('meetings.new.start')} required value={form.start} onChange={set('start')} />
        <TextInput type="datetime-local" label={t('meetings.new.end')} required value={form.end} onChange={set('end')} />
        <TextInput
          label={t('meetings.new.timeZone')}
          description={t('meetings.new.timeZoneHelp')}
          required
          maxLength={60}
          list="meeting-time-zones"
          value={form.timeZone}
          onChange={set('timeZone')}
        />
      </Group>
      <datalist id="meeting-time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}

/** The video-conference link and the place, each shown for the formats that have one. */
function WhereFields({ form, set }: FormFields) {
  const { t } = useTranslation();
  return (
    <>
      {form.format !== 'in_person' && (
        <TextInput
          type="url"
          label={t('meetings.new.videoUrl')}
          description={t('meetings.new.videoUrlHelp')}
          placeholder="https://"
          maxLength={2000}
          value={form.videoUrl}
          onChange={set('videoUrl')}
        />
      )}
      {form.format !== 'videoconference' && (
        <TextInput label={t('meetings.new.location')} maxLength={300} value={form.location} onChange={set('location')} />
      )}
    </>
  );
}
