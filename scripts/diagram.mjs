// Rewrites the Mermaid diagram in README.md from the built graph (run after `npm run build`).
import { readFileSync, writeFileSync } from "node:fs";
import { withCurrentDiagram } from "../dist/src/graph/diagram.js";

const readme = new URL("../README.md", import.meta.url);
writeFileSync(readme, withCurrentDiagram(readFileSync(readme, "utf8")));
console.log("README.md diagram updated");
