/** What each component reports about itself; `/health` shows the lot. */
export type ComponentHealth = { status: 'ok' | 'degraded' | 'down'; detail?: string; since: number };

/** A small registry: components set their state, `/health` reads it. */
export class Health {
  private readonly components = new Map<string, ComponentHealth>();

  constructor(private readonly clock: () => number = Date.now) {}

  ok(component: string, detail?: string): void {
    this.set(component, 'ok', detail);
  }

  degraded(component: string, detail: string): void {
    this.set(component, 'degraded', detail);
  }

  down(component: string, detail: string): void {
    this.set(component, 'down', detail);
  }

  snapshot(): { status: 'ok' | 'degraded'; components: Record<string, ComponentHealth> } {
    const components = Object.fromEntries(this.components);
    const allOk = [...this.components.values()].every((c) => c.status === 'ok');
    return { status: allOk ? 'ok' : 'degraded', components };
  }

  private set(component: string, status: ComponentHealth['status'], detail?: string): void {
    const prev = this.components.get(component);
    const since = prev && prev.status === status ? prev.since : this.clock();
    this.components.set(component, { status, since, ...(detail ? { detail } : {}) });
  }
}
