/**
 * Builds the embeddable checkout script (sdk/checkout.ts) into public/sdk/v1/checkout.js (this major
 * version, what merchants pin) and public/sdk/checkout.js (the latest): one minified IIFE, no
 * dependencies. Run by `npm run build` (prebuild), by `npm start` before `next build`, and checked by
 * sdk/checkout.test.ts, which fails when the committed files differ from a fresh build.
 *
 * `tsx scripts/build-sdk.ts` writes the files; `--check` only compares.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
export const SDK_OUTPUTS = ["public/sdk/v1/checkout.js", "public/sdk/checkout.js"];

/** The built script's text; deterministic for a given source and esbuild version. */
export async function buildSdk(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, "sdk", "checkout.ts")],
    bundle: true,
    format: "iife",
    minify: true,
    target: ["es2019"],
    platform: "browser",
    write: false,
    legalComments: "none",
    banner: { js: "/* Countersign checkout v1 (built from sdk/checkout.ts) */" },
  });
  return result.outputFiles[0].text;
}

async function main(): Promise<void> {
  const text = await buildSdk();
  const check = process.argv.includes("--check");
  for (const output of SDK_OUTPUTS) {
    const file = path.join(ROOT, output);
    if (check) {
      const current = await readFile(file, "utf8").catch(() => "");
      if (current !== text) throw new Error(`${output} is stale: run tsx scripts/build-sdk.ts`);
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    const current = await readFile(file, "utf8").catch(() => "");
    if (current !== text) await writeFile(file, text);
  }
  console.log(
    JSON.stringify({
      level: "info",
      msg: `sdk: ${check ? "checked" : "built"} ${SDK_OUTPUTS.join(", ")} (${text.length} bytes)`,
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
