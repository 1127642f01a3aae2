/** `npm run seed`: adds any missing catalogue rows and shops to the configured database. */
import { env } from '@/env';
import { openDatabase } from '@/server/db/client';
import { seedAll } from '@/server/entry/seed';

const handle = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const counts = await seedAll(handle.db);
  console.log(
    `Seeded (existing rows kept): ${counts.models} models, ${counts.prices} prices, ${counts.shops} shops.`,
  );
} finally {
  await handle.close();
}
