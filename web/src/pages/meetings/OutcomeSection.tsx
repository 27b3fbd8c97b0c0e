// The outcome of a meeting: conclusions, decisions (each optionally on an agenda item) and
// follow-up actions. A follow-up action is a commitment of the responsible partners in the meeting's
// conclusions plan, so it links to the commitments pages, where partners report on it. Organisers
// record the conclusions and decisions (with the meeting version read) and add follow-up actions.
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../platform/api';
import { useFormState } from '../../platform/useFormState';
import { pages as commitmentPages, refreshCommitments } from '../commitments/model';
import { usePartnerName, usePartners } from '../statistics/model';
import { ChangeError } from './Badges';
import { agendaItems, applyMeeting, paths, type Meeting } from './model';

export function OutcomeSection({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const partnerName = usePartnerName();
  const itemTitle = (id: string | null) => agendaItems(meeting).find((i) => i.item.id === id)?.item.title ?? null;
  const plan = meeting.followUpPlan;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="outcome-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="outcome-title">
          {t('meetings.outcome.title')}
        </Title>
        <Stack gap="xs" component="section" aria-labelledby="conclusions-title">
          <Title order={4} size="h5" id="conclusions-title">
            {t('meetings.outcome.conclusions')}
          </Title>
          {meeting.conclusions ? (
            <Text className="pre-wrap">{meeting.conclusions}</Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('meetings.outcome.noConclusions')}
            </Text>
          )}
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
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({t('meetings.outcome.onItem', { item: itemTitle(d.itemId) })})
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
        {meeting.can.edit && <OutcomeForm meeting={meeting} />}

        <Stack gap="xs" component="section" aria-labelledby="follow-ups-title">
          <Title order={4} size="h5" id="follow-ups-title">
            {t('meetings.outcome.followUps')}
          </Title>
          {meeting.followUps.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('meetings.outcome.noFollowUps')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped aria-labelledby="follow-ups-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={80}>
                      {t('meetings.outcome.code')}
                    </Table.Th>
                    <Table.Th scope="col">{t('meetings.outcome.action')}</Table.Th>
                    <Table.Th scope="col">{t('meetings.outcome.partners')}</Table.Th>
                    <Table.Th scope="col">{t('meetings.outcome.deadline')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {meeting.followUps.map((f) => (
                    <Table.Tr key={f.action}>
                      <Table.Td>{f.action}</Table.Td>
                      <Table.Th scope="row" fw={400}>
                        {plan ? (
                          <Anchor component={Link} to={commitmentPages.action(plan, f.action)}>
                            {f.title}
                          </Anchor>
                        ) : (
                          f.title
                        )}
                      </Table.Th>
                      <Table.Td>
                        <Group gap={6}>
                          {f.partners.map((p) => (
                            <Anchor
                              key={p}
                              component={Link}
                              to={commitmentPages.partner(p)}
                              size="sm"
                              aria-label={t('meetings.outcome.commitmentsOf', { partner: partnerName(p) })}
                            >
                              {p}
                            </Anchor>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {f.deadline ?? (
                          <Text span size="sm" c="dimmed">
                            {t('meetings.outcome.noDeadline')}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {plan && (
            <Anchor component={Link} to={commitmentPages.plan(plan)} size="sm">
              {t('meetings.outcome.planLink')}
            </Anchor>
          )}
        </Stack>
        {meeting.can.edit && <FollowUpForm meeting={meeting} />}
      </Stack>
    </Paper>
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs" aria-labelledby="outcome-form-title" maw={760}>
      <Title order={4} size="h5" id="outcome-form-title">
        {t('meetings.outcome.record')}
      </Title>
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
      {save.isSuccess && (
        <Alert color="green" role="status">
          {t('meetings.outcome.saved')}
        </Alert>
      )}
    </Stack>
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs" aria-labelledby="follow-up-form-title" maw={760}>
      <Title order={4} size="h5" id="follow-up-form-title">
        {t('meetings.outcome.addFollowUp')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('meetings.outcome.followUpHelp')}
      </Text>
      <Textarea
        label={t('meetings.outcome.followUpTitle')}
        required
        autosize
        minRows={2}
        maxLength={500}
        value={form.title}
        onChange={set('title')}
      />
      <Checkbox.Group
        label={t('meetings.outcome.responsible')}
        required
        value={form.partners}
        onChange={(value) => setField('partners', value)}
      >
        <Group gap="md" mt={4}>
          {wb6.map((p) => (
            <Checkbox key={p.code} value={p.code} label={p.name} />
          ))}
        </Group>
      </Checkbox.Group>
      <TextInput type="date" label={t('meetings.outcome.deadlineField')} w={220} value={form.deadline} onChange={set('deadline')} />
      <Textarea
        label={t('meetings.outcome.followUpDescription')}
        autosize
        minRows={2}
        maxLength={5000}
        value={form.description}
        onChange={set('description')}
      />
      <ChangeError error={add.error} meetingId={meeting.id} />
      {added && (
        <Alert color="green" role="status">
          {added}
        </Alert>
      )}
      <Group>
        <Button type="submit" loading={add.isPending} disabled={!form.title.trim() || form.partners.length === 0}>
          {t('meetings.outcome.addFollowUpSubmit')}
        </Button>
      </Group>
    </Stack>
  );
}
