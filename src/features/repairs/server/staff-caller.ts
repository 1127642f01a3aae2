import type { SessionUser } from '@/server/http/app';
import { defineAbilityFor } from '@/features/access/ability';
import type { Caller } from './change-status';

export interface StaffCaller extends Caller {
  user: SessionUser;
}

/** The signed-in staff member as the repairs services see them: ability, role and timeline actor. */
export function staffCaller(user: SessionUser): StaffCaller {
  return {
    user,
    ability: defineAbilityFor(user),
    role: user.role,
    actor: { name: user.name, userId: user.id, role: 'staff' },
  };
}
