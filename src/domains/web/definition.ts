/** The web domain as a definition: the ranker and the phrasing seed are its options (the page parser is loaded on creation). */
import { z } from "zod";
import { defineDomain } from "../definition.js";
import { option } from "../options.js";
import { rankerFromOptions, rankerOptionsShape } from "../rankerOptions.js";

export const webDomain = defineDomain({
  name: "web",
  summary: "Mind2Web: CLICK, TYPE and SELECT on recorded pages, candidate elements ranked by a rerank endpoint or BM25, teacher-forced as the reference",
  options: z.object({
    ...rankerOptionsShape,
    seed: option.integer("Web: seed of the choice among the reference's phrasings of recorded steps (the reference drew unseeded; default 0)"),
  }),
  create: async (options) => {
    const ranker = rankerFromOptions(options);
    const [{ createWebDomain }, { pageCandidateTexts }] = await Promise.all([import("./index.js"), import("../../web/candidateText.js")]);
    return createWebDomain({ ranker, seed: options.seed ?? 0, formatCandidates: pageCandidateTexts });
  },
});
