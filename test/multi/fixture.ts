import { TestRepo } from "../helpers/repo.js";

/** SOURCE_DATE_EPOCH for CLI runs on {@link twoTargetRepo}: 2025-02-03T08:00:00Z, four weeks after its history. */
export const EPOCH = String(Date.parse("2025-02-03T08:00:00Z") / 1000);

/**
 * main and two release branches. stable split first and got the registry
 * cache with `cherry-pick -x`, plus its own slim base image (so main's Rust
 * bump conflicts there); release/2.8 split after the compose change and got
 * the image scan.
 *
 * | change          | stable             | release/2.8       |
 * | cache registry  | synced             | (in its history)  |
 * | add redis       | unsynced, clean    | (in its history)  |
 * | scan images     | unsynced, clean    | synced            |
 * | rust 1.80       | unsynced, conflict | unsynced, clean   |
 */
export function twoTargetRepo(): { repo: TestRepo; sha: Record<"cache" | "redis" | "scan" | "rust", string> } {
  const repo = TestRepo.create();
  repo.commit("build: base image", { Dockerfile: "FROM rust:1.70\nRUN cargo build\n", "docker-compose.yml": "services:\n  app:\n    build: .\n", "src/main.rs": "fn main() {}\n" });
  repo.git("branch", "stable");
  const cache = repo.commit("build(docker): cache cargo registry", { Dockerfile: "FROM rust:1.70\nRUN cargo fetch\nRUN cargo build\n" });
  const redis = repo.commit("feat(compose): add redis", { "docker-compose.yml": "services:\n  app:\n    build: .\n  redis:\n    image: redis\n" });
  repo.git("branch", "release/2.8");
  const scan = repo.commit("ci: scan images", { ".github/workflows/scan.yml": "on: push\njobs: {}\n" });
  const rust = repo.commit("build(docker): rust 1.80", { Dockerfile: "FROM rust:1.80\nRUN cargo fetch\nRUN cargo build\n" });
  repo.commit("fix: code only", { "src/main.rs": "fn main() { println!(); }\n" });
  repo.checkout("stable");
  repo.cherryPick(cache);
  repo.commit("build: slim base on stable", { Dockerfile: "FROM rust:1.70-slim\nRUN cargo fetch\nRUN cargo build\n" });
  repo.checkout("release/2.8");
  repo.cherryPick(scan);
  repo.checkout("main");
  return { repo, sha: { cache, redis, scan, rust } };
}
