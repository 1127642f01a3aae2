import { getPageUser } from '@/features/auth/server/page-guard';
import { atLeast } from '@/features/access/ability';
import { BottomNavBar } from './bottom-nav-bar';

/**
 * The phone's bottom navigation (below md): who is looking decides which bars are possible; the
 * bar itself (client) picks by the page it is on.
 */
export async function BottomNav() {
  const user = await getPageUser();
  return (
    <BottomNavBar
      viewer={{ signedIn: user != null, staff: user != null && atLeast(user.role, 'technician') }}
    />
  );
}
