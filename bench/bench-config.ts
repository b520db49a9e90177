// Shared by the benchmark parts: the secret user ids are hashed under, and how many profiles exist.
export const BENCH_SECRET = 'bench-secret-0123456789';
export const BENCH_PROFILES = 10_000;
/** IAB vendor id the bench app checks TC strings for (the test fixtures' vendor list). */
export const BENCH_VENDOR = 1234;
