// The agenda, session by session: items in order with lead, presenters, duration, description and
// linked topics. Organisers reorder the items of a session by dragging a row onto another (native
// drag and drop) or with the keyboard: "Move … up/down" buttons on each row, or Alt+Arrow keys in
// a row; a polite live region says where the item went. The new order shows at once and is sent
// with the meeting version read; a refusal puts the old order back and explains why.
import { Anchor, Badge, Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../platform/api';
import { Section } from '../../platform/Section';
import { Muted, Paragraphs } from '../../platform/text';
import { pages as commitmentPages, usePlans } from '../commitments/model';
import { AddItemForm, AddSessionForm } from './AgendaForms';
import { ChangeError } from './Badges';
import { useIndicatorList } from '../statistics/model';
import { applyMeeting, formatClock, meetingKey, paths, type AgendaItem, type Meeting, type Session } from './model';

type Direction = 'up' | 'down';
interface Move {
  session: string;
  items: string[];
  moved: string;
  version: number;
}

const moveButtonId = (item: string, direction: Direction) => `move-${direction}-${item}`;

/** The meeting with one session's items in the given order (the optimistic view of a move). */
function withOrder(meeting: Meeting, session: string, items: string[]): Meeting {
  return {
    ...meeting,
    sessions: meeting.sessions.map((s) =>
      s.id !== session
        ? s
        : {
            ...s,
            items: items.map((id, position) => ({ ...s.items.find((i) => i.id === id)!, position })),
          },
    ),
  };
}

/** The reorder request with its optimistic view, the live announcement, and the keyboard move. */
function useReorder(meeting: Meeting) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const focusAfter = useRef<{ item: string; direction: Direction } | null>(null);

  const reorder = useMutation({
    mutationFn: (move: Move) =>
      api<Meeting>('PUT', `${paths.meeting(meeting.id)}/sessions/${encodeURIComponent(move.session)}/order`, {
        version: move.version,
        items: move.items,
      }),
    onMutate: (move) => {
      const before = client.getQueryData<Meeting>(meetingKey(meeting.id));
      if (before) client.setQueryData(meetingKey(meeting.id), withOrder(before, move.session, move.items));
      return { before };
    },
    onSuccess: (view) => applyMeeting(client, view),
    onError: (_error, _move, context) => {
      if (context?.before) client.setQueryData(meetingKey(meeting.id), context.before);
      setAnnouncement('');
    },
  });

  // After a keyboard move the row is re-rendered elsewhere: keep the focus on its button (or on the
  // other one when the item reached the top or the bottom).
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    const button = document.getElementById(moveButtonId(target.item, target.direction)) as HTMLButtonElement | null;
    const other = document.getElementById(moveButtonId(target.item, target.direction === 'up' ? 'down' : 'up')) as HTMLButtonElement | null;
    (button && !button.disabled ? button : other)?.focus();
  }, [meeting]);

  const send = (session: Session, items: string[], moved: string) => {
    if (reorder.isPending) return; // one move at a time: each needs the version the previous one produced
    const item = session.items.find((i) => i.id === moved)!;
    reorder.mutate({ session: session.id, items, moved, version: meeting.version });
    setAnnouncement(
      t('meetings.agenda.moved', { title: item.title, position: items.indexOf(moved) + 1, count: items.length, session: session.title }),
    );
  };
  const move = (session: Session, item: AgendaItem, direction: Direction) => {
    const ids = session.items.map((i) => i.id);
    const from = ids.indexOf(item.id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    focusAfter.current = { item: item.id, direction };
    send(session, ids, item.id);
  };
  return { reorder, announcement, send, move };
}

type Send = ReturnType<typeof useReorder>['send'];
type MoveItem = ReturnType<typeof useReorder>['move'];

/** Dragging a row onto another of its session, and Alt+Arrow in a row; nothing when the user may not edit. */
function useRowDrag(canEdit: boolean, send: Send, move: MoveItem) {
  const [drag, setDrag] = useState<{ session: string; item: string } | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const drop = (session: Session, target: AgendaItem) => {
    if (!drag || drag.session !== session.id || drag.item === target.id) return;
    const ids = session.items.map((i) => i.id);
    ids.splice(ids.indexOf(drag.item), 1);
    ids.splice(
      session.items.findIndex((i) => i.id === target.id),
      0,
      drag.item,
    );
    send(session, ids, drag.item);
  };
  const rowEvents = (session: Session, item: AgendaItem) =>
    !canEdit
      ? {}
      : {
          draggable: true,
          onDragStart: (e: DragEvent) => {
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', item.id);
            setDrag({ session: session.id, item: item.id });
          },
          onDragOver: (e: DragEvent) => {
            if (drag?.session !== session.id) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            setOver(item.id);
          },
          onDragLeave: () => setOver((current) => (current === item.id ? null : current)),
          onDrop: (e: DragEvent) => {
            e.preventDefault();
            drop(session, item);
            setDrag(null);
            setOver(null);
          },
          onDragEnd: () => {
            setDrag(null);
            setOver(null);
          },
          onKeyDown: (e: KeyboardEvent) => {
            if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
            e.preventDefault();
            move(session, item, e.key === 'ArrowUp' ? 'up' : 'down');
          },
        };
  /** The row's class: dragged, or the one a dragged row is over. */
  const rowClass = (item: AgendaItem) =>
    ['agenda-row', drag?.item === item.id ? 'agenda-row-dragged' : '', over === item.id && drag?.item !== item.id ? 'agenda-row-over' : '']
      .join(' ')
      .trim();
  return { rowEvents, rowClass };
}
type RowDrag = ReturnType<typeof useRowDrag>;

export function AgendaSection({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const canEdit = meeting.can.edit;
  const { reorder, announcement, send, move } = useReorder(meeting);
  const rows = useRowDrag(canEdit, send, move);

  return (
    <Section id="agenda-title" title={t('meetings.agenda.title')} gap="md">
      {canEdit && <Muted>{t('meetings.agenda.reorderHelp')}</Muted>}
      {meeting.sessions.length === 0 && <Muted>{t('meetings.agenda.noSessions')}</Muted>}
      {meeting.sessions.map((session) => (
        <SessionAgenda key={session.id} meeting={meeting} session={session} canEdit={canEdit} rows={rows} move={move} />
      ))}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <ChangeError error={reorder.error} meetingId={meeting.id} onReset={() => reorder.reset()} />
      {canEdit && (
        <Group align="flex-start" grow wrap="wrap">
          <AddSessionForm meeting={meeting} />
          {meeting.sessions.length > 0 && <AddItemForm meeting={meeting} />}
        </Group>
      )}
    </Section>
  );
}

interface SessionProps {
  meeting: Meeting;
  session: Session;
  canEdit: boolean;
  rows: RowDrag;
  move: MoveItem;
}

/** One session's heading with its times, and its items in order. */
function SessionAgenda({ meeting, session, canEdit, rows, move }: SessionProps) {
  const { t } = useTranslation();
  return (
    <Section
      plain
      id={`session-${session.id}`}
      order={4}
      gap="xs"
      title={
        <>
          {session.title}{' '}
          <Muted span fw={400}>
            {formatClock(session.start, meeting.timeZone)}–{formatClock(session.end, meeting.timeZone)}
          </Muted>
        </>
      }
    >
      {session.items.length === 0 ? (
        <Muted>{t('meetings.agenda.noItems')}</Muted>
      ) : (
        <ol className="agenda-list" aria-label={t('meetings.agenda.listLabel', { session: session.title })}>
          {session.items.map((item, index) => (
            <li key={item.id} {...rows.rowEvents(session, item)} className={rows.rowClass(item)}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <ItemText item={item} />
                {canEdit && (
                  <MoveButtons
                    item={item}
                    first={index === 0}
                    last={index === session.items.length - 1}
                    onMove={(direction) => move(session, item, direction)}
                  />
                )}
              </Group>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

interface MoveButtonsProps {
  item: AgendaItem;
  first: boolean;
  last: boolean;
  onMove: (direction: Direction) => void;
}

/** The two move buttons, in this order, with the texts that name them. */
const MOVES = [
  { direction: 'up', key: 'meetings.agenda.moveUp', arrow: '↑' },
  { direction: 'down', key: 'meetings.agenda.moveDown', arrow: '↓' },
] as const;

function MoveButtons({ item, first, last, onMove }: MoveButtonsProps) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      {MOVES.map(({ direction, key, arrow }) => (
        <Button
          key={direction}
          id={moveButtonId(item.id, direction)}
          size="compact-xs"
          variant="default"
          disabled={direction === 'up' ? first : last}
          aria-label={t(key, { title: item.title })}
          onClick={() => onMove(direction)}
        >
          {arrow}
        </Button>
      ))}
    </Group>
  );
}

function ItemText({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const indicators = useIndicatorList();
  const label = (code: string) => indicators.data?.indicators.find((i) => i.code === code)?.label ?? code;
  const planList = usePlans();
  const planTitle = (code: string) => planList.data?.plans.find((p) => p.code === code)?.title ?? code;
  const { domains, indicators: codes, plans } = item.topics;
  return (
    <Stack gap={2}>
      <Text fw={700}>
        {item.title}
        {item.durationMinutes !== null && (
          <Muted span fw={400}>
            {' '}
            · {t('meetings.agenda.minutes', { count: item.durationMinutes })}
          </Muted>
        )}
      </Text>
      {item.lead && <Text size="sm">{t('meetings.agenda.lead', { lead: item.lead })}</Text>}
      {item.presenters.length > 0 && <Text size="sm">{t('meetings.agenda.presenters', { presenters: item.presenters.join(', ') })}</Text>}
      <Paragraphs text={item.description} c="dimmed" />
      {(domains.length > 0 || codes.length > 0 || plans.length > 0) && (
        <Group gap={6}>
          {domains.map((d) => (
            <Badge key={d} variant="light" color="gray" size="sm">
              {t(`meetings.domains.${d}`, { defaultValue: d })}
            </Badge>
          ))}
          {codes.map((c) => (
            <Muted key={c} size="xs">
              {label(c)}
            </Muted>
          ))}
          {plans.map((p) => (
            <Anchor key={p} component={Link} to={commitmentPages.plan(p)} size="xs">
              {t('meetings.agenda.plan', { plan: planTitle(p) })}
            </Anchor>
          ))}
        </Group>
      )}
    </Stack>
  );
}
