/**
 * TEMPORARY stand-in so the admin pages compile: the accounts work replaces this file with the
 * real session check. Until then every guarded page redirects to sign-in.
 */
import { redirect } from 'next/navigation';

export async function requirePageRole(
  _min: 'customer' | 'technician' | 'manager' | 'admin',
): Promise<{ id: string; role: string }> {
  redirect('/sign-in');
}
