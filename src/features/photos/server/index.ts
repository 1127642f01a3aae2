/** The photos domain's public surface, server side: what other domains may call. */
export { addPhoto, findPhotoByKey, type PhotoAdder } from './upload-photo';
export { maxUploadBytes, maxUploadPixels } from './list-photos';
export { processImage } from './process-image';
export { countBookingPhotos } from './photo-access';
export { FORM_OVERHEAD, uploadedPhoto } from './upload-form';
export {
  checkPhotoQuality,
  type PhotoQuality,
  type PhotoQualityCode,
  type PhotoQualityProblem,
} from './photo-quality';
