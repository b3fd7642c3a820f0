/**
 * The maths domain as a definition (GSM8K, SVAMP): its options and how it is created. A light module: the
 * tools, the engine binding and the demonstrations (./index.ts) are loaded when the domain is created.
 */
import { z } from "zod";
import { defineDomain } from "../definition.js";
import { option } from "../options.js";

export const codeModelOption = option.modelSpec("model that writes JavaScript for Code actions that are not simple forms");

export const mathsDomain = defineDomain({
  name: "maths",
  summary: "GSM8K, SVAMP: Calculator, SetEquation, SolveEquation, Count, SolveInequality, Code, Define (in-process)",
  options: z.object({ codeModel: codeModelOption }),
  create: async (options, kit) => {
    const codeModel = options.codeModel ? await kit.languageModel(options.codeModel) : undefined;
    const { createMathsDomain } = await import("./index.js");
    return createMathsDomain({ codeModel });
  },
});
