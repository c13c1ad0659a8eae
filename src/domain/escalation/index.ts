export * from './machine';
export * from './tags';
export * from './notes';
export * from './leads';
export * from './age';
export * from './history';
