export * from './route';
export * from './errors';
export * from './numbering';
export * from './state';
export * from './actions';
export * from './state-machine';
export * from './allowed-actions';
