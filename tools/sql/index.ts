/**
 * The SQL tools: `Execute(query)` runs a statement on the task's database and returns what InterCode would
 * show (rows as a list of tuples, the error, or "No output"); `Submit(query)` does the same for the query
 * that answers the task, which becomes the run's answer. Both reach the task's session through the call
 * config, so concurrent tasks never share a connection.
 */
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { taskEnvironment } from "../../src/domains/environment.js";
import { renderObservation } from "../../src/sql/observation.js";
import type { SqlTaskEnvironment } from "../../src/domains/sql/environment.js";

/** The task's open SQL environment, or an error a tool call records. */
function sessionOf(config: Parameters<typeof taskEnvironment>[0]): SqlTaskEnvironment {
  const environment = taskEnvironment<SqlTaskEnvironment>(config);
  if (!environment) throw new Error("no database is open for this task (run it with an environment such as { db: \"world_1\" })");
  return environment;
}

function sqlTool(name: "Execute" | "Submit", description: string) {
  return tool(
    async ({ query }, config) => {
      const environment = sessionOf(config);
      return renderObservation(await environment.session.run(query, config?.signal));
    },
    { name, description, schema: z.object({ query: z.string().describe("One SQL statement, e.g. SELECT Name FROM city WHERE Population > 1000000") }) },
  );
}

export function createSqlTools() {
  return [
    sqlTool("Execute", "Execute the SQL query on the task's MySQL database and return the result rows"),
    sqlTool("Submit", "Execute the final SQL query that answers the task and return the result rows"),
  ];
}
