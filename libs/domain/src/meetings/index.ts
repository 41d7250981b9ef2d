export * from './text-anchor';
