import fs from 'node:fs';
import path from 'node:path';
import maxmind, { type Reader, type Response } from 'maxmind';
import type { PrefixSpan } from '../prefix-span.js';

/** The MaxMind products Vigie uses, detected from the file's metadata `database_type`. */
export type MaxmindKind = 'enterprise' | 'isp' | 'domain' | 'asn' | 'anonymous' | 'residential_proxy' | 'connection' | 'city' | 'country';

export function kindOf(databaseType: string): MaxmindKind | null {
  const t = databaseType.toLowerCase();
  if (t.includes('enterprise')) return 'enterprise';
  if (t.includes('isp')) return 'isp';
  if (t.includes('domain')) return 'domain';
  if (t.includes('asn')) return 'asn';
  if (t.includes('anonymous')) return 'anonymous';
  if (t.includes('residential-proxy')) return 'residential_proxy';
  if (t.includes('connection-type')) return 'connection';
  if (t.includes('city')) return 'city';
  if (t.includes('country')) return 'country';
  return null;
}

export type DbStatus = { file: string; type: string | null; kind: MaxmindKind | null; status: 'ok' | 'failed'; detail?: string; builtAt?: number };

type Loaded = { file: string; type: string; kind: MaxmindKind; reader: Reader<Response>; builtAt: number };

// Well-known and MaxMind test addresses: a file whose tree or data section is broken usually throws on one of them.
const PROBES = ['1.1.1.1', '8.8.8.8', '2.125.160.216', '81.2.69.142', '89.160.20.112', '175.16.199.0', '216.160.83.56', '67.43.156.1', '202.196.224.1', '2001:480::1', '2a02:cf40::1'];

export type MaxmindOptions = {
  dir: string;
  files: readonly string[];
  /** Called with the overall state after every (re)load or failure. */
  onStatus: (statuses: DbStatus[]) => void;
  log?: (line: string) => void;
  /** Addresses looked up once at load to catch a broken file early (default: a built-in set). */
  probes?: readonly string[];
};

/**
 * The user's MaxMind databases: opened from a directory and/or explicit paths, reloaded when a
 * file changes on disk (fs.watch on the directories, plus a slow poll as a safety net), and
 * disabled one by one when missing, unreadable or throwing on lookups, never stopping the process.
 */
export class MaxmindDatabases {
  private readonly loaded = new Map<string, Loaded>();
  private readonly failed = new Map<string, DbStatus>();
  private readonly watchers: fs.FSWatcher[] = [];
  private readonly polled = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private byKind = new Map<MaxmindKind, Loaded>();
  private closed = false;

  constructor(private readonly opts: MaxmindOptions) {}

  get configured(): boolean {
    return Boolean(this.opts.dir) || this.opts.files.length > 0;
  }

  /** Opens every configured file and starts watching. Resolves when the first load is done. */
  async start(): Promise<void> {
    if (!this.configured) return;
    await Promise.all(this.candidateFiles().map((f) => this.reload(f)));
    this.watch();
    this.report();
  }

  /** The first usable database of a kind, or null. */
  has(kind: MaxmindKind): boolean {
    return this.byKind.has(kind);
  }

  /**
   * Looks an address up in the database of a kind. A throwing file is disabled (one log line,
   * status `failed`) until it changes on disk; the caller just gets null. With `span`, records
   * the length of the database's network holding the address (the record or its absence holds
   * for all of it).
   */
  get<T>(kind: MaxmindKind, ip: string, span?: PrefixSpan): T | null {
    const db = this.byKind.get(kind);
    if (!db) return null;
    try {
      const [record, prefixLength] = db.reader.getWithPrefixLength(ip);
      span?.within(prefixLength);
      return record as T | null;
    } catch (err) {
      span?.narrow();
      this.fail(db.file, db.type, `lookup failed: ${(err as Error).message}`);
      return null;
    }
  }

  statuses(): DbStatus[] {
    const ok: DbStatus[] = [...this.loaded.values()].map((l) => ({ file: l.file, type: l.type, kind: l.kind, status: 'ok', builtAt: l.builtAt }));
    return [...ok, ...this.failed.values()].sort((a, b) => a.file.localeCompare(b.file));
  }

  /** (Re)opens one file; on any error the file is disabled and the others keep working. */
  async reload(file: string): Promise<void> {
    if (this.closed) return;
    try {
      const reader = await maxmind.open<Response>(file);
      const type = reader.metadata.databaseType;
      const kind = kindOf(type);
      if (!kind) throw new Error(`unsupported database type ${type}`);
      for (const ip of this.opts.probes ?? PROBES) reader.get(ip);
      if (this.closed) return;
      this.loaded.set(file, { file, type, kind, reader, builtAt: reader.metadata.buildEpoch.getTime() });
      this.failed.delete(file);
      this.opts.log?.(`[vigie] maxmind: loaded ${path.basename(file)} (${type})`);
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      if (missing && !this.opts.files.includes(file)) {
        // A file removed from the watched directory simply goes away.
        this.loaded.delete(file);
        this.failed.delete(file);
      } else {
        this.fail(file, this.loaded.get(file)?.type ?? null, missing ? 'file not found' : (err as Error).message, false);
      }
    }
    this.rebuildIndex();
    this.report();
  }

  close(): void {
    this.closed = true;
    for (const w of this.watchers) w.close();
    for (const f of this.polled) fs.unwatchFile(f);
    for (const t of this.timers.values()) clearTimeout(t);
  }

  private fail(file: string, type: string | null, detail: string, reportNow = true): void {
    if (this.failed.has(file) && !this.loaded.has(file)) return;
    this.loaded.delete(file);
    this.failed.set(file, { file, type, kind: type ? kindOf(type) : null, status: 'failed', detail });
    this.opts.log?.(`[vigie] maxmind: ${path.basename(file)} disabled: ${detail}`);
    if (reportNow) {
      this.rebuildIndex();
      this.report();
    }
  }

  private rebuildIndex(): void {
    const byKind = new Map<MaxmindKind, Loaded>();
    // Several files of one kind: the most recently built wins.
    for (const l of [...this.loaded.values()].sort((a, b) => b.builtAt - a.builtAt)) if (!byKind.has(l.kind)) byKind.set(l.kind, l);
    this.byKind = byKind;
  }

  private report(): void {
    this.opts.onStatus(this.statuses());
  }

  private candidateFiles(): string[] {
    const files = new Set(this.opts.files.map((f) => path.resolve(f)));
    if (this.opts.dir) {
      try {
        for (const f of fs.readdirSync(this.opts.dir)) if (f.endsWith('.mmdb')) files.add(path.resolve(this.opts.dir, f));
      } catch (err) {
        this.failed.set(path.resolve(this.opts.dir), { file: path.resolve(this.opts.dir), type: null, kind: null, status: 'failed', detail: `directory unreadable: ${(err as Error).message}` });
      }
    }
    return [...files];
  }

  private watch(): void {
    const dirs = new Set<string>();
    if (this.opts.dir) dirs.add(path.resolve(this.opts.dir));
    for (const f of this.opts.files) dirs.add(path.dirname(path.resolve(f)));
    for (const dir of dirs) {
      try {
        const w = fs.watch(dir, { persistent: false }, (_event, name) => {
          if (!name || !name.toString().endsWith('.mmdb')) return;
          const file = path.join(dir, name.toString());
          if (this.isWatched(file)) this.schedule(file);
        });
        w.on('error', () => {});
        this.watchers.push(w);
      } catch {
        // No inotify on this directory (missing, network mount): the poll below still catches changes.
      }
    }
    for (const f of this.candidateFiles()) this.poll(f);
  }

  private isWatched(file: string): boolean {
    const explicit = this.opts.files.some((f) => path.resolve(f) === file);
    return explicit || (Boolean(this.opts.dir) && path.dirname(file) === path.resolve(this.opts.dir));
  }

  private poll(file: string): void {
    if (this.polled.has(file)) return;
    this.polled.add(file);
    fs.watchFile(file, { persistent: false, interval: 30_000 }, () => this.schedule(file));
  }

  /** Writers replace files in several steps: wait for the burst of events to settle. */
  private schedule(file: string): void {
    clearTimeout(this.timers.get(file));
    this.timers.set(file, setTimeout(() => {
      this.timers.delete(file);
      this.poll(file);
      void this.reload(file);
    }, 150));
  }
}
