import type { Finding, FuzzResult } from './engine.js';
import { describeInput } from './engine.js';
import { findingName } from './findings.js';

// Fuzz reports: a text summary for people, JSON lines for tools, JUnit XML (one testcase per finding) for
// CI test tabs.

const status = (f: Finding): string => (f.signal ? `killed by ${f.signal}` : f.exitCode !== undefined && f.exitCode !== null ? `exit code ${f.exitCode}` : '');
const perSecond = (r: FuzzResult): number => (r.fuzzMs > 0 ? Math.round((r.runs / r.fuzzMs) * 1000) : 0);

export function fuzzTextSummary(r: FuzzResult, findingsDir?: string): string {
  const lines = [
    `zert-forge fuzz: ${r.runs} input(s) in ${(r.fuzzMs / 1000).toFixed(1)} s (${perSecond(r)}/s), seed ${r.seed}: ${r.answers.records} decoded, ${r.answers.rejected} rejected, ${r.answers.skipped} skipped, ${r.answers.failed} failed`,
    r.findings.length === 0 ? 'no finding' : `${r.findings.length} finding(s)${findingsDir ? ` in ${findingsDir}` : ''}:`,
  ];
  for (const f of r.findings) {
    lines.push(`  ${f.kind.toUpperCase()} ${findingName(f)}${f.signature ? ` [${f.signature}]` : ''}`);
    lines.push(`    ${f.message}${status(f) && !f.message.includes(status(f)) ? ` (${status(f)})` : ''}`);
    lines.push(`    input: ${describeInput(f)} (${f.bytes.length} bytes, ${f.framing}; found as input ${f.foundAt}, shrunk in ${f.shrinkRuns} run(s))`);
  }
  return `${lines.join('\n')}\n`;
}

export function fuzzJsonl(r: FuzzResult): string {
  const findings = r.findings.map((f) =>
    JSON.stringify({ type: 'finding', name: findingName(f), kind: f.kind, signature: f.signature, message: f.message, seed: f.seed.id, mutations: f.mutations, bytes: f.bytes.length, framing: f.framing, sha256: f.sha256, foundAt: f.foundAt, exitCode: f.exitCode ?? null, signal: f.signal ?? null, maxRssBytes: f.maxRssBytes ?? null }),
  );
  const summary = JSON.stringify({ type: 'summary', seed: r.seed, runs: r.runs, fuzzMs: r.fuzzMs, durationMs: r.durationMs, inputsPerSecond: perSecond(r), answers: r.answers, findings: r.findings.length });
  return `${[...findings, summary].join('\n')}\n`;
}

const xml = (s: string): string => s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function fuzzJunit(r: FuzzResult, parserName: string): string {
  const cases = r.findings.length
    ? r.findings.map((f) => {
        const detail = [`input: ${describeInput(f)}`, `replay: zert-forge fuzz --replay fuzz-findings/${findingName(f)}.json`, status(f), f.stderrTail.trim()].filter(Boolean).join('\n');
        return `    <testcase classname="zert-forge.fuzz.${f.kind}" name="${xml(findingName(f))}${f.signature ? ` ${xml(f.signature)}` : ''}" time="0">\n      <failure message="${xml(f.message)}" type="${f.kind}">${xml(detail)}</failure>\n    </testcase>`;
      })
    : [`    <testcase classname="zert-forge.fuzz" name="no finding in ${r.runs} inputs" time="${(r.fuzzMs / 1000).toFixed(3)}"></testcase>`];
  const failures = r.findings.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="zert-forge fuzz" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${xml(parserName)} fuzzed with seed ${r.seed}" tests="${cases.length}" failures="${failures}" errors="0" time="${(r.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
