// The delegations of a meeting: who is invited, their reply (accepted, declined, or represented by
// someone) and members. Those the server lets reply for a delegation (its partner's coordinators,
// the organisers) get the reply buttons and may list members; organisers invite further
// delegations. Below: the participants list and the briefing books the viewer may open.
import { Alert, Anchor, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type User } from '../../platform/api';
import { useFormState } from '../../platform/useFormState';
import { formatDateTime, usePartners } from '../statistics/model';
import { ChangeError, InvitationBadge } from './Badges';
import { links, pages, paths, useApplyMeeting, useParticipants, type Delegation, type Meeting, type Reply } from './model';

export function DelegationsSection({ meeting, user }: { meeting: Meeting; user: User | null }) {
  const { t } = useTranslation();
  const replyFor = new Set(meeting.can.reply);
  const books = meeting.delegations.filter(
    (d) => d.partner !== null && meeting.can.participate && (meeting.can.edit || user?.partner === d.partner),
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="delegations-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="delegations-title">
          {t('meetings.delegations.title')}
        </Title>
        {meeting.delegations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('meetings.delegations.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-labelledby="delegations-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('meetings.delegations.delegation')}</Table.Th>
                  <Table.Th scope="col">{t('meetings.delegations.invitation')}</Table.Th>
                  <Table.Th scope="col">{t('meetings.delegations.members')}</Table.Th>
                  {meeting.can.reply.length > 0 && <Table.Th scope="col">{t('meetings.delegations.reply')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {meeting.delegations.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Th scope="row" fw={400}>
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
                    </Table.Th>
                    <Table.Td>
                      <InvitationBadge invitation={d.invitation} />
                      {d.invitation === 'represented' && d.representedBy && (
                        <Text size="xs">{t('meetings.delegations.representedBy', { name: d.representedBy })}</Text>
                      )}
                      {d.repliedAt && (
                        <Text size="xs" c="dimmed">
                          {t('meetings.delegations.repliedBy', { who: d.repliedBy ?? '—', when: formatDateTime(d.repliedAt) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {d.members.length === 0 ? (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {meeting.can.edit && <InviteForm meeting={meeting} />}
        <Participants meeting={meeting} />
        {books.length > 0 && (
          <Stack gap="xs" component="section" aria-labelledby="briefing-books-title">
            <Title order={4} size="h5" id="briefing-books-title">
              {t('meetings.briefing.books')}
            </Title>
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
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function ReplyControls({ meeting, delegation: d }: { meeting: Meeting; delegation: Delegation }) {
  const { t } = useTranslation();
  const apply = useApplyMeeting();
  const [representing, setRepresenting] = useState(false);
  const [representedBy, setRepresentedBy] = useState('');
  const [member, setMember] = useState<{ name: string; function: string; email: string } | null>(null);
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
    mutationFn: (m: { name: string; function: string; email: string }) =>
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
  const represent = (e: FormEvent) => {
    e.preventDefault();
    if (representedBy.trim()) reply.mutate('represented');
  };
  const submitMember = (e: FormEvent) => {
    e.preventDefault();
    if (member?.name.trim()) addMember.mutate(member);
  };
  const name = d.name;
  return (
    <Stack gap={6}>
      <Group gap={4}>
        <Button
          size="compact-xs"
          color="green"
          variant={d.invitation === 'accepted' ? 'filled' : 'light'}
          onClick={() => reply.mutate('accepted')}
          loading={reply.isPending && reply.variables === 'accepted'}
          aria-label={t('meetings.delegations.acceptFor', { delegation: name })}
        >
          {t('meetings.delegations.accept')}
        </Button>
        <Button
          size="compact-xs"
          color="red"
          variant={d.invitation === 'declined' ? 'filled' : 'light'}
          onClick={() => reply.mutate('declined')}
          loading={reply.isPending && reply.variables === 'declined'}
          aria-label={t('meetings.delegations.declineFor', { delegation: name })}
        >
          {t('meetings.delegations.decline')}
        </Button>
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
            onChange={(e) => {
              const v = e.currentTarget.value;
              setMember((m) => m && { ...m, name: v });
            }}
          />
          <TextInput
            size="xs"
            label={t('meetings.delegations.memberFunction')}
            maxLength={200}
            value={member.function}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setMember((m) => m && { ...m, function: v });
            }}
          />
          <TextInput
            size="xs"
            type="email"
            label={t('meetings.delegations.memberEmail')}
            maxLength={200}
            value={member.email}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setMember((m) => m && { ...m, email: v });
            }}
          />
          <Group>
            <Button type="submit" size="xs" loading={addMember.isPending} disabled={!member.name.trim()}>
              {t('meetings.delegations.addMemberSubmit')}
            </Button>
          </Group>
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs" aria-labelledby="invite-title" maw={760}>
      <Title order={4} size="h5" id="invite-title">
        {t('meetings.delegations.inviteTitle')}
      </Title>
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
      <Group>
        <Button type="submit" loading={invite.isPending} disabled={!form.partner && !form.institution.trim()}>
          {t('meetings.delegations.invite')}
        </Button>
      </Group>
    </Stack>
  );
}

function Participants({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const participants = useParticipants(meeting.id, meeting.version);
  const list = participants.data?.participants ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="participants-title">
      <Title order={4} size="h5" id="participants-title">
        {t('meetings.participants.title')}
      </Title>
      {participants.error && (
        <Alert color="red" role="alert">
          {participants.error.message}
        </Alert>
      )}
      {participants.data && list.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('meetings.participants.none')}
        </Text>
      )}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-labelledby="participants-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('meetings.participants.delegation')}</Table.Th>
                <Table.Th scope="col">{t('meetings.participants.name')}</Table.Th>
                <Table.Th scope="col">{t('meetings.participants.function')}</Table.Th>
                <Table.Th scope="col">{t('meetings.participants.role')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((p, i) => (
                <Table.Tr key={`${p.delegation}-${p.name}-${i}`}>
                  <Table.Td>{p.delegation}</Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.function ?? '—'}</Table.Td>
                  <Table.Td>{t(`meetings.participants.roles.${p.role}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
