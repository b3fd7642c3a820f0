/**
 * Typed errors: callers classify by type, never by message text. Each carries the LumosError kind it is
 * recorded as, so the executor maps any of them to a record without string matching.
 */
import type { LumosErrorKind } from "./records.js";

/** An error that becomes a recorded LumosError of a known kind. */
export class LumosActionError extends Error {
  override name = "LumosActionError";
  constructor(
    message: string,
    readonly kind: LumosErrorKind,
  ) {
    super(message);
  }
}

/** An action refers to R variables that have no value yet. */
export class UndefinedVariableError extends LumosActionError {
  override name = "UndefinedVariableError";
  constructor(readonly variables: string[]) {
    super(`undefined variable${variables.length > 1 ? "s" : ""} ${variables.join(", ")}`, "undefined_variable");
  }
}

/** An action's arguments do not have the form its tool expects. */
export class InvalidArgumentsError extends LumosActionError {
  override name = "InvalidArgumentsError";
  constructor(message: string) {
    super(message, "invalid_arguments");
  }
}

/** A run, graph or command cannot start because its configuration is incomplete or invalid. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/** A domain name that no registry entry has. */
export class UnknownDomainError extends ConfigurationError {
  override name = "UnknownDomainError";
}
