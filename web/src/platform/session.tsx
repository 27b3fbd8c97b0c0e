// Who is signed in, shared by every page: the /me query, sign-in and sign-out.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, type User } from './api';

interface Me {
  user: User;
  csrfToken: string | null;
}

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('GET', '/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useSession() {
  const query = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 60_000 });
  return { user: query.data?.user ?? null, loading: query.isPending, error: query.error };
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) => api<Me>('POST', '/auth/login', credentials),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      client.setQueryData(['me'], me);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      // Forget everything the signed-in user could see; keep the 'me' query, which the shell observes.
      client.setQueryData(['me'], null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}
