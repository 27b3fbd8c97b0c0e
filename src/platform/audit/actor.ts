// Who made a change: a signed-in user, a user's API token, the operator's CLI, or the system itself.
export interface Actor {
  type: 'user' | 'token' | 'cli' | 'system';
  id: string | null;
  label: string;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system', requestId: null };

export function cliActor(): Actor {
  const who = process.env.SUDO_USER || process.env.USER || process.env.LOGNAME || 'operator';
  return { type: 'cli', id: null, label: `cli:${who}`, requestId: null };
}
