/**
 * The SQL domain (InterCode-SQL): `Execute(query)` and `Submit(query)` on the task's database, a read-only
 * session per task, InterCode's observations fed back, quoted strings respected when grounding lines are
 * read, and a k-shot prefix on every prompt. The answer is the submitted query (else the last query
 * that ran without an error); R variables are not substituted inside SQL, which has names of its own.
 */
import type { ExecutedAction } from "../../core/records.js";
import { SQL_ACTIONS } from "../../protocol/constants.js";
import { OBSERVATION_ERROR_PREFIX } from "../../sql/observation.js";
import type { SqlLimits } from "../../sql/session.js";
import type { SqlServerAddress } from "../../sql/sqlUrl.js";
import { createSqlTools } from "../../../tools/sql/index.js";
import { createDomain } from "../defaults.js";
import type { LumosDomain } from "../types.js";
import { sqlEnvironment } from "./environment.js";
import { sqlFeedback, sqlGroundingSuffix } from "./feedback.js";
import { sqlPrefix } from "./prefix.js";

export interface SqlDomainOptions {
  server: SqlServerAddress;
  limits?: Partial<SqlLimits>;
}

/** The query a run answers with: the last submitted one, else the last one that ran without an error. */
export function finalQuery(actions: readonly ExecutedAction[]): string | null {
  const ran = actions.filter((a) => !a.error && a.boundArgs !== undefined);
  const submitted = ran.filter((a) => a.tool === "Submit");
  if (submitted.length > 0) return submitted[submitted.length - 1].boundArgs ?? null;
  const executed = ran.filter((a) => a.tool === "Execute" && !a.values.join("").startsWith(OBSERVATION_ERROR_PREFIX));
  return executed.length > 0 ? (executed[executed.length - 1].boundArgs ?? null) : null;
}

export function createSqlDomain(options: SqlDomainOptions): LumosDomain {
  return createDomain({
    name: "sql",
    actionList: SQL_ACTIONS,
    tools: createSqlTools(),
    environment: sqlEnvironment(options.server, options.limits),
    feedbackTurn: sqlFeedback,
    groundingSuffix: sqlGroundingSuffix,
    // SQL is the argument text as written: no R-variable values are spliced into queries
    bindArguments: (action) => action.args,
    finalAnswer: async ({ actions }) => finalQuery(actions),
    prefix: sqlPrefix,
    describeInGrounding: true,
    actionSyntax: { quotes: true },
    literalArguments: true,
  });
}
