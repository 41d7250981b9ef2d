export * from './dates';
export * from './membership';
export * from './canonical-json';
export * from './calendar';
