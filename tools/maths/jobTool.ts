/**
 * A maths tool whose call is one job of the isolated pool: a LangChain StructuredTool (schema checking,
 * callbacks, ToolMessages and content-and-artifact results as with any tool). A subclass rather than `tool()`:
 * that helper runs every call in a new async context with its own LangSmith run tree, some 30 µs a call, which
 * only serves tools that call other runnables; these call none.
 */
import { StructuredTool, type ToolRunnableConfig } from "@langchain/core/tools";
import type { CallbackManagerForToolRun } from "@langchain/core/callbacks/manager";
import type { z } from "zod";

export interface MathsJobToolFields<S extends z.ZodObject, T> {
  name: string;
  description: string;
  schema: S;
  /** The computation, given the checked input and the call's abort signal. */
  run: (input: z.infer<S>, signal: AbortSignal | undefined) => Promise<T>;
  responseFormat?: "content" | "content_and_artifact";
}

export class MathsJobTool<S extends z.ZodObject, T> extends StructuredTool<S> {
  static override lc_name() {
    return "MathsJobTool";
  }
  name: string;
  description: string;
  schema: S;
  private readonly runJob: (input: z.infer<S>, signal: AbortSignal | undefined) => Promise<T>;

  constructor(fields: MathsJobToolFields<S, T>) {
    super({ responseFormat: fields.responseFormat });
    this.name = fields.name;
    this.description = fields.description;
    this.schema = fields.schema;
    this.runJob = fields.run;
  }

  protected _call(input: unknown, _runManager?: CallbackManagerForToolRun, config?: ToolRunnableConfig): Promise<T> {
    // StructuredTool.call has parsed the input with the schema
    return this.runJob(input as z.infer<S>, config?.signal);
  }
}
