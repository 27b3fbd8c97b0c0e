// The "Published only" choice of the pages with figures. The public only ever reads published
// figures and gets no switch; signed-in users (who may read some figures before publication) get
// a switch that is on by default — figures open on what is published — and turned off it adds
// `all=1` to the address, so that a link reproduces the view. On, the requests carry
// `publishedOnly=true`; off, they carry nothing and the server gives the viewer what it may read.
import { Switch } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSession } from './session';

/** The address's parameter that includes the figures not yet published ('1'). */
export const ALL_FIGURES = 'all';

export interface PublishedOnlyChoice {
  /** Whether the viewer may read unpublished figures at all (signed in): only then is there a choice. */
  choice: boolean;
  /** Whether only published figures are shown (always for the public). */
  publishedOnly: boolean;
  set: (publishedOnly: boolean) => void;
  /** The query parameters to send: `{ publishedOnly: 'true' }` or none. */
  query: Record<string, string>;
}

export function usePublishedOnly(): PublishedOnlyChoice {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const choice = user !== null;
  const publishedOnly = !choice || params.get(ALL_FIGURES) !== '1';
  const query = useMemo((): Record<string, string> => (choice && publishedOnly ? { publishedOnly: 'true' } : {}), [choice, publishedOnly]);
  const set = (on: boolean) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (on) next.delete(ALL_FIGURES);
        else next.set(ALL_FIGURES, '1');
        return next;
      },
      { replace: true },
    );
  return { choice, publishedOnly, set, query };
}

/** The switch, for signed-in users only; nothing for the public. */
export function PublishedOnlySwitch({ state }: { state: PublishedOnlyChoice }) {
  const { t } = useTranslation();
  if (!state.choice) return null;
  return (
    <Switch
      label={t('figures.publishedOnly')}
      description={t(state.publishedOnly ? 'figures.publishedOnlyOn' : 'figures.publishedOnlyOff')}
      checked={state.publishedOnly}
      onChange={(e) => state.set(e.currentTarget.checked)}
      maw={360}
    />
  );
}
