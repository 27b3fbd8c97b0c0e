// The organisers' agenda forms: a new session (times typed in the meeting's time zone) and a new
// agenda item at the end of a session, with its lead, presenters, duration and the domains,
// indicators and plans it is about (which the briefing book draws on).
import { Button, Checkbox, Group, MultiSelect, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { useFormState } from '../../platform/useFormState';
import { usePlans } from '../commitments/model';
import { ChangeError } from './Badges';
import { useIndicatorList } from '../statistics/model';
import { DOMAINS, isoToZonedLocal, paths, useApplyMeeting, zonedToIso, type Meeting } from './model';

export function AddSessionForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const apply = useApplyMeeting();
  const initial = () => {
    const last = meeting.sessions.at(-1);
    return {
      title: '',
      start: isoToZonedLocal(last?.end ?? meeting.start, meeting.timeZone),
      end: isoToZonedLocal(meeting.end, meeting.timeZone),
    };
  };
  const { form, setForm, set } = useFormState(initial);
  const add = useMutation({
    mutationFn: () =>
      api<Meeting>('POST', `${paths.meeting(meeting.id)}/sessions`, {
        title: form.title.trim(),
        start: zonedToIso(form.start, meeting.timeZone) ?? form.start,
        end: zonedToIso(form.end, meeting.timeZone) ?? form.end,
      }),
    onSuccess: (view) => {
      apply(view);
      setForm({
        title: '',
        start: isoToZonedLocal(view.sessions.at(-1)?.end ?? view.start, view.timeZone),
        end: isoToZonedLocal(view.end, view.timeZone),
      });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-labelledby="add-session-title" miw={280}>
      <Stack gap="xs">
        <Title order={4} size="h6" id="add-session-title">
          {t('meetings.agenda.addSession')}
        </Title>
        <TextInput
          label={t('meetings.agenda.sessionTitle')}
          description={t('meetings.agenda.sessionTitleHelp')}
          required
          maxLength={200}
          value={form.title}
          onChange={set('title')}
        />
        <Group grow align="flex-start">
          <TextInput type="datetime-local" label={t('meetings.agenda.sessionStart')} required value={form.start} onChange={set('start')} />
          <TextInput type="datetime-local" label={t('meetings.agenda.sessionEnd')} required value={form.end} onChange={set('end')} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('meetings.agenda.timesIn', { zone: meeting.timeZone })}
        </Text>
        <ChangeError error={add.error} meetingId={meeting.id} onReset={() => add.reset()} />
        <Group>
          <Button type="submit" loading={add.isPending} disabled={!form.title.trim()}>
            {t('meetings.agenda.addSessionSubmit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function emptyItem(session: string) {
  return {
    session,
    title: '',
    description: '',
    lead: '',
    presenters: '',
    duration: '',
    domains: [] as string[],
    indicators: [] as string[],
    plans: [] as string[],
  };
}

export function AddItemForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const apply = useApplyMeeting();
  const indicators = useIndicatorList();
  const plans = usePlans();
  const { form, setForm, set, setField } = useFormState(() => emptyItem(meeting.sessions[0]?.id ?? ''));
  const session = meeting.sessions.some((s) => s.id === form.session) ? form.session : (meeting.sessions[0]?.id ?? '');
  const add = useMutation({
    mutationFn: () => {
      const optional = (value: string) => (value.trim() ? value.trim() : null);
      const presenters = form.presenters
        .split(/[,;\n]/)
        .map((p) => p.trim())
        .filter(Boolean);
      const duration = Number.parseInt(form.duration, 10);
      return api<Meeting>('POST', `${paths.meeting(meeting.id)}/items`, {
        sessionId: session,
        title: form.title.trim(),
        description: optional(form.description),
        lead: optional(form.lead),
        presenters,
        durationMinutes: Number.isFinite(duration) ? duration : null,
        topics: { domains: form.domains, indicators: form.indicators, plans: form.plans },
      });
    },
    onSuccess: (view) => {
      apply(view);
      setForm(emptyItem(session));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-labelledby="add-item-title" miw={320}>
      <Stack gap="xs">
        <Title order={4} size="h6" id="add-item-title">
          {t('meetings.agenda.addItem')}
        </Title>
        <NativeSelect
          label={t('meetings.agenda.session')}
          value={session}
          onChange={set('session')}
          data={meeting.sessions.map((s) => ({ value: s.id, label: s.title }))}
        />
        <TextInput label={t('meetings.agenda.itemTitle')} required maxLength={300} value={form.title} onChange={set('title')} />
        <Textarea
          label={t('meetings.agenda.description')}
          autosize
          minRows={2}
          maxLength={5000}
          value={form.description}
          onChange={set('description')}
        />
        <Group grow align="flex-start">
          <TextInput label={t('meetings.agenda.leadField')} maxLength={300} value={form.lead} onChange={set('lead')} />
          <TextInput
            type="number"
            label={t('meetings.agenda.duration')}
            min={1}
            max={1440}
            value={form.duration}
            onChange={set('duration')}
          />
        </Group>
        <TextInput
          label={t('meetings.agenda.presentersField')}
          description={t('meetings.agenda.presentersHelp')}
          value={form.presenters}
          onChange={set('presenters')}
        />
        <Checkbox.Group label={t('meetings.agenda.domainsField')} value={form.domains} onChange={(domains) => setField('domains', domains)}>
          <Group gap="md" mt={4}>
            {DOMAINS.map((d) => (
              <Checkbox key={d} value={d} label={t(`meetings.domains.${d}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <MultiSelect
          label={t('meetings.agenda.indicatorsField')}
          searchable
          clearable
          value={form.indicators}
          onChange={(value) => setField('indicators', value)}
          data={(indicators.data?.indicators ?? []).map((i) => ({ value: i.code, label: i.label }))}
        />
        <MultiSelect
          label={t('meetings.agenda.plansField')}
          searchable
          clearable
          value={form.plans}
          onChange={(value) => setField('plans', value)}
          data={(plans.data?.plans ?? []).map((p) => ({ value: p.code, label: p.title }))}
        />
        <ChangeError error={add.error} meetingId={meeting.id} onReset={() => add.reset()} />
        <Group>
          <Button type="submit" loading={add.isPending} disabled={!form.title.trim() || !session}>
            {t('meetings.agenda.addItemSubmit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
