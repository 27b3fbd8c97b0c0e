// The reply of one delegation to a meeting's invitation, for those the server lets reply for it:
// accept or decline with one click, or name who represents it; and members added to it.
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { handleSubmit, SubmitButton } from '../../platform/forms';
import { ChangeError } from './Badges';
import { paths, useApplyMeeting, type Delegation, type Meeting, type Reply } from './model';

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

/** The reply and add-member requests of a delegation, and the two small forms they take their values from. */
function useDelegationReply(meeting: Meeting, d: Delegation) {
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
  return { reply, addMember, representing, setRepresenting, representedBy, setRepresentedBy, member, setMember };
}
type DelegationReply = ReturnType<typeof useDelegationReply>;

export function ReplyControls({ meeting, delegation: d }: { meeting: Meeting; delegation: Delegation }) {
  const { t } = useTranslation();
  const state = useDelegationReply(meeting, d);
  const { reply, representing, setRepresenting, member, setMember } = state;
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
      {representing && <RepresentForm name={name} state={state} />}
      {member && <MemberForm name={name} member={member} state={state} />}
      <ChangeError error={reply.error ?? state.addMember.error} meetingId={meeting.id} />
    </Stack>
  );
}

/** Who represents the delegation, sent as its reply. */
function RepresentForm({ name, state }: { name: string; state: DelegationReply }) {
  const { t } = useTranslation();
  const { reply, representedBy } = state;
  const represent = handleSubmit(() => {
    if (representedBy.trim()) reply.mutate('represented');
  });
  return (
    <Group component="form" onSubmit={represent} gap={4} align="flex-end" wrap="nowrap">
      <TextInput
        size="xs"
        label={t('meetings.delegations.representedByField', { delegation: name })}
        required
        maxLength={200}
        value={representedBy}
        onChange={(e) => state.setRepresentedBy(e.currentTarget.value)}
      />
      <Button type="submit" size="xs" disabled={!representedBy.trim()} loading={reply.isPending && reply.variables === 'represented'}>
        {t('meetings.delegations.confirm')}
      </Button>
    </Group>
  );
}

/** A member added to the delegation: name, and optionally function and e-mail address. */
function MemberForm({ name, member, state }: { name: string; member: Member; state: DelegationReply }) {
  const { t } = useTranslation();
  const { addMember, setMember } = state;
  const submitMember = handleSubmit(() => {
    if (member.name.trim()) addMember.mutate(member);
  });
  const memberField = (field: keyof Member) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setMember((m) => m && { ...m, [field]: v });
  };
  return (
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
  );
}
