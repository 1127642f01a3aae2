/** The photos domain's public surface, React side: what other domains may import. */
export { PhotoGallery, type PhotoGalleryProps } from './photo-gallery';
export { PhotoUploader, type PhotoUploaderProps } from './photo-uploader';
export { photosUrl, usePhotos, type PhotoSource } from './use-photos';
