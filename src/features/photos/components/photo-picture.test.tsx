import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { photoSrcSet } from '../server/list-photos';
import { TILE_SIZES } from '../photo-variants';
import { PhotoPicture } from './photo-picture';

const photo = { id: '0b7c5d9e-1111-4222-8333-444455556666', sha256: 'ab'.repeat(32), width: 1000 };

describe('PhotoPicture (the gallery tile)', () => {
  it('renders AVIF and WebP sources with srcset and sizes, and a lazy <img>', () => {
    const html = renderToStaticMarkup(
      <PhotoPicture
        photo={{
          thumbUrl: '/api/photos/x?size=thumb',
          srcSet: { avif: photoSrcSet(photo, 'avif'), webp: photoSrcSet(photo, 'webp') },
        }}
        alt="Before 1"
      />,
    );
    const tags = [...html.matchAll(/<(source|img)\b([^>]*)>/g)].map(([, tag, attrs]) => ({
      tag,
      attr: Object.fromEntries([...attrs!.matchAll(/([a-zA-Z]+)="([^"]*)"/g)].map(([, k, v]) => [k, v])),
    }));
    expect(html.startsWith('<picture>')).toBe(true);
    expect(tags.map((t) => t.tag)).toEqual(['source', 'source', 'img']);
    const [avif, webp, img] = tags.map((t) => t.attr) as Array<
      Record<'srcSet' | 'sizes' | 'type' | 'loading' | 'alt', string>
    >;
    expect(avif!.type).toBe('image/avif');
    expect(webp!.type).toBe('image/webp');
    expect(avif!.sizes).toBe(TILE_SIZES);
    expect(webp!.sizes).toBe(TILE_SIZES);
    // 320, 640, 960 and the photo's own 1000 px (the 1280 variant is never wider than the photo)
    expect(avif!.srcSet.split(', ').map((s) => s.split(' ')[1])).toEqual(['320w', '640w', '960w', '1000w']);
    expect(avif!.srcSet.replaceAll('&amp;', '&')).toContain(`format=avif&v=${'ab'.repeat(8)}`);
    expect(img!.loading).toBe('lazy');
    expect(img!.sizes).toBe(TILE_SIZES);
    expect(img!.srcSet).toContain('format=webp');
    expect(img!.alt).toBe('Before 1');
  });
});
