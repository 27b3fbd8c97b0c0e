// The delegations of a meeting: who is invited, their reply (accepted, declined, or represented by
// someone) and members. Those the server lets reply for a delegation (its partner's coordinators,
// the organisers) get the reply buttons and may list members; organisers invite further
// delegations. Below: the participants list and the briefing books the viewer may open.
import { formatDateTime } from '../../platform/format';
import { Anchor, Group, List, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type User } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { handleSubmit, SubmitButton } from '../../platform/forms';
import { FormSection, Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { useFormState } from '../../platform/useFormState';
import { usePartners } from '../statistics/model';
import { ChangeError, InvitationBadge } from './Badges';
import { links, pages, paths, useApplyMeeting, useParticipants, type Delegation, type Meeting } from './model';
import { ReplyControls } from './ReplyControls';

export function DelegationsSection({ meeting, user }: { meeting: Meeting; user: User | null }) {
  const { t } = useTranslation();
  const replyFor = new Set(meeting.can.reply);
  const books = meeting.delegations.filter(
    (d) => d.partner !== null && meeting.can.participate && (meeting.can.edit || user?.partner === d.partner),
  );
  return (
    <Section id="delegations-title" title={t('meetings.delegations.title')} gap="md">
      <DataTable
        empty={meeting.delegations.length === 0 && t('meetings.delegations.none')}
        minWidth={760}
        striped
        aria-labelledby="delegations-title"
        columns={[
          t('meetings.delegations.delegation'),
          t('meetings.delegations.invitation'),
          t('meetings.delegations.members'),
          meeting.can.reply.length > 0 && t('meetings.delegations.reply'),
        ]}
      >
        {meeting.delegations.map((d) => (
          <Table.Tr key={d.id}>
            <DelegationCells delegation={d} />
            {meeting.can.reply.length > 0 && (
              <Table.Td>{replyFor.has(d.id) && <ReplyControls meeting={meeting} delegation={d} />}</Table.Td>
            )}
          </Table.Tr>
        ))}
      </DataTable>
      {meeting.can.edit && <InviteForm meeting={meeting} />}
      <Participants meeting={meeting} />
      {books.length > 0 && <BriefingBooks meeting={meeting} delegations={books} />}
    </Section>
  );
}

/** A delegation's name and head, its reply to the invitation, and its members. */
function DelegationCells({ delegation: d }: { delegation: Delegation }) {
  const { t } = useTranslation();
  return (
    <>
      <RowHeader>
        <Text fw={700} size="sm">
          {d.name}
        </Text>
        {d.headName && (
          <Text size="xs">
            {d.headFunction
              ? t('meetings.delegations.headWithFunction', { name: d.headName, function: d.headFunction })
              : t('meetings.delegations.head', { name: d.headName })}
          </Text>
        )}
      </RowHeader>
      <Table.Td>
        <InvitationBadge invitation={d.invitation} />
        {d.invitation === 'represented' && d.representedBy && (
          <Text size="xs">{t('meetings.delegations.representedBy', { name: d.representedBy })}</Text>
        )}
        {d.repliedAt && (
          <Muted size="xs">{t('meetings.delegations.repliedBy', { who: d.repliedBy ?? '—', when: formatDateTime(d.repliedAt) })}</Muted>
        )}
      </Table.Td>
      <Table.Td>
        {d.members.length === 0 ? (
          <Muted size="xs">—</Muted>
        ) : (
          <List
            size="xs"
            spacing={2}
            className="plain-list"
            withPadding={false}
            aria-label={t('meetings.delegations.membersOf', { delegation: d.name })}
          >
            {d.members.map((m) => (
              <List.Item key={m.id}>
                {m.name}
                {m.function ? `, ${m.function}` : ''}
                {m.email ? ` <${m.email}>` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Table.Td>
    </>
  );
}

/** The briefing books of the given delegations: on screen, and printable. */
function BriefingBooks({ meeting, delegations }: { meeting: Meeting; delegations: Delegation[] }) {
  const { t } = useTranslation();
  return (
    <Section plain id="briefing-books-title" title={t('meetings.briefing.books')} order={4} gap="xs">
      <List size="sm" spacing={4}>
        {delegations.map((d) => (
          <List.Item key={d.id}>
            <Anchor component={Link} to={pages.briefing(meeting.id, d.partner!)}>
              {t('meetings.briefing.of', { partner: d.name })}
            </Anchor>
            {' · '}
            <Anchor href={links.briefing(meeting.id, d.partner!)} target="_blank" rel="noopener" size="sm">
              {t('meetings.briefing.printableOf', { partner: d.name })}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

function InviteForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const apply = useApplyMeeting();
  const partners = usePartners();
  const empty = { partner: '', institution: '', headName: '', headFunction: '' };
  const { form, setForm, set } = useFormState(empty);
  const invited = new Set(meeting.delegations.map((d) => d.partner));
  const available = (partners.data?.partners ?? []).filter((p) => !invited.has(p.code));
  const groups = [
    {
      group: t('meetings.delegations.wb6'),
      items: available.filter((p) => p.group === 'WB6').map((p) => ({ value: p.code, label: p.name })),
    },
    {
      group: t('meetings.delegations.others'),
      items: available.filter((p) => p.group !== 'WB6').map((p) => ({ value: p.code, label: p.name })),
    },
  ].filter((g) => g.items.length > 0);
  const invite = useMutation({
    mutationFn: () =>
      api<Meeting>('POST', `${paths.meeting(meeting.id)}/delegations`, {
        partner: form.partner || null,
        institution: form.partner ? null : form.institution.trim() || null,
        headName: form.headName.trim() || null,
        headFunction: form.headFunction.trim() || null,
      }),
    onSuccess: (view) => {
      apply(view);
      setForm(empty);
    },
  });
  return (
    <FormSection id="invite-title" title={t('meetings.delegations.inviteTitle')} onSubmit={handleSubmit(() => invite.mutate())}>
      <Group grow align="flex-start">
        <NativeSelect
          label={t('meetings.delegations.partner')}
          value={form.partner}
          onChange={set('partner')}
          data={[{ value: '', label: t('meetings.delegations.noPartner') }, ...groups]}
        />
        <TextInput
          label={t('meetings.delegations.institution')}
          description={t('meetings.delegations.institutionHelp')}
          maxLength={200}
          value={form.institution}
          onChange={set('institution')}
          disabled={form.partner !== ''}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t('meetings.delegations.headName')} maxLength={200} value={form.headName} onChange={set('headName')} />
        <TextInput
          label={t('meetings.delegations.headFunction')}
          maxLength={200}
          value={form.headFunction}
          onChange={set('headFunction')}
        />
      </Group>
      <ChangeError error={invite.error} meetingId={meeting.id} />
      <SubmitButton loading={invite.isPending} disabled={!form.partner && !form.institution.trim()}>
        {t('meetings.delegations.invite')}
      </SubmitButton>
    </FormSection>
  );
}

function Participants({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const participants = useParticipants(meeting.id, meeting.version);
  const list = participants.data?.participants ?? [];
  return (
    <Section plain id="participants-title" title={t('meetings.participants.title')} order={4} gap="xs">
      <ErrorAlert error={participants.error} />
      {participants.data && list.length === 0 && <Muted>{t('meetings.participants.none')}</Muted>}
      {list.length > 0 && (
        <DataTable
          minWidth={560}
          aria-labelledby="participants-title"
          columns={[
            t('meetings.participants.delegation'),
            t('meetings.participants.name'),
            t('meetings.participants.function'),
            t('meetings.participants.role'),
          ]}
        >
          {list.map((p, i) => (
            <Table.Tr key={`${p.delegation}-${p.name}-${i}`}>
              <Table.Td>{p.delegation}</Table.Td>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{p.function ?? '—'}</Table.Td>
              <Table.Td>{t(`meetings.participants.roles.${p.role}`)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
