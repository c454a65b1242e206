export * from './lines';
export * from './store';
