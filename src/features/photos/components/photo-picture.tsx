import type { Photo } from '../schemas';
import { TILE_SIZES } from '../photo-variants';

export interface PhotoPictureProps {
  photo: Pick<Photo, 'thumbUrl' | 'srcSet'>;
  alt: string;
  /** the `sizes` the browser picks a variant by (default: a gallery tile) */
  sizes?: string;
  className?: string;
}

/**
 * A photo as a `<picture>`: AVIF, then WebP, in the widths the server offers (the browser
 * picks by `sizes` and the screen's density), loaded lazily; the WebP thumbnail for browsers
 * without `srcset`. No hooks: renders the same on the server and in tests.
 */
export function PhotoPicture({ photo, alt, sizes = TILE_SIZES, className }: PhotoPictureProps) {
  return (
    <picture>
      <source type="image/avif" srcSet={photo.srcSet.avif} sizes={sizes} />
      <source type="image/webp" srcSet={photo.srcSet.webp} sizes={sizes} />
      <img
        src={photo.thumbUrl}
        srcSet={photo.srcSet.webp}
        sizes={sizes}
        alt={alt}
        loading="lazy"
        decoding="async"
        width={320}
        height={320}
        className={className}
      />
    </picture>
  );
}
