'use client';
import dynamic from 'next/dynamic';
import { Skeleton } from '@/components/ui/skeleton';

// Only the device step is on screen when the page opens: the later steps, the payment gateway
// (Stripe's loader) and the confirmation (QR code) are out of the page's first-load JavaScript
// (docs/benchmarks.md, "Pages on a phone"). They are fetched once the browser is idle after the
// form has mounted (preloadSteps), so that a connection lost half-way through the form still
// finds them; what the form shows offline (the saved booking, its problems) is in the bundle.
const STEPS = {
  repairs: () => import('./repairs-section'),
  service: () => import('./service-section'),
  details: () => import('./details-section'),
  photos: () => import('./damage-photos-section'),
  payment: () => import('@/features/payments/components'),
  success: () => import('./booking-success'),
  held: () => import('./held-booking-summary'),
};
export function preloadSteps() {
  for (const load of Object.values(STEPS)) void load().catch(() => undefined);
}
const sectionLoading = () => <Skeleton className="h-32" />;
export const RepairsSection = dynamic(() => STEPS.repairs().then((m) => m.RepairsSection), {
  loading: sectionLoading,
});
export const ServiceSection = dynamic(() => STEPS.service().then((m) => m.ServiceSection), {
  loading: sectionLoading,
});
export const DetailsSection = dynamic(() => STEPS.details().then((m) => m.DetailsSection), {
  loading: sectionLoading,
});
export const DamagePhotosSection = dynamic(() => STEPS.photos().then((m) => m.DamagePhotosSection), {
  loading: sectionLoading,
});
export const UnifiedPaymentGateway = dynamic(() => STEPS.payment().then((m) => m.UnifiedPaymentGateway), {
  loading: () => <Skeleton className="h-48" />,
});
export const BookingSuccess = dynamic(() => STEPS.success().then((m) => m.BookingSuccess), {
  loading: sectionLoading,
});
export const HeldBookingSummary = dynamic(() => STEPS.held().then((m) => m.HeldBookingSummary));
