/**
 * InterCode-SQL scoring: the prediction (a SQL query) and the gold query run on the task's database, and
 * the rows are scored with InterCode's reward. Reported: `success` (reward 1) and `reward` of the final
 * query, and the best of both over every query the episode ran (InterCode's n-turn evaluation kept the
 * maximum reward over turns). Gold results are computed once per task; every statement goes through the
 * same read-only session as the agent's, one connection per database, one statement at a time.
 */
import { databaseOf } from "../../domains/sql/environment.js";
import { interCodeReward } from "../../sql/reward.js";
import { OBSERVATION_ERROR_PREFIX } from "../../sql/observation.js";
import { SqlSession, type SqlLimits, type SqlOutcome } from "../../sql/session.js";
import type { SqlServerAddress } from "../../sql/sqlUrl.js";
import type { Metric, ScoreContext, ScoringSession } from "./types.js";

export const INTERCODE_SQL_SCORES = ["success", "reward", "bestSuccess", "bestReward"];

const QUERY_TOOLS = new Set(["Execute", "Submit"]);

/**
 * Rows a reward compares: null when the statement failed or returned no result set (reward 0). A server or
 * connection that failed is no result at all: it throws, and the task is recorded with a scoring error.
 */
function rowsOf(outcome: SqlOutcome): string[] | null {
  if (!outcome.ok && outcome.connection) throw new Error(outcome.error.replace("Error executing query: ", "the SQL server failed: "));
  return outcome.ok ? outcome.rows : null;
}

export async function openInterCodeScorer(server: SqlServerAddress, limits: Partial<SqlLimits> = {}): Promise<ScoringSession> {
  const sessions = new Map<string, Promise<SqlSession>>();
  const queues = new Map<string, Promise<unknown>>();
  const goldRows = new Map<string, Promise<string[]>>();

  /** Runs a statement on a database's scoring session, after the statements queued before it. */
  function run(database: string, sql: string): Promise<SqlOutcome> {
    let session = sessions.get(database);
    if (!session) {
      session = SqlSession.open(server, database, limits);
      session.catch(() => sessions.delete(database));
      sessions.set(database, session);
    }
    const opened = session;
    const previous = queues.get(database) ?? Promise.resolve();
    const next = previous.then(async () => (await opened).run(sql));
    queues.set(database, next.catch(() => undefined));
    return next;
  }

  /** The gold rows; a gold query that fails counts as an empty result, as in InterCode. */
  function gold(context: ScoreContext, database: string, sql: string): Promise<string[]> {
    let rows = goldRows.get(context.item.id);
    if (!rows) {
      rows = run(database, sql).then((outcome) => rowsOf(outcome) ?? []);
      goldRows.set(context.item.id, rows);
      // a server that failed is not the gold's result: the next scoring of this task asks again
      rows.catch(() => goldRows.delete(context.item.id));
    }
    return rows;
  }

  const metric: Metric = {
    names: INTERCODE_SQL_SCORES,
    async score(prediction, goldQuery, context) {
      if (!context) throw new Error("InterCode-SQL scoring needs the task (its database)");
      const database = databaseOf(context.item.environment);
      const expected = await gold(context, database, goldQuery);
      const rewardOf = async (sql: string) => interCodeReward(rowsOf(await run(database, sql)), expected);
      const reward = prediction === null ? 0 : await rewardOf(prediction);
      // a query that failed for the agent scores 0 (InterCode's rule), so it is not run again
      const ran = (context.actions ?? []).filter((a) => QUERY_TOOLS.has(a.tool) && !a.error && a.boundArgs !== undefined && !a.values.join("").startsWith(OBSERVATION_ERROR_PREFIX));
      const queries = new Set(ran.map((a) => a.boundArgs as string));
      queries.delete(prediction ?? "");
      let best = reward;
      for (const sql of queries) best = Math.max(best, await rewardOf(sql));
      return { success: reward === 1 ? 1 : 0, reward, bestSuccess: best === 1 ? 1 : 0, bestReward: best };
    },
  };

  return {
    metric,
    async close() {
      const opened = await Promise.allSettled(sessions.values());
      await Promise.all(opened.map((s) => (s.status === "fulfilled" ? s.value.close() : undefined)));
      sessions.clear();
    },
  };
}
