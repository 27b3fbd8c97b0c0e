// The choices of a page kept in its address, so that a copied link reproduces the view.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The address's parameters, and `set(name, value)`: sets one of them (removes it when the value is
 * empty or null) and keeps the others; it replaces the history entry rather than adding one, so that
 * Back leaves the page instead of stepping through every choice.
 */
export function useAddressParams() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (name: string, value: string | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { params, set };
}
