/** Stands in when no knowledge source was configured, so the error names the missing option. */
import type { KnowledgeSource } from "./knowledgeSource.js";

export const NO_KNOWLEDGE_SOURCE: KnowledgeSource = {
  name: "no knowledge source",
  async lookup() {
    throw new Error("KnowledgeQuery has no knowledge source: pass --corpus FILE, --corpus hotpotqa-distractor or --wikipedia (or knowledge in code)");
  },
};
