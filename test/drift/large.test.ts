import { describe, expect, it } from "vitest";
import { computeFileDrift } from "../../src/drift/index.js";
import { MAX_STRUCTURED_LINES } from "../../src/drift/lines.js";
import { describeDetails } from "../../src/render/drift-view.js";

/** A generated manifest of `count` Deployments, 8 lines each; `image` for the first. */
const manifest = (count: number, image: string) =>
  Array.from({ length: count }, (_, i) => `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: part-${i}\nspec:\n  replicas: 1\n  image: ${i === 0 ? image : "app:v1"}\n`).join("");

function drift(before: string, after: string) {
  const texts = new Map([
    ["b1", before],
    ["b2", after],
  ]);
  const { entries } = computeFileDrift({
    sourceTree: new Map([["deploy/install.yaml", { mode: "100644", blob: "b2" }]]),
    targetTree: new Map([["deploy/install.yaml", { mode: "100644", blob: "b1" }]]),
    classify: () => "kubernetes",
    texts,
    isKept: () => false,
    excludedBy: () => null,
  });
  return entries[0]!;
}

describe("file drift of very large files", () => {
  it("reads a manifest within the bound in Kubernetes terms", () => {
    const lines = Math.floor(MAX_STRUCTURED_LINES / 8);
    expect(drift(manifest(lines, "app:v1"), manifest(lines, "app:v2")).details).toMatchObject({ kind: "kubernetes", changed: [{ object: "Deployment/part-0" }] });
  });

  it("compares a manifest past the bound line by line, and says so", () => {
    const lines = Math.floor(MAX_STRUCTURED_LINES / 8) + 1;
    const entry = drift(manifest(lines, "app:v1"), `# regenerated\n${manifest(lines, "app:v2")}`);
    expect(entry.details).toEqual({ kind: "lines", added: 2, removed: 1, tooLarge: true });
    expect(entry).not.toHaveProperty("commentsOnly");
    expect(describeDetails(entry.details).note).toBe("too large to compare in its file type's terms (over 10,000 lines); 2 lines added, 1 removed");
  });
});
