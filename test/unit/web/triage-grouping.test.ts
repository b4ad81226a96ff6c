import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../src/contracts/alerts.ts';
import { openModerate, triageCards } from '../../../web/src/alerts/grouping.ts';

let n = 0;
function alert(over: Partial<AlertView>): AlertView {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    patientId: 'ana', patientName: 'Ana', severity: 'moderate', source: 'checkin', sourceId: 'c1', ruleId: 'r',
    reasons: [{ key: 'k', text: `reason ${n}` }], status: 'open', assignedTo: 'nora', escalationLevel: 0, overdue: false,
    dueAt: '2026-01-02T10:00:00Z', createdAt: '2026-01-01T10:00:00Z', acknowledgedBy: null, acknowledgedAt: null, resolvedAt: null, resolutionAction: null,
    ...over,
  };
}

describe('the triage queue groups alerts', () => {
  it("Ana's three check-ins make one card: the urgent check-in leads with all its reasons, the others fold under it", () => {
    const alerts = [
      alert({ sourceId: 'c1', severity: 'moderate', dueAt: '2026-01-03T10:00:00Z' }),
      alert({ sourceId: 'c2', severity: 'high', dueAt: '2026-01-02T14:00:00Z' }),
      alert({ sourceId: 'c3', severity: 'urgent', dueAt: '2026-01-02T10:15:00Z' }),
      alert({ sourceId: 'c3', severity: 'high', dueAt: '2026-01-02T14:00:00Z' }),
      alert({ sourceId: 'c3', severity: 'moderate', dueAt: '2026-01-04T10:00:00Z' }),
    ];
    const cards = triageCards(alerts, { severity: '', assignee: '' });
    expect(cards).toHaveLength(1);
    expect(cards[0]!.lead.key).toBe('checkin:c3');
    expect(cards[0]!.lead.severity).toBe('urgent');
    expect(cards[0]!.lead.alerts.map((a) => a.severity)).toEqual(['urgent', 'high', 'moderate']);
    expect(cards[0]!.lead.dueAt).toBe('2026-01-02T10:15:00Z');
    expect(cards[0]!.others.map((g) => g.key)).toEqual(['checkin:c2', 'checkin:c1']);
  });

  it('cards sort by severity, then by the acknowledgement deadline', () => {
    const cards = triageCards([
      alert({ patientId: 'a', severity: 'high', dueAt: '2026-01-02T12:00:00Z' }),
      alert({ patientId: 'b', severity: 'urgent', dueAt: '2026-01-02T18:00:00Z' }),
      alert({ patientId: 'c', severity: 'high', dueAt: '2026-01-02T09:00:00Z' }),
      alert({ patientId: 'd', severity: 'moderate', dueAt: '2026-01-01T09:00:00Z', source: 'message', sourceId: 'm1' }),
    ], { severity: '', assignee: '' });
    expect(cards.map((c) => c.patientId)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('filters by severity and assignee before grouping; bulk takes only open moderate alerts', () => {
    const alerts = [
      alert({ patientId: 'a', severity: 'urgent' }),
      alert({ patientId: 'a', severity: 'moderate', sourceId: 'c9' }),
      alert({ patientId: 'b', severity: 'moderate', assignedTo: null }),
      alert({ patientId: 'c', severity: 'moderate', status: 'acknowledged' }),
    ];
    expect(triageCards(alerts, { severity: 'moderate', assignee: '' }).map((c) => c.patientId)).toEqual(['a', 'b', 'c']);
    expect(triageCards(alerts, { severity: '', assignee: 'none' }).map((c) => c.patientId)).toEqual(['b']);
    expect(triageCards(alerts, { severity: 'urgent', assignee: 'nora' }).map((c) => c.lead.alerts.length)).toEqual([1]);
    expect(openModerate(triageCards(alerts, { severity: '', assignee: '' })).map((a) => a.patientId).sort()).toEqual(['a', 'b']);
  });
});
