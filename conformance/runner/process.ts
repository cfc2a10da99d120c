import type { ChildProcessByStdio } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

// One parser process as the runner sees it: a command template run by /bin/sh in a process group of its
// own, so that the parser and anything it forks die together (on a timeout, after `stop`, at the end of a
// case, and when the runner itself is interrupted).
//
// File names never reach the shell as text. `{input}` and `{output}` in a template become references to the
// positional parameters $1 and $2 (`sh -c TEMPLATE sh INPUT OUTPUT`), written to suit the quotes the user put
// around them; ZF_INPUT and ZF_OUTPUT hold the same paths for commands that prefer the environment.

/** Exit codes with which a shell says the command could not be run at all. */
const NOT_RUNNABLE = new Map([
  [127, 'not found'],
  [126, 'not executable'],
]);

/**
 * The template with `{input}`/`{output}` replaced by `${1}`/`${2}`: in double quotes as they are, in single
 * quotes by closing and reopening them, elsewhere double-quoted. The parameter's value is never re-parsed.
 */
export function shellTemplate(template: string): string {
  let out = '';
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    const placeholder = /^\{(input|output)\}/.exec(template.slice(i));
    if (placeholder) {
      const ref = placeholder[1] === 'input' ? '${1}' : '${2}';
      out += quote === '"' ? ref : quote === "'" ? `'"${ref}"'` : `"${ref}"`;
      i += placeholder[0].length - 1;
      continue;
    }
    out += ch;
    if (ch === '\\' && quote !== "'" && i + 1 < template.length) out += template[++i]!;
    else if (quote === undefined && (ch === "'" || ch === '"')) quote = ch;
    else if (ch === quote) quote = undefined;
  }
  return out;
}

// Process groups alive now: killed when the runner exits or is interrupted.
const liveGroups = new Set<number>();

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

function killAll(): void {
  for (const pid of liveGroups) killGroup(pid);
  liveGroups.clear();
  uninstall();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  // Our handler replaced the default action: take it again unless someone else handles the signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('exit', killAll);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  process.off('exit', killAll);
}

/** The last `bytes` of a stream's text, for context, and its last non-empty lines, for messages. */
export class TailBuffer {
  private text = '';
  constructor(private readonly bytes = 4096) {}
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.bytes);
  }
  toString(): string {
    return this.text;
  }
  lastLines(n = 1): string {
    return this.text.split('\n').map((l) => l.trim()).filter(Boolean).slice(-n).join(' / ');
  }
}

export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The process could not be started, or exited with the shell's "not found"/"not executable" code. */
  notRunnable?: string;
}

export interface ParserProcessOptions {
  input?: string;
  output?: string;
  /** Keep stdin open for a protocol, or give the parser none. */
  stdin: 'pipe' | 'ignore';
}

export class ParserProcess {
  readonly child: ChildProcessByStdio<Writable | null, Readable, Readable>;
  readonly stderr = new TailBuffer();
  /** Settles once, when the process has exited (or could not be started); its group is then killed. */
  readonly ended: Promise<ProcessEnd>;
  private pid: number | undefined;

  constructor(template: string, options: ParserProcessOptions) {
    const input = options.input ?? '';
    const output = options.output ?? '';
    this.child = spawn('/bin/sh', ['-c', shellTemplate(template), 'sh', input, output], {
      detached: true,
      stdio: [options.stdin, 'pipe', 'pipe'],
      env: { ...process.env, ZF_INPUT: input, ZF_OUTPUT: output },
    }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
    this.pid = this.child.pid;
    if (this.pid !== undefined) {
      liveGroups.add(this.pid);
      install();
    }
    this.child.stdin?.on('error', () => {}); // a parser that exits early closes its stdin: reported via 'exit'
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => this.stderr.push(chunk));
    this.ended = new Promise((resolve) => {
      this.child.once('error', (e) => {
        this.release();
        resolve({ code: null, signal: null, notRunnable: e.message });
      });
      this.child.once('exit', (code, signal) => {
        // Whatever the parser left running in its group (a background child) goes with it.
        this.release();
        const why = code === null ? undefined : NOT_RUNNABLE.get(code);
        resolve({ code, signal, ...(why ? { notRunnable: `${why}: ${this.stderr.lastLines() || template}` } : {}) });
      });
    });
  }

  /**
   * Kills the process and its whole group, and stops reading from it: a descendant that left the group
   * could otherwise hold the pipes open, and with them the runner.
   */
  kill(): void {
    this.release();
    this.child.stdin?.destroy();
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }

  private release(): void {
    if (this.pid === undefined) return;
    killGroup(this.pid);
    liveGroups.delete(this.pid);
    this.pid = undefined;
    if (liveGroups.size === 0) uninstall();
  }
}

/** How a process ended, for a message: "exit code 3: segmentation fault" rather than a signal we sent. */
export function describeEnd(end: ProcessEnd, stderr: TailBuffer): string {
  const how = end.signal ? `killed by ${end.signal}` : `exit code ${end.code}`;
  const last = stderr.lastLines();
  return last ? `${how}: ${last}` : how;
}
