// An instant as a <time> element: machine-readable in its attribute, written for people in its text.
import { formatDateTime } from './format';

interface Props {
  iso: string | null;
  /** How the text is written: British English by default (the statistics pages pass the browser's locale). */
  format?: (iso: string) => string;
  /** The text when there is no instant. */
  missing?: string;
}

export function Instant({ iso, format = formatDateTime, missing = '—' }: Props) {
  return iso ? <time dateTime={iso}>{format(iso)}</time> : <>{missing}</>;
}
