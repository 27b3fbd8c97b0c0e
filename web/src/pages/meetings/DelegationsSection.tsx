// The delegations of a meeting: who is invited, their reply (accepted, declined, or represented by
// someone) and members. Those the server lets reply for a delegation (its partner's coordinators,
// the organisers) get the reply buttons and may list members; organisers invite further
// delegations. Below: the participants list and the briefing books the viewer may open.
import { formatDateTime } from '../../platform/format';
import { Anchor, Button, Group, List, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
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
import { links, pages, paths, useApplyMeeting, useParticipants, type Delegation, type Meeting, type Reply } from './model';

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
                <Muted size="xs">
                  {t('meetings.delegations.repliedBy', { who: d.repliedBy ?? '—', when: formatDateTime(d.repliedAt) })}
                </Muted>
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
            {meeting.can.reply.length > 0 && (
              <Table.Td>{replyFor.has(d.id) && <ReplyControls meeting={meeting} delegation={d} />}</Table.Td>
            )}
          </Table.Tr>
        ))}
      </DataTable>
      {meeting.can.edit && <InviteForm meeting={meeting} />}
      <Participants meeting={meeting} />
      {books.length > 0 && (
        <Section plain id="briefing-books-title" title={t('meetings.briefing.books')} order={4} gap="xs">
          <List size="sm" spacing={4}>
            {books.map((d) => (
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
      )}
    </Section>
  );
}

/** The replies given with one click, and the texts of their buttons (`accept`, `acceptFor`). */
const ANSWERS = [
  { answer: 'accepted', color: 'green', text: 'accept' },
  { answer: 'declined', color: 'red', text: 'decline' },
] as const;

interface Member {
  name: string;
  function: string;
  email: string;
}

function ReplyControls({ meeting, delegation: d }: { meeting: Meeting; delegation: Delegation }) {
  const { t } = useTranslation();
  const apply = useApplyMeeting();
  const [representing, setRepresenting] = useState(false);
  const [representedBy, setRepresentedBy] = useState('');
  const [member, setMember] = useState<Member | null>(null);
  const base = `${paths.meeting(meeting.id)}/delegations/${encodeURIComponent(d.id)}`;
  const reply = useMutation({
    mutationFn: (answer: Reply) =>
      api<Meeting>('POST', `${base}/reply`, {
        reply: answer,
        ...(answer === 'represented' ? { representedBy: representedBy.trim() } : {}),
      }),
    onSuccess: (view) => {
      apply(view);
      setRepresenting(false);
    },
  });
  const addMember = useMutation({
    mutationFn: (m: Member) =>
      api<Meeting>('POST', `${base}/members`, {
        name: m.name.trim(),
        function: m.function.trim() || null,
        email: m.email.trim() || null,
      }),
    onSuccess: (view) => {
      apply(view);
      setMember(null);
    },
  });
  const represent = handleSubmit(() => {
    if (representedBy.trim()) reply.mutate('represented');
  });
  const submitMember = handleSubmit(() => {
    if (member?.name.trim()) addMember.mutate(member);
  });
  const memberField = (field: keyof Member) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setMember((m) => m && { ...m, [field]: v });
  };
  const name = d.name;
  return (
    <Stack gap={6}>
      <Group gap={4}>
        {ANSWERS.map(({ answer, color, text }) => (
          <Button
            key={answer}
            size="compact-xs"
            color={color}
            variant={d.invitation === answer ? 'filled' : 'light'}
            onClick={() => reply.mutate(answer)}
            loading={reply.isPending && reply.variables === answer}
            aria-label={t(`meetings.delegations.${text}For`, { delegation: name })}
          >
            {t(`meetings.delegations.${text}`)}
          </Button>
        ))}
        <Button
          size="compact-xs"
          variant={representing ? 'filled' : 'light'}
          onClick={() => setRepresenting((r) => !r)}
          aria-expanded={representing}
          aria-label={t('meetings.delegations.representFor', { delegation: name })}
        >
          {t('meetings.delegations.represent')}
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => setMember((m) => (m ? null : { name: '', function: '', email: '' }))}
          aria-expanded={member !== null}
          aria-label={t('meetings.delegations.addMemberFor', { delegation: name })}
        >
          {t('meetings.delegations.addMember')}
        </Button>
      </Group>
      {representing && (
        <Group component="form" onSubmit={represent} gap={4} align="flex-end" wrap="nowrap">
          <TextInput
            size="xs"
            label={t('meetings.delegations.representedByField', { delegation: name })}
            required
            maxLength={200}
            value={representedBy}
            onChange={(e) => setRepresentedBy(e.currentTarget.value)}
          />
          <Button type="submit" size="xs" disabled={!representedBy.trim()} loading={reply.isPending && reply.variables === 'represented'}>
            {t('meetings.delegations.confirm')}
          </Button>
        </Group>
      )}
      {member && (
        <Stack component="form" onSubmit={submitMember} gap={4} aria-label={t('meetings.delegations.addMemberFor', { delegation: name })}>
          <TextInput
            size="xs"
            label={t('meetings.delegations.memberName')}
            required
            maxLength={200}
            value={member.name}
            onChange={memberField('name')}
          />
          <TextInput
            size="xs"
            label={t('meetings.delegations.memberFunction')}
            maxLength={200}
            value={member.function}
            onChange={memberField('function')}
          />
          <TextInput
            size="xs"
            type="email"
            label={t('meetings.delegations.memberEmail')}
            maxLength={200}
            value={member.email}
            onChange={memberField('email')}
          />
          <SubmitButton size="xs" loading={addMember.isPending} disabled={!member.name.trim()}>
            {t('meetings.delegations.addMemberSubmit')}
          </SubmitButton>
        </Stack>
      )}
      <ChangeError error={reply.error ?? addMember.error} meetingId={meeting.id} />
    </Stack>
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
