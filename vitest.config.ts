import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default leaves a core idle (one worker on 2 cores); the tests spend much of their time waiting on git processes.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
