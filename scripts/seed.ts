/** `npm run db:seed`: migrations, then the demo data (idempotent), on DATABASE_URL or the embedded database. */
import { migrate, provideDatabase, run } from "./db/database";

const database = await provideDatabase({
  dataDir: process.env.COUNTERSIGN_DATA_DIR ?? ".data/postgres",
  port: Number(process.env.EMBEDDED_PG_PORT ?? 54320),
});
try {
  await migrate(database.url);
  await run(
    "tsx",
    ["--conditions=react-server", "prisma/seed.ts"],
    { DATABASE_URL: database.url },
    { quiet: false },
  );
} finally {
  await database.stop();
}
