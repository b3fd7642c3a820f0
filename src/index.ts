/** Public API of the Lumos package. */
export { createLumosGraph, buildLumosGraph, recursionLimitFor, MAX_ROUNDS_LIMIT, type CreateLumosGraphOptions } from "./graph/build.js";
export { LumosState, type LumosStateValue, type LumosStateUpdate } from "./graph/state.js";
export { DEFAULT_MAX_ROUNDS, ConfigurationError, type LumosGraphOptions, type ActionErrorPolicy, type LumosSettings } from "./graph/settings.js";
export { LumosContextSchema, type LumosContext } from "./graph/context.js";
export type { Subgoal, Grounding, ExecutedAction, Transcript, StopReason, Usage } from "./graph/records.js";
export { routeAfterPlanner, routeAfterGrounder, routeAfterExecutor } from "./graph/routing.js";

export type { LumosDomain, Formulation, Demonstrations, FeedbackContext, GroundingContext, FinalAnswerContext } from "./domains/types.js";
export { getDomain, DOMAIN_NAMES, type DomainOptions } from "./domains/registry.js";
export { createMathsDomain, type MathsDomainOptions } from "./domains/maths/index.js";

export { parseAction, parseGroundingLine } from "./actions/parse.js";
export { substituteVariables, undefinedVariables, referencedVariables, lastVariable } from "./actions/variables.js";
export type { ParsedAction, GroundedItem, LumosError, LumosErrorKind } from "./actions/types.js";

export * from "./protocol/constants.js";
export { renderLumosPrompt, renderLumosTraining, firstLine, type Turn } from "./protocol/chatTemplate.js";
export * from "./protocol/turns.js";
export { pyStrip } from "./protocol/pythonStrip.js";

export type { LumosModuleModel, ModuleRequest, ModuleResponse, ModuleName } from "./models/types.js";
export { toModuleModel, type ModuleModelInput } from "./models/fromLangChain.js";
export { completionModule } from "./models/completionModule.js";
export { chatModule, type ChatPromptStyle } from "./models/chatModule.js";
export { OpenAICompletionsLLM, type OpenAICompletionsOptions } from "./models/openaiCompletions.js";
export { LlamaCppLLM } from "./models/llamaCpp.js";
export { parseModelSpec, ModelSpecError, type ModelSpec } from "./models/spec.js";
export { createModuleModel, createLanguageModel, createChatModel } from "./models/fromSpec.js";
export { oracleModule } from "./models/oracle.js";

export { evaluateFormula, formatNumber, type MathValue } from "./math/engine.js";
export { solveEquations, solveInequality } from "./math/equations.js";
export { runSandboxed, type SandboxLimits } from "./sandbox/quickjs.js";

export * from "../tools/maths/index.js";
export { createCustomDomain, extendDomain, describeActions, type CustomDomainOptions } from "./domains/custom.js";
export { createQaDomain, type QaDomainOptions } from "./domains/qa/index.js";
export { LocalCorpus } from "./qa/localCorpus.js";
export { WikipediaSource } from "./qa/wikipedia.js";
export type { KnowledgeSource } from "./qa/knowledgeSource.js";
export * from "../tools/qa/index.js";
export { evaluateDataset, type EvaluateOptions } from "./eval/evaluate.js";
export { startScriptedServer, turnIndex } from "./testing/scriptedServer.js";
export type { LumosToolNode } from "./graph/toolNodes.js";
export { ReviewDecisionSchema, type ReviewDecision, type ReviewRequest } from "./graph/review.js";
export { lumosMermaid } from "./graph/diagram.js";
