export { gridFsMediaStore, type MediaStore } from './media-store';
export { audioTypeOf, imageTypeOf } from './content-type';
export { readWithin } from './read-within';
