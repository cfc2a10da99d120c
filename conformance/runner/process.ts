import type { ChildProcessByStdio } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

// One parser process, as the conformance runner and the fuzzer see it: run in a process group of its own,
// so that the parser and anything it forks die together (on a timeout, after `stop`, at the end of a case,
// past a memory limit, and when zert-forge itself is interrupted).
//
// File names never reach a shell as text. A command is either a shell template (the runner's): `{input}` and
// `{output}` become references to the positional parameters $1 and $2 (`sh -c TEMPLATE sh INPUT OUTPUT`),
// written to suit the quotes the user put around them; or an argument list with no shell at all (the
// fuzzer's, see splitCommand), whose placeholders are replaced inside the arguments. ZF_INPUT and ZF_OUTPUT
// hold the same paths for commands that prefer the environment.

/** Exit codes with which a shell says the command could not be run at all. */
const NOT_RUNNABLE = new Map([
  [127, 'not found'],
  [126, 'not executable'],
]);

/** Splits a command template into arguments: blanks separate, '...' and "..." quote. No other shell syntax. */
export function splitCommand(template: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const ch of template) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) throw new Error(`unbalanced ${quote} in the parser command`);
  if (started) args.push(current);
  return args;
}

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

/** Processes of a tree: the root and its descendants, from /proc/<pid>/task/<tid>/children. */
function processTree(root: number): number[] {
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process is gone, or /proc lacks children lists: count what we have
    }
  }
  return out;
}

/** Resident bytes of a process tree (sum of VmRSS), 0 where /proc cannot tell. */
function treeRssBytes(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // exited between listing and reading
    }
  }
  return kb * 1024;
}

const RSS_POLL_MS = 20;

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
  /** 'shell': the command is a template run by /bin/sh; 'none': it is split into arguments (splitCommand). */
  shell?: 'shell' | 'none';
  /** Resident memory of the process tree, polled from /proc: past it the group is killed and `onMaxRss` told. */
  maxRssBytes?: number;
  onMaxRss?: (rssBytes: number) => void;
}

export class ParserProcess {
  readonly child: ChildProcessByStdio<Writable | null, Readable, Readable>;
  readonly stderr = new TailBuffer();
  /** Settles once, when the process has exited (or could not be started); its group is then killed. */
  readonly ended: Promise<ProcessEnd>;
  /** Largest resident memory seen, when `maxRssBytes` is watched. */
  peakRssBytes = 0;
  private pid: number | undefined;

  constructor(command: string, options: ParserProcessOptions) {
    const input = options.input ?? '';
    const output = options.output ?? '';
    const shell = options.shell !== 'none';
    const [file, ...args] = shell
      ? ['/bin/sh', '-c', shellTemplate(command), 'sh', input, output]
      : splitCommand(command).map((a) => a.replaceAll('{input}', input).replaceAll('{output}', output));
    if (file === undefined) throw new Error('the parser command is empty');
    this.child = spawn(file, args, {
      detached: true,
      stdio: [options.stdin, 'pipe', 'pipe'],
      env: { ...process.env, ZF_INPUT: input, ZF_OUTPUT: output },
    }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
    this.pid = this.child.pid;
    if (this.pid !== undefined) {
      liveGroups.add(this.pid);
      install();
    }
    const poll = options.maxRssBytes === undefined || this.pid === undefined ? undefined : this.watchRss(this.pid, options.maxRssBytes, options.onMaxRss);
    this.child.stdin?.on('error', () => {}); // a parser that exits early closes its stdin: reported via 'exit'
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => this.stderr.push(chunk));
    this.ended = new Promise((resolve) => {
      this.child.once('error', (e) => {
        clearInterval(poll);
        this.release();
        resolve({ code: null, signal: null, notRunnable: e.message });
      });
      this.child.once('exit', (code, signal) => {
        clearInterval(poll);
        // Whatever the parser left running in its group (a background child) goes with it.
        this.release();
        // Only a shell's 126/127 mean "could not run"; a parser run directly may exit with any code.
        const why = code === null || !shell ? undefined : NOT_RUNNABLE.get(code);
        resolve({ code, signal, ...(why ? { notRunnable: `${why}: ${this.stderr.lastLines() || command}` } : {}) });
      });
    });
  }

  private watchRss(pid: number, maxRssBytes: number, onMaxRss: ((rssBytes: number) => void) | undefined): NodeJS.Timeout {
    const poll = setInterval(() => {
      const rss = treeRssBytes(pid);
      this.peakRssBytes = Math.max(this.peakRssBytes, rss);
      if (rss > maxRssBytes) {
        clearInterval(poll);
        onMaxRss?.(rss);
        this.kill();
      }
    }, RSS_POLL_MS);
    return poll;
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
