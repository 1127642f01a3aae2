import { and, asc, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { user } from '@/server/db/schema';
import type { Technician } from '../schemas';

/** Everyone work can be assigned to: active technicians, managers and admins, by name. */
export async function listTechnicians(db: Db): Promise<Technician[]> {
  const rows = await db
    .select({ id: user.id, name: user.name, role: user.role, shopSlug: user.shopSlug })
    .from(user)
    .where(and(inArray(user.role, ['technician', 'manager', 'admin']), isNull(user.disabledAt)))
    .orderBy(asc(user.name), asc(user.id))
    .limit(500);
  return rows.map((r) => ({ ...r, role: r.role as Technician['role'] }));
}
