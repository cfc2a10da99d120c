import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, lstatSync, openSync, readFileSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';

// File I/O with the rules of issue 12: output to a regular file (or a new path) goes to a temporary file that is
// renamed at the end, so that readers never see half a file and a full disk leaves the old file intact; devices,
// FIFOs, sockets (and symlinks to them) are written in place, never replaced; a symlink to a regular file
// writes its target and keeps its mode. A temporary file is removed when SIGINT or SIGTERM ends the process.

/** A file could not be opened (`open`: usually a usage mistake) or written (`write`: a full disk, a broken device). */
export class FileError extends Error {
  constructor(readonly phase: 'open' | 'write', readonly path: string, readonly code: string | undefined, message: string) {
    super(message);
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
};

/** 'no space left on device (ENOSPC)' for a system error, its message otherwise. */
export function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code && REASONS[code] ? `${REASONS[code]} (${code})` : (e as Error).message;
}

function fileError(phase: 'open' | 'write', path: string, e: unknown): FileError {
  return new FileError(phase, path, (e as NodeJS.ErrnoException).code, `cannot ${phase === 'open' ? 'open' : 'write'} ${path}: ${errnoReason(e)}`);
}

// --- temporary files removed on signals ----------------------------------------------------------

const temporaries = new Set<string>();
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
let signalsHooked = false;

function removeTemporaries(): void {
  for (const tmp of temporaries) {
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or removed
    }
  }
  temporaries.clear();
}

function trackTemporary(tmp: string): void {
  temporaries.add(tmp);
  if (signalsHooked) return;
  signalsHooked = true;
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    process.on(signal, () => {
      removeTemporaries();
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}

function untrack(tmp: string): void {
  temporaries.delete(tmp);
}

// --- where to write ------------------------------------------------------------------------------

export interface OutputTarget {
  /**
   * 'replace': write a temporary file next to `path` and rename it over; 'inPlace': open `path` for appending
   * (a device or FIFO does not care; /dev/stdout redirected to a file by the shell, with > or >>, must not be
   * truncated behind the shell's back).
   */
  how: 'replace' | 'inPlace';
  /** The file to write: the target of a symlink to a regular file. */
  path: string;
  /** Mode of the existing regular file, kept by the replacement. */
  mode?: number;
}

const inPseudoFileSystem = (path: string): boolean => /^\/(dev|proc|sys)\//.test(path);

/** Decides how to write `path` (see the rules at the top of this file). */
export function outputTarget(path: string): OutputTarget {
  const absolute = resolve(path);
  // /dev/stdout -> /proc/self/fd/1 -> a terminal, pipe or the shell's own redirection: never replace those.
  if (inPseudoFileSystem(absolute)) return { how: 'inPlace', path: absolute };
  let stat: Stats;
  try {
    stat = statSync(absolute);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      // A dangling symlink: write where it points.
      try {
        if (lstatSync(absolute).isSymbolicLink()) return { how: 'replace', path: resolve(dirname(absolute), readlinkSync(absolute)) };
      } catch {
        // no such entry at all: a new file
      }
      return { how: 'replace', path: absolute };
    }
    throw fileError('open', path, e);
  }
  if (stat.isDirectory()) throw new FileError('open', path, 'EISDIR', `cannot write ${path}: is a directory`);
  if (!stat.isFile()) return { how: 'inPlace', path: absolute };
  const real = realpathSync(absolute);
  if (inPseudoFileSystem(real)) return { how: 'inPlace', path: absolute };
  return { how: 'replace', path: real, mode: stat.mode & 0o7777 };
}

const temporaryName = (path: string): string => join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);

/** Writes a whole file at once under the rules above. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const target = outputTarget(path);
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  if (target.how === 'inPlace') {
    let fd: number;
    try {
      fd = openSync(target.path, 'a');
    } catch (e) {
      throw fileError('open', path, e);
    }
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    } catch (e) {
      throw fileError('write', path, e);
    } finally {
      closeSync(fd);
    }
    return;
  }
  const tmp = temporaryName(target.path);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', target.mode ?? 0o666);
  } catch (e) {
    throw fileError('open', path, e);
  }
  trackTemporary(tmp);
  try {
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // openSync's mode is filtered by the umask: the existing file's mode is restored exactly.
    if (target.mode !== undefined) chmodSync(tmp, target.mode);
    renameSync(tmp, target.path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to remove
    }
    throw fileError('write', path, e);
  } finally {
    untrack(tmp);
  }
}

// --- streamed output -----------------------------------------------------------------------------

/** A place to write chunks to, in order, with backpressure. */
export interface Output {
  /**
   * Resolves false once the reader has gone (EPIPE): the caller stops producing. Throws FileError on other
   * failures. The chunk is handed over: it may still be being written, so the caller does not change it.
   */
  write(chunk: Uint8Array | string): Promise<boolean>;
  /** Completes the output (renames a temporary file into place). */
  finish(): Promise<void>;
  /** Abandons the output (removes a temporary file). */
  abort(): Promise<void>;
  readonly closed: boolean;
  readonly bytesWritten: number;
  /** 'stdout' or the path. */
  readonly name: string;
}

const isEpipe = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE' || (e as NodeJS.ErrnoException | undefined)?.code === 'ERR_STREAM_DESTROYED';

/** Output to a Node stream (stdout): waits for 'drain', treats EPIPE as the reader going away. */
export function streamOutput(stream: Writable, name = 'stdout'): Output {
  let closed = false;
  let failure: unknown;
  let bytesWritten = 0;
  const onError = (e: unknown): void => {
    if (isEpipe(e)) closed = true;
    else failure ??= e;
  };
  stream.on('error', onError);
  const check = (): void => {
    if (failure !== undefined) throw fileError('write', name, failure);
  };
  return {
    get closed() {
      return closed;
    },
    get bytesWritten() {
      return bytesWritten;
    },
    name,
    async write(chunk) {
      check();
      if (closed || stream.destroyed) return false;
      const more = stream.write(chunk);
      bytesWritten += chunk.length;
      if (!more) {
        await new Promise<void>((done) => {
          const settle = (): void => {
            stream.off('drain', settle);
            stream.off('error', settle);
            stream.off('close', settle);
            done();
          };
          stream.on('drain', settle);
          stream.on('error', settle);
          stream.on('close', settle);
        });
      }
      // An error of a synchronous write (a file, a pipe on Linux) is emitted on the next tick.
      await new Promise<void>((done) => setImmediate(done));
      check();
      return !closed;
    },
    async finish() {
      check();
      if (closed) return;
      await new Promise<void>((done) => {
        if (stream.writableNeedDrain) stream.once('drain', () => done());
        else done();
      });
      check();
      stream.off('error', onError);
      // Keep EPIPE after the last write quiet.
      stream.on('error', () => undefined);
    },
    async abort() {
      stream.off('error', onError);
      stream.on('error', () => undefined);
    },
  };
}

/** Output to a file path under the rules at the top of this file; streamed output is atomic too. */
export async function fileOutput(path: string, name = path): Promise<Output> {
  const target = outputTarget(path);
  const tmp = target.how === 'replace' ? temporaryName(target.path) : undefined;
  let handle: FileHandle;
  try {
    handle = await open(tmp ?? target.path, tmp ? 'wx' : 'a', target.mode ?? 0o666);
  } catch (e) {
    throw fileError('open', name, e);
  }
  if (tmp) trackTemporary(tmp);
  let closed = false;
  let open_ = true;
  let bytesWritten = 0;
  const close = async (): Promise<void> => {
    if (open_) {
      open_ = false;
      await handle.close();
    }
  };
  const discard = async (): Promise<void> => {
    await close().catch(() => undefined);
    if (tmp) {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing to remove
      }
      untrack(tmp);
    }
  };
  // One write in flight while the caller produces the next chunk (the caller hands each chunk over for
  // good: it is not changed after write() returns). Its failure is reported by the next write or finish.
  let inFlight: Promise<void> | undefined;
  let failure: unknown;
  /** Waits for the write in flight; false when a FIFO's reader has gone; throws (the output discarded) on any other failure. */
  const settle = async (): Promise<boolean> => {
    await inFlight;
    inFlight = undefined;
    if (failure === undefined) return true;
    if (isEpipe(failure)) {
      closed = true;
      return false;
    }
    await discard();
    throw fileError('write', name, failure);
  };
  return {
    get closed() {
      return closed;
    },
    get bytesWritten() {
      return bytesWritten;
    },
    name,
    async write(chunk) {
      if (closed || !(await settle())) return false;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      inFlight = (async () => {
        try {
          for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
          bytesWritten += bytes.length;
        } catch (e) {
          failure = e;
        }
      })();
      return true;
    },
    async finish() {
      if (!closed) await settle();
      try {
        if (tmp) await handle.sync();
        await close();
        if (tmp) {
          if (target.mode !== undefined) chmodSync(tmp, target.mode);
          renameSync(tmp, target.path);
          untrack(tmp);
        }
      } catch (e) {
        await discard();
        throw fileError('write', name, e);
      }
    },
    async abort() {
      await inFlight;
      await discard();
    },
  };
}

// --- input ---------------------------------------------------------------------------------------

const INPUT_CHUNK = 1 << 16;

/** Chunks of a file or of `stdin` for '-'. Opening errors throw FileError at once; reading streams with backpressure. */
export async function openInput(path: string, stdin: Readable, name = path): Promise<AsyncIterable<Uint8Array>> {
  if (path === '-') return stdin;
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
  } catch (e) {
    throw fileError('open', name, e);
  }
  return handle.createReadStream({ highWaterMark: INPUT_CHUNK });
}

/** A whole file (or stdin for '-') in memory, for commands that need it all. */
export function readWholeInput(path: string): Uint8Array {
  try {
    return path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (e) {
    throw fileError('open', path, e);
  }
}
