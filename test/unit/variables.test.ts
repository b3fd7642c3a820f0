import { describe, expect, it } from "vitest";
import { lastVariable, referencedVariables, substituteVariables, undefinedVariables } from "../../src/actions/variables.js";

describe("R variables", () => {
  it("substitutes by whole token so R1 never corrupts R10 or R11", () => {
    const values = { R1: "5", R10: "100", R11: "110" };
    expect(substituteVariables("R10 + R1 * R11 - R1", values)).toBe("100 + 5 * 110 - 5");
  });

  it("leaves names that only contain a variable alone", () => {
    expect(substituteVariables("SR1 + R1x + R1", { R1: "2" })).toBe("SR1 + R1x + 2");
  });

  it("lists referenced and undefined variables", () => {
    expect(referencedVariables("R3(R1, R2) + R1")).toEqual(["R3", "R1", "R2"]);
    expect(undefinedVariables("R1 + R12", { R1: "3" })).toEqual(["R12"]);
  });

  it("renders values through a callback", () => {
    expect(substituteVariables("R1 * 2", { R1: "-3" }, (v) => `(${v})`)).toBe("(-3) * 2");
  });

  it("finds the highest-numbered variable numerically", () => {
    expect(lastVariable({ R9: "1", R12: "2", R2: "3", Output: "4" })).toBe("R12");
    expect(lastVariable({})).toBeUndefined();
  });
});
