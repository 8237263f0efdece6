/**
 * Authentication and authorisation, in one import for the api function.
 * Each module is small and can be imported on its own too.
 */
export * from './roles';
export * from './policy';
export * from './passwords';
export * from './users';
export * from './cookies';
export * from './sessions';
export * from './csrf';
export * from './tokens';
export * from './cognito';
export * from './rate-limit';
export * from './authenticate';
export * from './next-path';
export * from './strings';
