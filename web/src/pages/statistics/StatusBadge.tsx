// The status of a submission as a coloured badge (the text says it, the colour only helps), and the
// small one beside a figure that is not published yet ("draft", "submitted", "approved", "returned").
import { ValueBadge } from '../../platform/ValueBadge';
import { isUnpublished, type FigureStatus } from './figures';
import { STATUS_COLORS, type Status } from './model';

export function StatusBadge({ status }: { status: Status }) {
  return <ValueBadge value={status} texts="status" colors={STATUS_COLORS} miw={96} />;
}

/** Beside a figure resting on unpublished data: its status; nothing for a published figure or none. */
export function FigureStatusBadge({ status }: { status: FigureStatus | null | undefined }) {
  if (!isUnpublished(status)) return null;
  return (
    <ValueBadge value={status} texts="status" colors={STATUS_COLORS} size="xs" variant="outline" ml={4} tt="none" className="figure-mark" />
  );
}
