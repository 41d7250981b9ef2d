export * from './leave';
