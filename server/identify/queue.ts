/**
 * A bounded in-memory work queue with a fixed concurrency. `push` never blocks and never throws:
 * past `max` waiting items the new item is dropped and counted, so a flood of visits can slow
 * identification down but never the collector that feeds it.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private running = 0;
  private started = false;
  private closed = false;
  private waiters: Array<() => void> = [];
  dropped = 0;

  constructor(
    private readonly handler: (item: T) => Promise<void>,
    private readonly opts: { max: number; concurrency: number; onError?: (err: unknown) => void; onDrop?: (dropped: number) => void },
  ) {}

  get waiting(): number {
    return this.items.length - this.head;
  }

  /** Starts processing (items pushed before are kept until then, e.g. while data files load). */
  start(): void {
    this.started = true;
    this.pump();
  }

  push(item: T): boolean {
    if (this.closed) return false;
    if (this.waiting >= this.opts.max) {
      this.dropped++;
      this.opts.onDrop?.(this.dropped);
      return false;
    }
    this.items.push(item);
    this.pump();
    return true;
  }

  /** Resolves once nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.waiting === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops accepting, then waits for the work in hand, at most `timeoutMs`. */
  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    if (!this.started) this.start();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  private pump(): void {
    if (!this.started) return;
    while (this.running < this.opts.concurrency && this.waiting > 0) {
      const item = this.items[this.head++] as T;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      this.running++;
      this.handler(item)
        .catch((err) => this.opts.onError?.(err))
        .finally(() => {
          this.running--;
          this.pump();
          if (this.waiting === 0 && this.running === 0) for (const w of this.waiters.splice(0)) w();
        });
    }
  }
}
