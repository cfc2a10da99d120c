import { describe, expect, it } from 'vitest';
import { checkOptions, formatJson, parseUtcOffset } from '../bin/commands/check.js';
import type { CheckInput } from '../generators/scenarios/check.js';
import { checkStream, createChecker, RULE_NAMES } from '../generators/scenarios/check.js';
import { scenarioByName } from '../generators/scenarios/named.js';
import type { TimedRecord } from '../generators/scenarios/simulate.js';
import { simulate } from '../generators/scenarios/simulate.js';
import { formatTimeOfDay, HUNDREDTHS_PER_DAY, parseTimeOfDay } from '../spec/primitives.js';
import { asInput, common, small } from './helpers/sim.js';

// Issue 9 §2: real dumps merge systems, start mid-connection and may hold one subtype only; check must
// give warnings there, not a wall of violations, and let each rule be switched.

const release = '3.2';
const estate = (seed: number, system?: string): TimedRecord[] =>
  simulate(scenarioByName('mixed-estate')!, { ...small(release, seed), ...(system ? { system } : {}) }).records;
const reindex = (inputs: CheckInput[]): CheckInput[] => inputs.map((r, index) => ({ ...r, index }));

describe('a real-world mix gives warnings, not errors', () => {
  it('a window that starts mid-run (Terms without Inits, summaries counting connections from before)', () => {
    const records = estate(21);
    const window = records.slice(Math.floor(records.length / 3));
    const result = checkStream(asInput(window, release));
    expect(result.errors).toBe(0);
    expect(result.byRule['init-missing']).toBeGreaterThan(0);
    expect(result.failed).toBe(false);
    // The same window claimed complete is wrong, and check says so.
    expect(checkStream(asInput(window, release), { completeWindow: true }).errors).toBeGreaterThan(0);
  });
  it('two systems merged out of time order', () => {
    const merged = reindex([...asInput(estate(22, 'SYSA'), release), ...asInput(estate(23, 'SYSB'), release)]);
    const result = checkStream(merged, { completeWindow: true });
    expect(result.errors).toBe(0);
    expect(Object.keys(result.byRule)).toEqual(['order']);
    expect(result.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(checkStream(merged, { completeWindow: true, strict: true }).findings.some((f) => f.rule === 'order' && f.severity === 'error')).toBe(true);
  });
  it.each([11, 12] as const)('a file of subtype %i only skips the cross-stream rules', (subtype) => {
    const only = asInput(estate(24).filter((t) => t.subtype === subtype), release);
    const result = checkStream(only, { completeWindow: true });
    expect(result.findings).toEqual([]);
    expect(result.skipped.map((s) => s.rule).sort()).toEqual(['summary-count', 'summary-missing']);
  });
  it('an IPv6 address with 12 zero bytes (2001:db8::) is a warning only', () => {
    const records = estate(25).map((t) => {
      if (t.subtype !== 11 || common(t.record)['SMF119SC_SALIP'] !== '2001:db8:1::10') return t;
      const copy = structuredClone(t.record);
      common(copy)['SMF119SC_SARIP'] = '2001:db8::';
      return { ...t, record: copy };
    });
    const result = checkStream(asInput(records, release), { ignore: ['summary-count', 'summary-missing'] });
    expect(result.byRule['ipv4-in-ipv6']).toBeGreaterThan(0);
    expect(result.errors).toBe(0);
  });
  it('header time is local: --utc-offset lines it up with the UTC zERT times', () => {
    // A system 5 hours behind UTC: its headers read 5 hours earlier than the events they report.
    const shift = (t: TimedRecord): TimedRecord => {
      const copy = structuredClone(t.record);
      const h = copy['Header'] as Record<string, unknown>;
      const at = (Date.parse(`${String(h['SMF119HDDate'])}T00:00:00Z`) / 86_400_000) * HUNDREDTHS_PER_DAY + (parseTimeOfDay(h['SMF119HDTime']) as { value: number }).value - 5 * 360_000;
      const day = Math.floor(at / HUNDREDTHS_PER_DAY);
      h['SMF119HDDate'] = new Date(day * 86_400_000).toISOString().slice(0, 10);
      h['SMF119HDTime'] = formatTimeOfDay(at - day * HUNDREDTHS_PER_DAY);
      return { ...t, record: copy };
    };
    const local = asInput(estate(26).map(shift), release);
    expect(checkStream(local, { completeWindow: true }).byRule['header-time']).toBeGreaterThan(0);
    expect(checkStream(local, { completeWindow: true, utcOffsetMinutes: parseUtcOffset('-5') }).findings).toEqual([]);
  });
});

describe('rules by name', () => {
  const records = estate(27);
  const swapped = [...records];
  const j = swapped.findIndex((t, k) => k > 0 && t.time > swapped[k - 1]!.time);
  [swapped[j - 1], swapped[j]] = [swapped[j]!, swapped[j - 1]!];
  const input = reindex(asInput(swapped, release));
  it('--ignore switches a rule off; --only keeps just the named ones', () => {
    expect(checkStream(input).byRule.order).toBe(1);
    expect(checkStream(input, { ignore: ['order'] }).byRule.order).toBeUndefined();
    // A second problem of another rule: --only sees just the one named.
    const both = input.map((r, k) => {
      if (k !== 10 || r.subtype !== 11) return r;
      const copy = structuredClone(r);
      ((copy.record!['Common'] as Record<string, unknown>[])[0]!)['SMF119SC_SALIP'] = '2001:db8::1';
      return copy;
    });
    expect(input[10]!.subtype).toBe(11);
    expect(Object.keys(checkStream(both).byRule)).toEqual(expect.arrayContaining(['ip-family', 'order']));
    expect(Object.keys(checkStream(both, { only: ['ip-family'] }).byRule)).toEqual(['ip-family']);
  });
  it('the CLI options parse rule lists and offsets, and refuse unknown rules', () => {
    expect(checkOptions({ only: ['order,cipher'], strict: false, completeWindow: false, max: 5 })).toEqual(expect.objectContaining({ only: ['order', 'cipher'], keep: 5, utcOffsetMinutes: 0 }));
    expect(() => checkOptions({ ignore: ['no-such-rule'], strict: false, completeWindow: false, max: 5 })).toThrow(/no such rule/);
    expect(parseUtcOffset('+02:00')).toBe(120);
    expect(parseUtcOffset('5.5')).toBe(330);
    expect(() => parseUtcOffset('x')).toThrow(/--utc-offset/);
  });
  it('--format json: one object with ok, counts and findings with rule and severity', () => {
    const parsed = JSON.parse(formatJson(checkStream(input, { completeWindow: true })));
    expect(parsed).toEqual(expect.objectContaining({ ok: true, errors: 0, warnings: 1, byRule: { order: 1 }, skipped: [] }));
    expect(parsed.findings).toEqual([expect.objectContaining({ rule: 'order', severity: 'warning', kind: 'order', path: expect.stringMatching(/^st1[12] > Header > SMF119HDTime$/) })]);
    expect(Object.keys(parsed.findings[0]).sort()).toEqual(['index', 'kind', 'message', 'offset', 'path', 'rule', 'severity']);
    expect(RULE_NAMES).toContain(parsed.findings[0].rule);
  });
});

describe('streaming: records one at a time', () => {
  it('push/finish gives the same result as the whole-array wrapper; findings come as soon as a record shows them', () => {
    const records = estate(28);
    const input = asInput(records, release);
    const checker = createChecker({ completeWindow: true });
    for (const r of input) checker.push(r);
    expect(checker.finish()).toEqual(checkStream(input, { completeWindow: true }));
    const early = createChecker();
    const last = input.length - 1;
    const bad = structuredClone(input[last]!);
    (bad.record!['Header'] as Record<string, unknown>)['SMF119HDTime'] = '00:00:00.00';
    early.push(input[last - 1]!);
    early.push(bad);
    expect(early.finish().findings).toContainEqual(expect.objectContaining({ index: last, rule: 'order' }));
  });
});

describe('memory: what the checker holds does not grow with the file', () => {
  // Six simulated hours at 10 connections a minute, 5-minute intervals: the state held at the end must be no
  // more than at half-time (a checker that kept closed connections would hold twice as many by then).
  const long = simulate(scenarioByName('mixed-estate')!, { release, seed: 31, duration: 6 * 3600, rate: 10, interval: 300 }).records;
  const heldAt = (input: CheckInput[], opts: Parameters<typeof createChecker>[0] = {}): { half: number; end: number; connections: number } => {
    const checker = createChecker(opts);
    let half = 0;
    input.forEach((r, i) => {
      checker.push(r);
      if (i === Math.floor(input.length / 2)) half = checker.retained().unsettledSegments;
    });
    const end = checker.retained().unsettledSegments;
    return { half, end, connections: checker.finish().connections };
  };
  it('with summaries: closed connections go when their interval settles', () => {
    const { half, end, connections } = heldAt(asInput(long, release));
    expect(connections).toBeGreaterThan(3000);
    expect(end).toBeLessThanOrEqual(half * 1.3);
    expect(end).toBeLessThan(connections / 10);
  });
  it('subtype 11 only: closed connections go once the system has written no summary for two hours', () => {
    const only = asInput(long.filter((t) => t.subtype === 11), release);
    const { half, end, connections } = heldAt(only);
    expect(end).toBeLessThanOrEqual(half * 1.3);
    expect(end).toBeLessThan(connections / 2);
    // --complete-window waits a day for summaries that may come: here it still holds every closed connection.
    expect(heldAt(only, { completeWindow: true }).end).toBeGreaterThan(connections * 0.9);
  });
});
