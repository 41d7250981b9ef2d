export * from './chat-text';
