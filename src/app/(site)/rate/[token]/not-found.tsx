import { RatingLinkInvalid } from '@/features/ratings/components/rating-link-invalid';

export default function RateNotFound() {
  return <RatingLinkInvalid />;
}
