// The status of a submission as a coloured badge (the text says it, the colour only helps).
import { ValueBadge } from '../../platform/ValueBadge';
import { STATUS_COLORS, type Status } from './model';

export function StatusBadge({ status }: { status: Status }) {
  return <ValueBadge value={status} texts="status" colors={STATUS_COLORS} miw={96} />;
}
