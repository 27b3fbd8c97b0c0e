// Who is signed in, shared by every page: the /session query, sign-in (with its second-factor step) and
// sign-out (through the identity provider's sign-out when the session came from one).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, type User } from './api';

export interface Me {
  user: User;
  csrfToken: string | null;
}

/** A right password whose second factor is still due: a code (`totp`) or its set-up first (`enrol`). */
export interface SecondFactorDue {
  secondFactor: 'totp' | 'enrol';
}

export type SignInAnswer = Me | SecondFactorDue;

/** Asks /session, which answers a visitor with `user: null` (no 401 in the browser's console). */
async function fetchMe(): Promise<Me | null> {
  const session = await api<{ user: User | null; csrfToken: string | null }>('GET', '/session');
  if (!session.user) return null;
  setCsrfToken(session.csrfToken);
  return { user: session.user, csrfToken: session.csrfToken };
}

export function useSession() {
  const query = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 60_000 });
  return { user: query.data?.user ?? null, loading: query.isPending, error: query.error };
}

/** Makes a new session the app's: the shell shows the signed-in pages from then on. */
export function useSignedIn() {
  const client = useQueryClient();
  return (me: Me) => {
    setCsrfToken(me.csrfToken);
    client.setQueryData(['me'], me);
  };
}

export function useSignIn() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) => api<SignInAnswer>('POST', '/auth/login', credentials),
    onSuccess: (answer) => {
      if ('user' in answer) signedIn(answer);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ endSessionUrl: string } | undefined>('POST', '/auth/logout'),
    onSuccess: (answer) => {
      // Signed in through an identity provider: end the session there too.
      if (answer?.endSessionUrl) window.location.assign(answer.endSessionUrl);
    },
    onSettled: () => {
      setCsrfToken(null);
      // Forget everything the signed-in user could see; keep the 'me' query, which the shell observes.
      client.setQueryData(['me'], null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}

export interface Provider {
  id: string;
  label: string;
}

/** The identity providers of the sign-in page (none: passwords only). */
export function useProviders() {
  const query = useQuery({
    queryKey: ['auth-providers'],
    queryFn: () => api<{ providers: Provider[] }>('GET', '/auth/providers'),
    staleTime: 10 * 60_000,
  });
  return query.data?.providers ?? [];
}
