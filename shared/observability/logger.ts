import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The product's structured JSON logger (Powertools), one per function. The
 * level comes from POWERTOOLS_LOG_LEVEL: INFO in the stack, quieter in the
 * local runtime, whose terminal shows its own progress lines instead.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
