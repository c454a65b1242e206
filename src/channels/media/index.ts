export { audioTypeOf, imageTypeOf } from './content-type';
export { readWithin } from './read-within';
