import { describe, expect, it } from 'vitest';
import { Bus } from './bus.js';

describe('Bus backlog gauges', () => {
  it('is backlogged while any gauge of the event says so, per event, until the gauge is withdrawn', () => {
    const bus = new Bus();
    let waiting = 0;
    expect(bus.isBacklogged('session-started')).toBe(false);
    const withdraw = bus.reportBacklog('session-started', () => waiting > 10);
    bus.reportBacklog('session-started', () => false);
    expect(bus.isBacklogged('session-started')).toBe(false);
    waiting = 11;
    expect(bus.isBacklogged('session-started')).toBe(true);
    expect(bus.isBacklogged('traffic-committed')).toBe(false);
    withdraw();
    expect(bus.isBacklogged('session-started')).toBe(false);
  });
});

describe('Bus intake load', () => {
  it('is not busy until the collector reports how to tell, then follows what it reports', () => {
    const bus = new Bus();
    expect(bus.intakeBusy()).toBe(false);
    let burst = true;
    bus.reportIntakeBusy(() => burst);
    expect(bus.intakeBusy()).toBe(true);
    burst = false;
    expect(bus.intakeBusy()).toBe(false);
  });
});
