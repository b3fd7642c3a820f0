/**
 * A module model whose spec is read when first used, so a graph file can be loaded (by LangGraph Studio
 * or an app) before any model is configured, and fail with a clear message only when it runs.
 */
import { createModuleModel } from "./fromSpec.js";
import type { LumosModuleModel, ModuleRequest, ModuleResponse } from "./types.js";
import { ModelSpecError } from "./spec.js";

export function envSpecModel(variable: string, env: NodeJS.ProcessEnv = process.env): LumosModuleModel {
  let model: Promise<LumosModuleModel> | undefined;
  return {
    lumosModule: true,
    description: `$${variable}`,
    async generate(request: ModuleRequest): Promise<ModuleResponse> {
      const spec = env[variable];
      if (!spec) {
        throw new ModelSpecError(`no model configured: set ${variable} to a model spec such as completion:ai2lumos/lumos_maths_plan_iterative@http://127.0.0.1:8000/v1`);
      }
      model ??= createModuleModel(spec);
      return (await model).generate(request);
    },
  };
}
