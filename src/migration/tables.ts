// Row types of the migration capability's tables; they join the platform's Database type below
// (module augmentation), so a capability's tables are declared inside its own folder.

export interface AlertsTable {
  id: string;
  rule: string;
  scope: 'centre' | 'partner' | 'region';
  scope_code: string;
  partner_code: string | null;
  period: string;
  indicator: string;
  value: number;
  condition: string;
  threshold: number;
  created_at: string;
}

export interface AlertRecipientsTable {
  alert_id: string;
  user_id: string;
  /** partner, neighbour, region or commission: why this user was told. */
  reason: string;
  acknowledged_at: string | null;
}

declare module '../platform/db/tables.js' {
  interface Database {
    alerts: AlertsTable;
    alert_recipients: AlertRecipientsTable;
  }
}
