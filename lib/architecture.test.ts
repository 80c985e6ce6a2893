import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The layering rules of STYLE.md, checked over the import graph (madge is not installable offline
 * here, so the graph is read with a regex: every `import ... from "x"`, `export ... from "x"` and
 * `import("x")`). Type-only imports count: a cycle of types is still a cycle of knowledge.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s*["']([^"']+)["']/g;

/** The repository-relative files a source file imports (packages are left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    const resolved = resolve(file, specifier);
    if (resolved) found.push(resolved);
  }
  return found;
}

function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile())
      return path.relative(ROOT, candidate);
  }
  return null;
}

const libFiles = sourceFiles(path.join(ROOT, "lib")).filter((file) => !/\.test\.ts$/.test(file));
const graph = new Map(libFiles.map((file) => [path.relative(ROOT, file), importsOf(file)]));

/** lib/services/x/y.ts -> "services"; lib/db.ts -> "db". */
function areaOf(file: string): string {
  const [, first] = file.split(path.sep);
  return first.replace(SOURCE, "");
}

/** Every cycle's nodes, found by depth-first search (one representative path per cycle). */
function findCycles(edges: Map<string, Iterable<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "visiting");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === "visiting") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe("architecture", () => {
  it("has no import cycle between files of lib/", () => {
    expect(findCycles(graph).map((cycle) => cycle.join(" -> "))).toEqual([]);
  });

  it("has no import cycle between the areas of lib/ (auth, services, email, jobs, ...)", () => {
    const areas = new Map<string, Set<string>>();
    for (const [file, imports] of graph) {
      const from = areaOf(file);
      const targets = areas.get(from) ?? new Set<string>();
      for (const target of imports) if (areaOf(target) !== from) targets.add(areaOf(target));
      areas.set(from, targets);
    }
    expect(findCycles(areas).map((cycle) => cycle.join(" -> "))).toEqual([]);
  });

  it("keeps lib/domain pure: it imports only lib/domain and no framework or database", () => {
    const outside: string[] = [];
    for (const [file, imports] of graph) {
      if (!file.startsWith(`lib${path.sep}domain${path.sep}`)) continue;
      for (const target of imports)
        if (!target.startsWith(`lib${path.sep}domain${path.sep}`))
          outside.push(`${file} -> ${target}`);
      const text = readFileSync(path.join(ROOT, file), "utf8");
      if (/from\s*["'](next|next\/[^"']*|@prisma\/client|server-only|react)["']/.test(text))
        outside.push(`${file} -> a framework or database package`);
    }
    expect(outside).toEqual([]);
  });

  it("keeps Prisma out of app/: pages, actions and routes call lib/queries and lib/services", () => {
    const appFiles = sourceFiles(path.join(ROOT, "app"));
    const offenders = appFiles
      .map((file) => path.relative(ROOT, file))
      .filter((file) => importsOf(path.join(ROOT, file)).includes(path.join("lib", "db.ts")));
    expect(offenders).toEqual([]);
  });

  it("reads the import graph it checks (a self-test of the regex)", () => {
    expect(graph.get(path.join("lib", "api", "route.ts"))).toContain(
      path.join("lib", "api", "errors.ts"),
    );
    expect(graph.get(path.join("lib", "domain", "operation-requests", "lifecycle.ts"))).toContain(
      path.join("lib", "domain", "operation-requests", "deadlines.ts"),
    );
  });
});
