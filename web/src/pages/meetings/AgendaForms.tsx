// The organisers' agenda forms: a new session (times typed in the meeting's time zone) and a new
// agenda item at the end of a session, with its lead, presenters, duration and the domains,
// indicators and plans it is about (which the briefing book draws on).
import { Checkbox, Group, MultiSelect, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { handleSubmit, LongTextField, SubmitButton } from '../../platform/forms';
import { Muted } from '../../platform/text';
import { useFormState } from '../../platform/useFormState';
import { IndicatorsField } from '../commitments/ActionFields';
import { usePlans } from '../commitments/model';
import { ChangeError } from './Badges';
import { DOMAINS, isoToZonedLocal, paths, useApplyMeeting, zonedToIso, type Meeting } from './model';

interface FrameProps {
  id: string;
  title: string;
  miw: number;
  meeting: Meeting;
  /** The request the form sends. */
  add: UseMutationResult<Meeting, Error, void>;
  submit: string;
  disabled: boolean;
  children: ReactNode;
}

/** The frame of an agenda form: a small bordered form named by its heading, the refusal, and its submit button. */
function AgendaForm({ id, title, miw, meeting, add, submit, disabled, children }: FrameProps) {
  return (
    <Paper withBorder p="sm" component="form" onSubmit={handleSubmit(() => add.mutate())} aria-labelledby={id} miw={miw}>
      <Stack gap="xs">
        <Title order={4} size="h6" id={id}>
          {title}
        </Title>
        {children}
        <ChangeError error={add.error} meetingId={meeting.id} onReset={() => add.reset()} />
        <SubmitButton loading={add.isPending} disabled={disabled}>
          {submit}
        </SubmitButton>
      </Stack>
    </Paper>
  );
}

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
  return (
    <AgendaForm
      id="add-session-title"
      title={t('meetings.agenda.addSession')}
      miw={280}
      meeting={meeting}
      add={add}
      submit={t('meetings.agenda.addSessionSubmit')}
      disabled={!form.title.trim()}
    >
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
      <Muted size="xs">{t('meetings.agenda.timesIn', { zone: meeting.timeZone })}</Muted>
    </AgendaForm>
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

type ItemForm = ReturnType<typeof emptyItem>;

/** The request body of a new item: presenters split at commas, semicolons and lines; empty texts as null. */
function itemBody(form: ItemForm, session: string) {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  const presenters = form.presenters
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const duration = Number.parseInt(form.duration, 10);
  return {
    sessionId: session,
    title: form.title.trim(),
    description: optional(form.description),
    lead: optional(form.lead),
    presenters,
    durationMinutes: Number.isFinite(duration) ? duration : null,
    topics: { domains: form.domains, indicators: form.indicators, plans: form.plans },
  };
}

export function AddItemForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const apply = useApplyMeeting();
  const { form, setForm, set, setField } = useFormState(() => emptyItem(meeting.sessions[0]?.id ?? ''));
  const session = meeting.sessions.some((s) => s.id === form.session) ? form.session : (meeting.sessions[0]?.id ?? '');
  const add = useMutation({
    mutationFn: () => api<Meeting>('POST', `${paths.meeting(meeting.id)}/items`, itemBody(form, session)),
    onSuccess: (view) => {
      apply(view);
      setForm(emptyItem(session));
    },
  });
  return (
    <AgendaForm
      id="add-item-title"
      title={t('meetings.agenda.addItem')}
      miw={320}
      meeting={meeting}
      add={add}
      submit={t('meetings.agenda.addItemSubmit')}
      disabled={!form.title.trim() || !session}
    >
      <NativeSelect
        label={t('meetings.agenda.session')}
        value={session}
        onChange={set('session')}
        data={meeting.sessions.map((s) => ({ value: s.id, label: s.title }))}
      />
      <TextInput label={t('meetings.agenda.itemTitle')} required maxLength={300} value={form.title} onChange={set('title')} />
      <LongTextField label={t('meetings.agenda.description')} value={form.description} onChange={set('description')} />
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
      <TopicFields form={form} setField={setField} />
    </AgendaForm>
  );
}

/** What the item is about: domains, indicators and plans (the briefing book draws on them). */
function TopicFields({ form, setField }: Pick<ReturnType<typeof useFormState<ItemForm>>, 'form' | 'setField'>) {
  const { t } = useTranslation();
  const plans = usePlans();
  return (
    <>
      <Checkbox.Group label={t('meetings.agenda.domainsField')} value={form.domains} onChange={(domains) => setField('domains', domains)}>
        <Group gap="md" mt={4}>
          {DOMAINS.map((d) => (
            <Checkbox key={d} value={d} label={t(`meetings.domains.${d}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <IndicatorsField
        label={t('meetings.agenda.indicatorsField')}
        value={form.indicators}
        onChange={(value) => setField('indicators', value)}
      />
      <MultiSelect
        label={t('meetings.agenda.plansField')}
        searchable
        clearable
        value={form.plans}
        onChange={(value) => setField('plans', value)}
        data={(plans.data?.plans ?? []).map((p) => ({ value: p.code, label: p.title }))}
      />
    </>
  );
}
