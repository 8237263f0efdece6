import { describe, expect, it } from 'vitest';
import { contributionOf, tallyOf, talliesOfCredits } from '../../shared/compliance/tally';
import { countedCredits, rowOf } from '../../shared/compliance/rules';
import { decodeContribution, encodeContribution, talliesFromItems, tallyItem, tallyUpdates } from '../../shared/store/tallies';
import type { QuarterCredit } from '../../shared/compliance/types';

const credit = (storyId: string, sortAt: string, relevant: boolean, areas: QuarterCredit['areas'], mark: QuarterCredit['mark'] = null, agencyId = 'so-tu-phap'): QuarterCredit => ({
  agencyId,
  storyId,
  quarter: '2026-Q4',
  sortAt,
  title: storyId,
  sourceId: `${agencyId}-rss`,
  url: `https://example.gov.vn/${storyId}`,
  relevant,
  areas,
  mark,
});
const mark = (counted: boolean) => ({ counted, reason: 'lý do', by: 'noivu', at: '2026-11-01T00:00:00Z' });

const credits = [
  credit('a', '2026-11-03T08:00:00+07:00', true, ['procedures', 'digital_government']),
  credit('b', '2026-10-02T08:00:00+07:00', true, ['procedures']),
  credit('c', '2026-12-30T23:00:00+07:00', false, []),
  credit('d', '2026-10-01T00:30:00+07:00', true, ['civil_service'], mark(false)),
  credit('e', '2026-12-31T20:00:00+07:00', false, [], mark(true)),
  credit('f', '2026-11-05T08:00:00+07:00', true, ['procedures'], null, 'so-noi-vu'),
];

describe('quarter tallies', () => {
  it('count what countedCredits counts: mark over label, each story once', () => {
    const tally = talliesOfCredits(credits, '2026-Q4').get('so-tu-phap')!;
    const counted = countedCredits(credits, 'so-tu-phap', '2026-Q4');
    const row = rowOf({ id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', leadAreas: ['procedures'], contacts: [], validFrom: '2020-01-01', validTo: null, successorId: null }, counted);
    expect(tally).toEqual({ items: 3, areas: { procedures: 2, digital_government: 1 }, firstAt: '2026-10-02T08:00:00+07:00', lastAt: '2026-12-31T20:00:00+07:00' });
    expect({ items: row.items, areas: row.areas, firstAt: row.firstAt, lastAt: row.lastAt }).toEqual(tally);
  });

  it('compare instants, not strings, across offsets', () => {
    const tally = tallyOf([
      { at: '2026-10-01T23:30:00Z', counts: true, areas: [] },
      // Later as text, earlier in time (23:00 UTC).
      { at: '2026-10-02T06:00:00+07:00', counts: true, areas: [] },
    ]);
    expect(tally.firstAt).toBe('2026-10-02T06:00:00+07:00');
    expect(tally.lastAt).toBe('2026-10-01T23:30:00Z');
  });

  it('leave out credits of other quarters', () => {
    expect(talliesOfCredits([{ ...credits[0]!, quarter: '2026-Q3' }], '2026-Q4').size).toBe(0);
  });

  it('store each contribution as a short string and read it back', () => {
    const contribution = contributionOf(credits[0]!);
    expect(encodeContribution(contribution)).toBe('1|2026-11-03T08:00:00+07:00|procedures,digital_government');
    expect(decodeContribution(encodeContribution(contribution))).toEqual(contribution);
    expect(decodeContribution(encodeContribution({ at: 'x', counts: false, areas: [] }))).toEqual({ at: 'x', counts: false, areas: [] });
  });

  it('a rebuilt item adds up to the same tally as the credits', () => {
    const contributions = new Map(credits.filter((c) => c.agencyId === 'so-tu-phap').map((c) => [c.storyId, contributionOf(c)]));
    expect(talliesFromItems([tallyItem('so-tu-phap', '2026-Q4', 'so-tu-phap-rss', contributions)]).get('so-tu-phap')).toEqual(talliesOfCredits(credits, '2026-Q4').get('so-tu-phap'));
  });

  it('count a story published by two of an agency’s sources once, across their items', () => {
    const a = new Map([['s1', contributionOf(credits[0]!)], ['s2', contributionOf(credits[1]!)]]);
    const b = new Map([['s2', contributionOf(credits[1]!)]]);
    const tallies = talliesFromItems([tallyItem('x', '2026-Q4', 'x-rss', a), tallyItem('x', '2026-Q4', 'x-web', b), tallyItem('y', '2026-Q4', 'y-rss', b)]);
    expect(tallies.get('x')?.items).toBe(2);
    expect(tallies.get('y')?.items).toBe(1);
  });

  it('touch each tally item once per transaction, the later change of a story winning', () => {
    const updates = tallyUpdates([
      { agencyId: 'x', quarter: '2026-Q4', sourceId: 'x-rss', storyId: 's1', contribution: null },
      { agencyId: 'y', quarter: '2026-Q4', sourceId: 'y-rss', storyId: 's1', contribution: contributionOf(credits[1]!) },
      { agencyId: 'x', quarter: '2026-Q4', sourceId: 'x-rss', storyId: 's1', contribution: contributionOf(credits[0]!) },
      { agencyId: 'x', quarter: '2026-Q3', sourceId: 'x-rss', storyId: 's1', contribution: null },
    ]);
    expect(updates).toHaveLength(3);
    const x = updates[0]!.Update!;
    expect(x.UpdateExpression).not.toContain('REMOVE');
    expect(Object.values(x.ExpressionAttributeNames!)).toContain('s:s1');
    expect(updates[2]!.Update!.UpdateExpression).toMatch(/REMOVE #s0$/);
  });
});
