import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Templates use classic JSX with our own `h` (satori element objects, no React).
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
