/** Public API of the Lumos package. */
export { createLumosGraph, buildLumosGraph, recursionLimitFor, lumosRunnable, type LumosInput, type CreateLumosGraphOptions, type BuildLumosGraphOptions } from "./graph/build.js";
export { LumosState, type LumosStateValue, type LumosStateUpdate } from "./graph/state.js";
export { type LumosGraphOptions, type LumosSettings } from "./graph/settings.js";
export { DEFAULT_MAX_ROUNDS, MAX_ROUNDS_LIMIT, DEFAULT_DOMAIN, type ActionErrorPolicy, type RunOptions, type ConstraintForm } from "./core/runOptions.js";
export { ConfigurationError, UnknownDomainError, UndefinedVariableError, InvalidArgumentsError, LumosActionError } from "./core/errors.js";
export * from "./isolation/index.js";
export { DEFAULT_ACTION_LIMITS, type ActionLimits } from "./graph/executeAction.js";
export { openEnvironmentCount } from "./graph/environments.js";
export { LumosContextSchema, type LumosContext } from "./graph/context.js";
export type { Subgoal, Grounding, ExecutedAction, Transcript, StopReason, Usage } from "./core/records.js";
export { routeAfterPlanner, routeAfterGrounder, routeAfterExecutor } from "./graph/routing.js";

export type { LumosDomain, Demonstrations, FeedbackContext, GroundingContext, FinalAnswerContext, BindingContext } from "./domains/types.js";
export { BUILT_IN_DOMAINS, DOMAIN_NAMES } from "./domains/registry.js";
export { defineDomain, type DomainDefinition, type DomainKit, type DomainRequirement } from "./domains/definition.js";
export { resolveDomain, missingDomainOptions, type DomainChoice } from "./domains/resolve.js";
export { createDomainKit } from "./domains/kit.js";
export { option, flagName } from "./domains/options.js";
export { createDomain, outputOrLastVariable, executedResultFeedback, lastLoggedResult, bindByValue, type DomainParts } from "./domains/defaults.js";
export { taskEnvironment, defineEnvironment, NO_ENVIRONMENT, type DomainEnvironment, type EnvironmentOpenContext } from "./domains/environment.js";
export { createMathsDomain, mathsDomain, type MathsDomainOptions } from "./domains/maths/index.js";

export { parseAction, parseGroundingLine } from "./actions/parse.js";
export { groundingGrammar } from "./constraints/groundingGrammar.js";
export { planGrammar, type PlanTurn } from "./constraints/planGrammar.js";
export { renderGbnf } from "./constraints/gbnf.js";
export { afterPrefix } from "./constraints/afterPrefix.js";
export { compileRecognizer, type CheckResult, type CheckVerdict, type Recognizer } from "./constraints/recognizer.js";
export { moduleConstraints, type ModuleConstraints, type RequestConstraint } from "./constraints/moduleConstraints.js";
export { constraintFields } from "./constraints/serverForms.js";
export { ConstraintNotAppliedError } from "./constraints/enforce.js";
export type { Grammar, GrammarExpr } from "./constraints/grammar.js";
export { substituteVariables, undefinedVariables, referencedVariables, lastVariable } from "./actions/variables.js";
export type { ParsedAction, GroundedItem } from "./actions/types.js";
export type { LumosError, LumosErrorKind } from "./core/records.js";

export * from "./protocol/constants.js";
export { renderLumosPrompt, renderLumosTraining, firstLine, type Turn } from "./protocol/chatTemplate.js";
export * from "./protocol/turns.js";
export { pyStrip } from "./protocol/pythonStrip.js";

export type { LumosModuleModel, ModuleRequest, ModuleResponse, ModuleName } from "./models/types.js";
export { toModuleModel, type ModuleModelInput } from "./models/fromLangChain.js";
export { completionModule } from "./models/completionModule.js";
export { chatModule, type ChatPromptStyle } from "./models/chatModule.js";
export { structuredChatModule } from "./models/structuredChatModule.js";
export { CHAT_STYLES, type ChatStyle } from "./core/chatStyle.js";
export { renderArguments, schemaActionForm, type ActionForm, type ArgumentField, type ActionVocabulary } from "./structured/actionForms.js";
export { actionVocabulary } from "./structured/vocabulary.js";
export { renderStructuredReply } from "./structured/render.js";
export { OpenAICompletionsLLM, type OpenAICompletionsOptions, type OpenAICompletionsCallOptions } from "./models/openaiCompletions.js";
export { isTransientError } from "./models/transientError.js";
export { LlamaCppLLM } from "./models/llamaCpp.js";
export { parseModelSpec, ModelSpecError, type ModelSpec } from "./models/spec.js";
export { createModuleModel, createLanguageModel, createChatModel } from "./models/fromSpec.js";
export { oracleModule } from "./programs/oracle.js";

export { evaluateFormula, formatNumber, type MathValue } from "./math/engine.js";
export { solveEquations, solveInequality } from "./math/equations.js";
export { runSandboxed, type SandboxLimits } from "./sandbox/quickjs.js";

export * from "../tools/maths/index.js";
export { createCustomDomain, extendDomain, describeActions, type CustomDomainOptions } from "./domains/custom.js";
export { createQaDomain, type QaDomainOptions } from "./domains/qa/index.js";
export { qaDomain, qaYesNoDomain } from "./domains/qa/definition.js";
export { LocalCorpus } from "./qa/localCorpus.js";
export { WikipediaSource } from "./qa/wikipedia.js";
export type { KnowledgeSource } from "./qa/knowledgeSource.js";
export * from "../tools/qa/index.js";
export { evaluateDataset, type EvaluateOptions, type EvaluateResult } from "./eval/evaluate.js";
export type { LumosToolNode } from "./graph/toolNodes.js";
export { ReviewDecisionSchema, type ReviewDecision, type ReviewRequest } from "./graph/review.js";
export { lumosMermaid } from "./graph/diagram.js";

export * from "./ranking/index.js";
export { createWebDomain, type WebDomainOptions } from "./domains/web/index.js";
export { webDomain } from "./domains/web/definition.js";
export { createWebTools } from "../tools/web/index.js";
export { candidateTexts, formatCandidate, pageCandidateTexts } from "./web/candidateText.js";
export { loadMind2Web, MIND2WEB_SPLITS } from "./datasets/mind2web.js";
export { createWebShopDomain, type WebShopDomainOptions } from "./domains/webshop/index.js";
export { webshopDomain, webshopSite } from "./domains/webshop/definition.js";
export { createWebShopTools } from "../tools/webshop/index.js";
export { WebShopSiteClient, WebShopSiteError, DEFAULT_SITE_LIMITS, type SiteLimits } from "./webshop/site.js";
export { WebShopTextEnvironment } from "./webshop/textEnvironment.js";
export { readPage, type WebShopPage } from "./webshop/page.js";
export { loadWebShop } from "./datasets/webshop.js";
export type { TrajectoryReplay, RunEnd, GroundingPrimer } from "./domains/types.js";
