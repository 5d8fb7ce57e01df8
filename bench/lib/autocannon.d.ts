// Minimal types for the part of autocannon the benchmarks use (no @types package is installed).
declare module 'autocannon' {
  type Histogram = { average: number; p50: number; p99: number; total: number };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    requests?: Array<{ method?: string; setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }>;
  };
  type Result = { requests: Histogram; latency: Histogram; non2xx: number; errors: number; timeouts: number };
  export default function autocannon(opts: Options): Promise<Result>;
}
