// The meetings tasks of the home page: a coordinator's invitations to meetings still ahead that
// the partner has not answered, due the day the meeting starts.
import type { Db } from '../platform/db/database.js';
import type { Task } from '../platform/tasks.js';
import type { TaskViewer } from '../platform/viewer.js';
import { listDelegations, listMeetings } from './meetings.repository.js';

export async function meetingsTasks(db: Db, viewer: TaskViewer, now: Date): Promise<Task[]> {
  if (viewer.role !== 'coordinator' || !viewer.partner) return [];
  const ahead = (await listMeetings(db)).filter(
    (m) => (m.status === 'planned' || m.status === 'confirmed') && m.starts_at > now.toISOString(),
  );
  const open = (
    await listDelegations(
      db,
      ahead.map((m) => m.id),
    )
  ).filter((d) => d.partner_code === viewer.partner && d.invitation === 'invited');
  return open.map((d) => {
    const meeting = ahead.find((m) => m.id === d.meeting_id)!;
    return {
      kind: 'meeting.reply',
      area: 'meetings',
      title: `Answer the invitation: ${meeting.title}`,
      detail: 'Accept, decline or say who represents you.',
      link: `/meetings/${meeting.id}`,
      dueDate: meeting.starts_at.slice(0, 10),
      overdue: false,
    };
  });
}
