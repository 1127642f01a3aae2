/** The photos domain's public surface, React side: what other domains may import. */
export { PhotoGallery, type PhotoGalleryProps } from './photo-gallery';
export { PhotoUploader, type PhotoUploaderProps } from './photo-uploader';
export { photosUrl, usePhotos, type PhotoSource } from './use-photos';
export { CameraCapture, type CameraCaptureProps } from './camera-capture';
export { compressPhoto, type CompressedPhoto } from './compress-image';
export { UploadList } from './upload-list';
export { useUploadQueue, type UploadItem, type UploadTarget } from './use-upload-queue';
export { checkPickedPhoto } from './check-picked-photo';
export { QualityNotice } from './quality-notice';
export { measurePhotoQuality } from './measure-photo-quality';
export type { PhotoQuality, PhotoQualityCode } from '../photo-quality-rules';
