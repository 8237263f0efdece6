/** bench/cost.ts: the parts of the monthly bill the README quotes, computed as it says. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, alarmMetricCount, batchDurationMs, costModel, invocations, leverTotals, withMeasured } from '../../bench/cost';

describe('the cost model', () => {
  it('times a collect batch by its slowest host, one poll a host (the quickest: the one that waited for no other)', () => {
    const polls = [
      { host: 'a', ms: 300 },
      { host: 'a', ms: 1300 },
      { host: 'b', ms: 500 },
      { host: 'c', ms: 200 },
      { host: 'd', ms: 900 },
      { host: 'd', ms: 1900 },
    ];
    // Hosts a, b, c, d → 300, 500, 200, 900; batches of 2: [300, 500] → 500, [200, 900] → 900; median of [500, 900] → 900.
    expect(batchDurationMs(polls, 2)).toBe(900);
    expect(batchDurationMs(polls, 4)).toBe(900);
    expect(batchDurationMs(polls, 1)).toBe(500);
  });

  it('bills one collect-source invocation a batch, and prices the shared-hosts case as a lever only once measured', () => {
    expect(invocations(DEFAULT_INPUTS)['collect-source']).toBeCloseTo((200 * 48 * 30.4) / DEFAULT_INPUTS.collectBatchFill, -2);
    expect(leverTotals(DEFAULT_INPUTS).map((lever) => lever.name).some((name) => name.includes('4 to a host'))).toBe(false);
    const measured = withMeasured(DEFAULT_INPUTS, { collectPolls: [{ host: 'a', ms: 400 }, { host: 'a', ms: 1400 }, { host: 'b', ms: 300 }] });
    expect(measured.durationMs['collect-source']).toBe(400);
    expect(measured.collectBatchMsSharedHosts).toBe(1400);
    const shared = leverTotals(measured).find((lever) => lever.name.includes('4 to a host'))!;
    expect(shared.total).toBeGreaterThan(costModel(measured).total);
  });

  it('counts 7 alarm metrics, 14 with one Errors alarm per function', () => {
    expect(alarmMetricCount()).toBe(7);
    expect(alarmMetricCount({ errorsPerFunction: true })).toBe(14);
    const alarms = (inputs: typeof DEFAULT_INPUTS) => costModel(inputs).lines.find((line) => line.item.startsWith('alarms'))!.quantity;
    expect(alarms(DEFAULT_INPUTS)).toBe(7);
    expect(alarms({ ...DEFAULT_INPUTS, errorsPerFunction: true })).toBe(14);
  });

  it('has no KMS line and traces only the collection functions', () => {
    const { lines } = costModel(DEFAULT_INPUTS);
    expect(lines.some((line) => line.service === 'KMS')).toBe(false);
    expect([...DEFAULT_INPUTS.tracedFunctions].sort()).toEqual(['article', 'collect-dispatch', 'collect-source']);
  });
});
