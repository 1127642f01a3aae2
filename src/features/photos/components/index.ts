export { PhotoGallery, type PhotoGalleryProps } from './photo-gallery';
export { PhotoUploader, type PhotoUploaderProps } from './photo-uploader';
export { photosUrl, usePhotos, type PhotoSource } from './use-photos';
