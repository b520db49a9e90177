// Just the part of autocannon's API the HTTP benchmark uses.
declare module 'autocannon' {
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    non2xx: number;
    errors: number;
  }
  function autocannon(opts: { url: string; connections: number; duration: number; pipelining?: number; method?: string; body?: string; headers?: Record<string, string> }): Promise<Result>;
  export default autocannon;
}
