import { env } from '@/env';

export interface Branding {
  shopName: string;
  brandColor: string;
  logoUrl: string | null;
}

/** The shop's name, logo and colour (env for now; the admin UI will edit them later). */
export function getBranding(): Branding {
  return { shopName: env.SHOP_NAME, brandColor: env.BRAND_COLOR, logoUrl: env.BRAND_LOGO_URL ?? null };
}
