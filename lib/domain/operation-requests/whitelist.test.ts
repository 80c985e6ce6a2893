import { describe, expect, it } from "vitest";
import { whitelistableOperations } from "./whitelist";

describe("whitelistableOperations", () => {
  it("offers refund and void to the roles that may request them", () => {
    expect(whitelistableOperations("owner")).toEqual(["refund", "void"]);
    expect(whitelistableOperations("admin")).toEqual(["refund", "void"]);
    expect(whitelistableOperations("maker")).toEqual(["refund", "void"]);
  });

  it("offers nothing to a viewer, who may request neither", () => {
    expect(whitelistableOperations("viewer")).toEqual([]);
  });
});
