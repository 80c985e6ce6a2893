import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./content-security-policy";

describe("contentSecurityPolicy", () => {
  it("forbids framing unless one origin is given", () => {
    expect(contentSecurityPolicy({ production: true })).toContain("frame-ancestors 'none'");
    const embed = contentSecurityPolicy({
      production: true,
      frameAncestors: "https://shop.example",
    });
    expect(embed).toContain("frame-ancestors https://shop.example;");
    expect(embed).not.toContain("'none';");
  });

  it("allows eval only outside production", () => {
    expect(contentSecurityPolicy({ production: true })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ production: false })).toContain("'unsafe-eval'");
  });
});
