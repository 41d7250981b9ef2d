export * from './dates';
export * from './membership';
export * from './canonical-json';
export * from './calendar';
export * from './fiscal-year';
export * from './wareki';
export * from './retention';
