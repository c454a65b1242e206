export { createHttpApp, type HttpDependencies } from './app';
