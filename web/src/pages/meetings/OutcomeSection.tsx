// The outcome of a meeting: conclusions, decisions (each optionally on an agenda item) and
// follow-up actions. A follow-up action is a commitment of the responsible partners in the meeting's
// conclusions plan, so it links to the commitments pages, where partners report on it. Organisers
// record the conclusions and decisions (with the meeting version read) and add follow-up actions.
import { Anchor, Button, Group, List, NativeSelect, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { SuccessAlert } from '../../platform/feedback';
import { handleSubmit, LongTextField, SubmitButton } from '../../platform/forms';
import { FormSection, Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { useFormState } from '../../platform/useFormState';
import { DeadlineField, PartnersField, WordingField } from '../commitments/ActionFields';
import { PartnerLink } from '../commitments/CommitmentTable';
import { pages as commitmentPages, refreshCommitments } from '../commitments/model';
import { usePartnerName, usePartners } from '../statistics/model';
import { ChangeError } from './Badges';
import { agendaItems, applyMeeting, paths, type Meeting } from './model';

export function OutcomeSection({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  return (
    <Section id="outcome-title" title={t('meetings.outcome.title')} gap="md">
      <Conclusions meeting={meeting} />
      {meeting.can.edit && <OutcomeForm meeting={meeting} />}

      <FollowUps meeting={meeting} />
      {meeting.can.edit && <FollowUpForm meeting={meeting} />}
    </Section>
  );
}

/** The conclusions, and the decisions in order, each with the agenda item it is on. */
function Conclusions({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const itemTitle = (id: string | null) => agendaItems(meeting).find((i) => i.item.id === id)?.item.title ?? null;
  return (
    <Section plain id="conclusions-title" title={t('meetings.outcome.conclusions')} order={4} gap="xs">
      {meeting.conclusions ? <Text className="pre-wrap">{meeting.conclusions}</Text> : <Muted>{t('meetings.outcome.noConclusions')}</Muted>}
      {meeting.decisions.length > 0 && (
        <>
          <Title order={5} size="h6">
            {t('meetings.outcome.decisions')}
          </Title>
          <List type="ordered" size="sm" spacing={4} aria-label={t('meetings.outcome.decisions')}>
            {meeting.decisions.map((d) => (
              <List.Item key={d.id}>
                {d.text}
                {itemTitle(d.itemId) && (
                  <Muted span size="xs">
                    {' '}
                    ({t('meetings.outcome.onItem', { item: itemTitle(d.itemId) })})
                  </Muted>
                )}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Section>
  );
}

/** The follow-up actions, each linking to its page in the conclusions plan and to the partners' commitments. */
function FollowUps({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const partnerName = usePartnerName();
  const plan = meeting.followUpPlan;
  return (
    <Section plain id="follow-ups-title" title={t('meetings.outcome.followUps')} order={4} gap="xs">
      <DataTable
        empty={meeting.followUps.length === 0 && t('meetings.outcome.noFollowUps')}
        minWidth={640}
        striped
        aria-labelledby="follow-ups-title"
        columns={[
          { label: t('meetings.outcome.code'), w: 80 },
          t('meetings.outcome.action'),
          t('meetings.outcome.partners'),
          t('meetings.outcome.deadline'),
        ]}
      >
        {meeting.followUps.map((f) => (
          <Table.Tr key={f.action}>
            <Table.Td>{f.action}</Table.Td>
            <RowHeader>
              {plan ? (
                <Anchor component={Link} to={commitmentPages.action(plan, f.action)}>
                  {f.title}
                </Anchor>
              ) : (
                f.title
              )}
            </RowHeader>
            <Table.Td>
              <Group gap={6}>
                {f.partners.map((p) => (
                  <PartnerLink key={p} code={p} label={t('meetings.outcome.commitmentsOf', { partner: partnerName(p) })}>
                    {p}
                  </PartnerLink>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>{f.deadline ?? <Muted span>{t('meetings.outcome.noDeadline')}</Muted>}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {plan && (
        <Anchor component={Link} to={commitmentPages.plan(plan)} size="sm">
          {t('meetings.outcome.planLink')}
        </Anchor>
      )}
    </Section>
  );
}

interface DecisionDraft {
  key: number;
  text: string;
  itemId: string;
}

/**
 * Conclusions and decisions, starting from what is stored. Saved with the version of the meeting as
 * this page last read it: a change by someone else since then is refused (409) with a reload offer.
 */
function OutcomeForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [conclusions, setConclusions] = useState(meeting.conclusions ?? '');
  const [decisions, setDecisions] = useState<DecisionDraft[]>(() =>
    meeting.decisions.map((d, key) => ({ key, text: d.text, itemId: d.itemId ?? '' })),
  );
  const items = agendaItems(meeting);
  const save = useMutation({
    mutationFn: () =>
      api<Meeting>('PUT', `${paths.meeting(meeting.id)}/outcome`, {
        version: meeting.version,
        conclusions: conclusions.trim() || null,
        decisions: decisions.filter((d) => d.text.trim()).map((d) => ({ text: d.text.trim(), itemId: d.itemId || null })),
      }),
    onSuccess: (view) => applyMeeting(client, view),
  });
  const edit = (key: number, change: Partial<DecisionDraft>) =>
    setDecisions((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));
  return (
    <FormSection id="outcome-form-title" title={t('meetings.outcome.record')} onSubmit={handleSubmit(() => save.mutate())}>
      <Textarea
        label={t('meetings.outcome.conclusionsField')}
        autosize
        minRows={3}
        maxLength={20_000}
        value={conclusions}
        onChange={(e) => setConclusions(e.currentTarget.value)}
      />
      {decisions.map((d, i) => (
        <Group key={d.key} align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            flex={1}
            label={t('meetings.outcome.decisionField', { number: i + 1 })}
            maxLength={2000}
            value={d.text}
            onChange={(e) => edit(d.key, { text: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('meetings.outcome.decisionItem', { number: i + 1 })}
            value={d.itemId}
            w={220}
            data={[{ value: '', label: t('meetings.outcome.noItem') }, ...items.map(({ item }) => ({ value: item.id, label: item.title }))]}
            onChange={(e) => edit(d.key, { itemId: e.currentTarget.value })}
          />
          <Button
            variant="subtle"
            color="red"
            onClick={() => setDecisions((all) => all.filter((x) => x.key !== d.key))}
            aria-label={t('meetings.outcome.removeDecision', { number: i + 1 })}
          >
            {t('meetings.outcome.remove')}
          </Button>
        </Group>
      ))}
      <Group>
        <Button
          variant="default"
          onClick={() => setDecisions((all) => [...all, { key: Math.max(-1, ...all.map((d) => d.key)) + 1, text: '', itemId: '' }])}
        >
          {t('meetings.outcome.addDecision')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('meetings.outcome.save')}
        </Button>
      </Group>
      <ChangeError error={save.error} meetingId={meeting.id} onReset={() => save.reset()} />
      {save.isSuccess && <SuccessAlert>{t('meetings.outcome.saved')}</SuccessAlert>}
    </FormSection>
  );
}

function FollowUpForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const partners = usePartners();
  const invited = meeting.delegations.map((d) => d.partner).filter((p): p is string => p !== null);
  const wb6 = (partners.data?.partners ?? []).filter((p) => p.group === 'WB6' || invited.includes(p.code));
  const empty = { title: '', partners: [] as string[], deadline: '', description: '' };
  const { form, setForm, set, setField } = useFormState(empty);
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () =>
      api<Meeting>('POST', `${paths.meeting(meeting.id)}/follow-ups`, {
        title: form.title.trim(),
        partners: form.partners,
        deadline: form.deadline || null,
        description: form.description.trim() || null,
      }),
    onMutate: () => setAdded(null),
    onSuccess: async (view) => {
      applyMeeting(client, view);
      setAdded(t('meetings.outcome.followUpAdded', { title: form.title.trim() }));
      setForm(empty);
      await refreshCommitments(client);
    },
  });
  return (
    <FormSection id="follow-up-form-title" title={t('meetings.outcome.addFollowUp')} onSubmit={handleSubmit(() => add.mutate())}>
      <Muted>{t('meetings.outcome.followUpHelp')}</Muted>
      <WordingField label={t('meetings.outcome.followUpTitle')} value={form.title} onChange={set('title')} />
      <PartnersField
        label={t('meetings.outcome.responsible')}
        partners={wb6}
        value={form.partners}
        onChange={(value) => setField('partners', value)}
      />
      <DeadlineField label={t('meetings.outcome.deadlineField')} value={form.deadline} onChange={set('deadline')} />
      <LongTextField label={t('meetings.outcome.followUpDescription')} value={form.description} onChange={set('description')} />
      <ChangeError error={add.error} meetingId={meeting.id} />
      {added && <SuccessAlert>{added}</SuccessAlert>}
      <SubmitButton loading={add.isPending} disabled={!form.title.trim() || form.partners.length === 0}>
        {t('meetings.outcome.addFollowUpSubmit')}
      </SubmitButton>
    </FormSection>
  );
}
