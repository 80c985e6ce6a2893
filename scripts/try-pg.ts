import { startEmbeddedPostgres } from "/work/main/scripts/db/embedded-postgres";
const db = await startEmbeddedPostgres({ dataDir: "/work/main/.data/dev-postgres", port: 54320 });
console.log(db.url);
process.on("SIGTERM", async () => { await db.stop(); process.exit(0); });
setInterval(() => {}, 1000);
