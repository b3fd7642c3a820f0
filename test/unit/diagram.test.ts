import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lumosMermaid, withCurrentDiagram } from "../../src/graph/diagram.js";

describe("README diagram", () => {
  it("is the Mermaid drawing of the current graph (run `npm run diagram` after changing the graph)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readme).toBe(withCurrentDiagram(readme));
    expect(lumosMermaid()).toContain("executor -.-> planner;");
  });
});
