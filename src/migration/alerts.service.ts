// Early warnings: after migration data is saved, imported or submitted, every alert rule of the
// catalogue is checked for the partner and month that changed (per centre, for the partner, or
// for the region). A rule that fires is recorded once per scope and period and addressed to the
// Commission and the partner's coordinators; its neighbours' coordinators (for a regional alert,
// every partner's) are told once the figure is published as alerted, never from another partner's
// draft. In the app and by e-mail. Recipients acknowledge; the feed shows who has.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db, DbOrTrx } from '../platform/db/database.js';
import type { AlertsTable } from './tables.js';
import { ForbiddenError, NotFoundError } from '../platform/errors.js';
import { coordinatorsOf, notify, usersByRole } from '../platform/notifications/notifications.service.js';
import { listOrgUnits, listPartners } from '../platform/partners/partners.service.js';
import type { AlertRule, Catalog } from '../statistics/catalog.js';
import type { ChangedSubmission, SubmissionsChanged } from '../statistics/events.js';
import { indicatorByOrgUnit, indicatorValues } from '../statistics/indicators.service.js';
import { PUBLIC_VIEWER, type Viewer } from '../platform/viewer.js';
import { addressedPartners, meets } from './alerts.js';
import type { AlertFilter, AlertView } from './alerts.schema.js';
import { acknowledge, findAlert, findAlertOf, insertAlertOnce, insertRecipients, listAlerts, listRecipients } from './alerts.repository.js';

/** Alerts are computed from all data, drafts included: an early warning cannot wait for publication. */
const EARLY_WARNING: Viewer = { kind: 'operator', label: 'early warnings' };
/** The figures as published, to tell whether an alert may go beyond the partner whose draft it rests on. */
const PUBLISHED: Viewer = PUBLIC_VIEWER;

interface Candidate {
  scopeCode: string;
  scopeName: string;
  partner: string | null;
  value: number;
}

async function candidates(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  rule: AlertRule,
  partner: string,
  period: string,
  names: ReadonlyMap<string, string>,
): Promise<Candidate[]> {
  if (rule.scope === 'centre') {
    const answer = await indicatorByOrgUnit(db, catalog, viewer, { code: rule.indicator, partner, period });
    return answer.values
      .filter((v) => v.value !== null)
      .map((v) => ({ scopeCode: v.orgUnit, scopeName: `${v.name} (${partner})`, partner, value: v.value! }));
  }
  const answer = await indicatorValues(db, catalog, viewer, {
    code: rule.indicator,
    partner: rule.scope === 'partner' ? partner : undefined,
    period,
  });
  if (rule.scope === 'partner') {
    const v = answer.values.find((x) => x.partner === partner && x.orgUnit === null && x.period === period);
    return v?.value == null ? [] : [{ scopeCode: partner, scopeName: names.get(partner) ?? partner, partner, value: v.value }];
  }
  const r = answer.region.find((x) => x.period === period);
  return r?.value == null ? [] : [{ scopeCode: 'WB6', scopeName: 'Western Balkans', partner: null, value: r.value }];
}

/**
 * Who an alert is addressed to. The Commission always. A figure that rests on unpublished data goes
 * only to the partner whose own data it is (a regional one: to nobody else), so that no partner
 * learns, or can work back to, another's draft; once the figure is published as alerted, the
 * neighbours (for a regional one, every partner) are told too.
 */
async function recipientsOf(
  trx: DbOrTrx,
  catalog: Catalog,
  rule: AlertRule,
  partner: string | null,
  region: string[],
  published: boolean,
): Promise<Map<string, string>> {
  const reasons = new Map<string, string>();
  const addressed = addressedPartners(rule, partner, catalog.neighbours, region);
  for (const [p, reason] of addressed) {
    if (!published && reason !== 'partner') continue;
    for (const id of await coordinatorsOf(trx, [p])) reasons.set(id, reason);
  }
  for (const id of await usersByRole(trx, ['commission'])) reasons.set(id, 'commission');
  return reasons;
}

/** Records the alert once and tells its recipients; an alert recorded before gains the recipients its publication entitles. */
async function recordAlert(
  db: Db,
  catalog: Catalog,
  actor: Actor,
  rule: AlertRule,
  alert: AlertsTable,
  scopeName: string,
  region: string[],
  published: boolean,
): Promise<boolean> {
  const indicator = catalog.indicators.get(rule.indicator)!;
  return db.transaction().execute(async (trx) => {
    const created = await insertAlertOnce(trx, alert);
    const stored = created ? alert : await findAlertOf(trx, alert.rule, alert.scope_code, alert.period);
    // Recorded before from other figures: those recipients stay; new ones only for the same figure, now published.
    if (!stored || (!created && (!published || stored.value !== alert.value))) return false;
    const reasons = await recipientsOf(trx, catalog, rule, alert.partner_code, region, published);
    await insertRecipients(
      trx,
      [...reasons].map(([user_id, reason]) => ({ alert_id: stored.id, user_id, reason, acknowledged_at: null })),
    );
    // The dedupe key tells every recipient once, however often the alert is seen again.
    await notify(
      trx,
      { userIds: [...reasons.keys()] },
      {
        kind: 'migration.alert',
        // Figures written as each recipient's language writes numbers.
        texts: {
          title: 'migration.alert.title',
          body: 'migration.alert.body',
          params: {
            rule: rule.label,
            scope: scopeName,
            period: alert.period,
            indicator: indicator.label,
            value: { figure: alert.value, unit: indicator.unit },
            condition: rule.condition,
            threshold: { figure: rule.threshold, unit: indicator.unit },
          },
        },
        link: `/migration/alerts/${stored.id}`,
        dedupeKey: `alert:${stored.id}`,
      },
    );
    await appendAuditEntry(trx, actor, {
      action: created ? 'migration.alert' : 'migration.alert.widen',
      entityType: 'alert',
      entityId: stored.id,
      after: { ...stored, published, recipients: reasons.size },
    });
    return created;
  });
}

/**
 * Checks the catalogue's alert rules for the changed partners and months (drafts included: an early
 * warning cannot wait for publication); returns the alerts created now.
 */
export async function evaluateAlerts(db: Db, catalog: Catalog, changed: ChangedSubmission[], actor: Actor): Promise<AlertsTable[]> {
  const created: AlertsTable[] = [];
  const partners = await listPartners(db);
  const names = new Map(partners.map((p) => [p.code, p.name]));
  const region = partners.filter((p) => p.group_code === 'WB6').map((p) => p.code);
  for (const rule of catalog.alerts) {
    const indicator = catalog.indicators.get(rule.indicator)!;
    const keys = new Map(changed.filter((c) => indicator.datasets.includes(c.dataset)).map((c) => [`${c.partner}|${c.period}`, c]));
    for (const { partner, period } of keys.values()) {
      if (!region.includes(partner)) continue;
      // The same figures as the public sees them: an alert on a figure published as alerted may go to everyone.
      const asPublished = new Map(
        (await candidates(db, catalog, PUBLISHED, rule, partner, period, names)).map((c) => [c.scopeCode, c.value]),
      );
      for (const c of await candidates(db, catalog, EARLY_WARNING, rule, partner, period, names)) {
        if (!meets(c.value, rule.condition, rule.threshold)) continue;
        const alert: AlertsTable = {
          id: randomUUID(),
          rule: rule.code,
          scope: rule.scope,
          scope_code: c.scopeCode,
          partner_code: c.partner,
          period,
          indicator: rule.indicator,
          value: c.value,
          condition: rule.condition,
          threshold: rule.threshold,
          created_at: new Date().toISOString(),
        };
        const published = asPublished.get(c.scopeCode) === c.value;
        if (await recordAlert(db, catalog, actor, rule, alert, c.scopeName, region, published)) created.push(alert);
      }
    }
  }
  return created;
}

/** The subscription the migration module registers: check the alert rules after statistics changed. */
export async function checkAlertsOnChange(event: SubmissionsChanged): Promise<void> {
  await evaluateAlerts(event.db, event.catalog, event.changed, event.actor);
}

function canSeeAll(viewer: Viewer): boolean {
  return viewer.kind === 'operator' || (viewer.kind === 'user' && viewer.role !== 'coordinator');
}

async function present(db: Db, catalog: Catalog, viewer: Viewer, alerts: AlertsTable[]): Promise<AlertView[]> {
  const recipients = await listRecipients(
    db,
    alerts.map((a) => a.id),
  );
  const partnerNames = new Map((await listPartners(db)).map((p) => [p.code, p.name]));
  const names = new Map<string, string>();
  for (const partner of new Set(alerts.filter((a) => a.scope === 'centre').map((a) => a.partner_code!))) {
    for (const u of await listOrgUnits(db, partner)) names.set(u.code, `${u.name} (${partner})`);
  }
  return alerts.map((a) => {
    const mine = recipients.filter((r) => r.alert_id === a.id);
    const indicator = catalog.indicators.get(a.indicator);
    const me = viewer.kind === 'user' ? mine.find((r) => r.user_id === viewer.id) : undefined;
    return {
      id: a.id,
      rule: a.rule,
      label: catalog.alerts.find((r) => r.code === a.rule)?.label ?? a.rule,
      scope: a.scope,
      scopeCode: a.scope_code,
      scopeName:
        a.scope === 'centre'
          ? (names.get(a.scope_code) ?? a.scope_code)
          : a.scope === 'region'
            ? 'Western Balkans'
            : (partnerNames.get(a.scope_code) ?? a.scope_code),
      partner: a.partner_code,
      period: a.period,
      indicator: a.indicator,
      indicatorLabel: indicator?.label ?? a.indicator,
      unit: indicator?.unit ?? '',
      value: a.value,
      condition: a.condition,
      threshold: a.threshold,
      createdAt: a.created_at,
      recipients: mine.map((r) => ({
        name: r.name,
        email: r.email,
        partner: r.partner_code,
        reason: r.reason,
        acknowledgedAt: r.acknowledged_at,
      })),
      acknowledgedBy: mine.filter((r) => r.acknowledged_at !== null).map((r) => r.email),
      mine: me ? { acknowledgedAt: me.acknowledged_at } : null,
    };
  });
}

/** The feed: every alert for the Commission, reviewers and admins; for a coordinator those addressed to them. */
export async function alertFeed(db: Db, catalog: Catalog, viewer: Viewer, filter: AlertFilter = {}): Promise<AlertView[]> {
  if (viewer.kind === 'public') throw new ForbiddenError("Early warnings are for the partners' coordinators and the Commission.");
  const userId = canSeeAll(viewer) ? undefined : (viewer as { id: string }).id;
  return present(db, catalog, viewer, await listAlerts(db, { userId, partner: filter.partner, limit: filter.limit }));
}

export async function getAlert(db: Db, catalog: Catalog, viewer: Viewer, id: string): Promise<AlertView> {
  const alert = await findAlert(db, id);
  if (!alert) throw new NotFoundError('Alert', id);
  const [view] = await present(db, catalog, viewer, [alert]);
  if (!canSeeAll(viewer) && !view!.mine) throw new NotFoundError('Alert', id);
  return view!;
}

/** A recipient acknowledges an alert (again: nothing changes). */
export async function acknowledgeAlert(
  db: Db,
  catalog: Catalog,
  viewer: Viewer & { kind: 'user' },
  actor: Actor,
  id: string,
): Promise<AlertView> {
  const view = await getAlert(db, catalog, viewer, id);
  if (!view.mine) throw new ForbiddenError('Only the recipients of an alert acknowledge it.');
  if (view.mine.acknowledgedAt === null) {
    await db.transaction().execute(async (trx) => {
      if (await acknowledge(trx, id, viewer.id, new Date().toISOString())) {
        await appendAuditEntry(trx, actor, {
          action: 'migration.alert.ack',
          entityType: 'alert',
          entityId: id,
          after: { user: viewer.label },
        });
      }
    });
  }
  return getAlert(db, catalog, viewer, id);
}
