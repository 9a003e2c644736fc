import { expect } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';

/** The SitrepError `run` throws; fails the test when it returns or throws something else. */
export function sitrepErrorOf(run: () => unknown): SitrepError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SitrepError);
    return error as SitrepError;
  }
  throw new Error('expected a SitrepError');
}
