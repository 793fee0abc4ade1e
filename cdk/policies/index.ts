export * from './build';
export * from './cfct-size';
export * from './errors';
export * from './guardrails';
export * from './rcp-statements';
export * from './scope';
export * from './statements';
export * from './types';
