import { EventEmitter } from 'node:events';

/**
 * In-process domain events, so that slices react to each other without importing each other:
 * the collector announces committed traffic, identification announces companies, scoring listens.
 */
export type BusEvents = {
  /**
   * A new session was committed. Carries the raw client IP, which is never stored: identification
   * resolves it in memory and writes back only the company or network class (and the country).
   */
  'session-started': [{ orgId: string; siteId: string; sessionId: number; visitorId: number; ip: string; userAgent: string; at: number }];
  /** Sessions and events just committed by the collector (after the 202s were sent). */
  'traffic-committed': [{ orgId: string; sessionIds: number[]; at: number }];
  /** A session (and its visitor) was attributed to a company. */
  'session-identified': [{ orgId: string; sessionId: number; companyId: string; at: number }];
  /** A company was created or changed list/fields. */
  'company-changed': [{ orgId: string; companyId: string; at: number }];
  /** A lead was stored (any quality verdict). */
  'lead-stored': [{ orgId: string; leadId: string; companyId: string | null; at: number }];
};

export class Bus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(50);
  }

  on<K extends keyof BusEvents>(event: K, listener: (...args: BusEvents[K]) => void): () => void {
    const safe = (...args: BusEvents[K]) => {
      try {
        listener(...args);
      } catch (err) {
        console.error(`[vigie] bus listener for ${event} failed`, err);
      }
    };
    this.emitter.on(event, safe as (...a: unknown[]) => void);
    return () => this.emitter.off(event, safe as (...a: unknown[]) => void);
  }

  emit<K extends keyof BusEvents>(event: K, ...args: BusEvents[K]): void {
    this.emitter.emit(event, ...args);
  }

  private readonly backlogs = new Map<keyof BusEvents, Array<() => boolean>>();

  /**
   * A listener that works through a queue says when it holds more of `event` than it can take,
   * so that a producer able to wait (the collector's intake log) holds back instead of making it
   * drop work. Returns the function that withdraws the gauge.
   */
  reportBacklog(event: keyof BusEvents, full: () => boolean): () => void {
    const gauges = this.backlogs.get(event) ?? [];
    gauges.push(full);
    this.backlogs.set(event, gauges);
    return () => {
      const i = gauges.indexOf(full);
      if (i >= 0) gauges.splice(i, 1);
    };
  }

  private intakeBusySource: () => boolean = () => false;

  /** The collector says how to tell that it is absorbing a burst (its intake log is in use). */
  reportIntakeBusy(busy: () => boolean): void {
    this.intakeBusySource = busy;
  }

  /** True while the collector absorbs a burst: background work that can wait, waits (scoring refreshes less often). */
  intakeBusy(): boolean {
    return this.intakeBusySource();
  }

  /** True while a listener of `event` has more waiting than it can take. */
  isBacklogged(event: keyof BusEvents): boolean {
    return this.backlogs.get(event)?.some((full) => full()) ?? false;
  }
}
