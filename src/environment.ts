import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config';

/**
 * Reads `.env` when present (variables already set win), validates the environment, and on an
 * invalid one stops the process with exit code 2 and a message naming every bad variable.
 */
export function loadEnvironmentOrExit(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}
