import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Bytes being received: written to a staging area of the storage, then committed under a key or discarded. */
export interface StagedObject {
  /** Where the bytes go; the caller ends it. */
  readonly stream: Writable;
  /** Make the (ended) staged bytes the object `key`. Callers never commit onto a key that exists. */
  commit(key: string): Promise<void>;
  /** Delete the staged bytes unless they were committed; safe to call more than once. */
  discard(): Promise<void>;
}

/** Where recordings live. Keys are opaque relative paths chosen by us, never by callers. */
export interface RecordingStorage {
  put(key: string, data: Buffer): Promise<void>;
  /** Start receiving an object without holding it in memory (uploads). */
  stage(): Promise<StagedObject>;
  size(key: string): Promise<number | null>;
  read(key: string, range?: { start: number; end: number }): Readable;
  remove(key: string): Promise<void>;
}

/** Under the root, so a commit is a rename on the same file system. No key starts with a dot. */
export const STAGING_DIR = '.staging';

/** Local-directory storage (the default): writes via a temp file + rename so readers never see half a file. */
export function createLocalStorage(root: string): RecordingStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const full = resolve(base, key);
    if (!full.startsWith(base + sep)) throw new Error(`storage key escapes root: ${key}`);
    return full;
  };
  const moveInto = async (temp: string, key: string) => {
    const full = pathOf(key);
    await mkdir(dirname(full), { recursive: true });
    await rename(temp, full);
  };
  return {
    async put(key, data) {
      const full = pathOf(key);
      await mkdir(dirname(full), { recursive: true });
      const temp = `${full}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, data);
      await rename(temp, full);
    },
    async stage() {
      const staging = join(base, STAGING_DIR);
      await mkdir(staging, { recursive: true });
      const temp = join(staging, `${randomUUID()}.part`);
      const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
      // Kept, so a late write error is never unhandled; commit refuses a broken file.
      let failure: Error | undefined;
      stream.on('error', (error) => {
        failure = error;
      });
      // 'close' follows 'finish', a destroy and an error alike.
      const closed = () => (stream.closed ? Promise.resolve() : new Promise<void>((done) => stream.once('close', () => done())));
      let committed = false;
      return {
        stream,
        async commit(key) {
          await closed();
          if (failure) throw failure;
          await moveInto(temp, key);
          committed = true;
        },
        async discard() {
          if (committed) return;
          if (!stream.closed) stream.destroy();
          await closed();
          await rm(temp, { force: true });
        },
      };
    },
    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    read(key, range) {
      return createReadStream(pathOf(key), range ? { start: range.start, end: range.end } : {});
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

export const storageJoin = (...parts: string[]) => join(...parts).split(sep).join('/');
