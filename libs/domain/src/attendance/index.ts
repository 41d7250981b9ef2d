export * from './leave';
export * from './overtime';
export * from './overtime-check';
