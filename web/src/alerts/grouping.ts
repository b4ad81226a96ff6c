import { SEVERITY_RANK, type AlertSeverity, type AlertView } from '../../../src/contracts/alerts.ts';

/** The alerts one check-in (or one chat message, one missed check-in, one referral) raised. */
export interface AlertGroup {
  key: string;
  source: AlertView['source'];
  severity: AlertSeverity;
  /** The earliest acknowledgement deadline among the group's alerts. */
  dueAt: string;
  createdAt: string;
  overdue: boolean;
  alerts: AlertView[];
}

/** One card of the triage queue: a patient's most pressing group, the patient's other groups folded under it. */
export interface TriageCard {
  patientId: string;
  patientName: string;
  lead: AlertGroup;
  others: AlertGroup[];
}

export interface TriageFilter {
  severity: AlertSeverity | '';
  /** '' anyone, 'none' unassigned, else a user id. */
  assignee: string;
}

const min = (values: string[]) => values.reduce((a, b) => (b < a ? b : a));

/** Queue order: most severe, then the earliest acknowledgement deadline, then the oldest. */
export function groupOrder(a: AlertGroup, b: AlertGroup) {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.dueAt.localeCompare(b.dueAt) || a.createdAt.localeCompare(b.createdAt);
}

function groupOf(key: string, alerts: AlertView[]): AlertGroup {
  const top = alerts.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
  return {
    key,
    source: top.source,
    severity: top.severity,
    dueAt: min(alerts.map((a) => a.dueAt)),
    createdAt: min(alerts.map((a) => a.createdAt)),
    overdue: alerts.some((a) => a.overdue && a.status === 'open'),
    alerts: [...alerts].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]),
  };
}

const matches = (a: AlertView, f: TriageFilter) =>
  (!f.severity || a.severity === f.severity) && (!f.assignee || (f.assignee === 'none' ? a.assignedTo === null : a.assignedTo === f.assignee));

/**
 * Groups the queue into one card per patient: alerts raised by the same check-in (or message) form one
 * group with all its reasons; the patient's most pressing group leads the card and the others fold under
 * it. Filters apply to alerts before grouping. Linear in the number of alerts (a 200-patient queue is at
 * most 500 rows from the server), so it runs on every live update.
 */
export function triageCards(alerts: readonly AlertView[], filter: TriageFilter): TriageCard[] {
  const byPatient = new Map<string, { name: string; groups: Map<string, AlertView[]> }>();
  for (const a of alerts) {
    if (!matches(a, filter)) continue;
    const patient = byPatient.get(a.patientId) ?? { name: a.patientName, groups: new Map() };
    byPatient.set(a.patientId, patient);
    const key = `${a.source}:${a.sourceId}`;
    patient.groups.set(key, [...(patient.groups.get(key) ?? []), a]);
  }
  const cards: TriageCard[] = [];
  for (const [patientId, { name, groups }] of byPatient) {
    const [lead, ...others] = [...groups].map(([key, list]) => groupOf(key, list)).sort(groupOrder);
    cards.push({ patientId, patientName: name, lead: lead!, others });
  }
  return cards.sort((a, b) => groupOrder(a.lead, b.lead));
}

/** Open moderate alerts on the cards, for the bulk acknowledgement. */
export const openModerate = (cards: readonly TriageCard[]) =>
  cards.flatMap((c) => [c.lead, ...c.others]).flatMap((g) => g.alerts).filter((a) => a.severity === 'moderate' && a.status === 'open');

