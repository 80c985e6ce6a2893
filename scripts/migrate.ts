/** `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded database. */
import { migrate, provideDatabase } from "./db/database";

const database = await provideDatabase({
  dataDir: process.env.COUNTERSIGN_DATA_DIR ?? ".data/postgres",
  port: Number(process.env.EMBEDDED_PG_PORT ?? 54320),
});
try {
  await migrate(database.url);
  console.log("migrations applied");
} finally {
  await database.stop();
}
