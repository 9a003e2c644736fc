import { redactConfig } from '../../config/load-config.js';
import { configFrom, type GlobalOptions } from '../runtime.js';

/** `sitrep config`: the effective configuration, secrets redacted. */
export async function configCommand(options: GlobalOptions): Promise<number> {
  process.stdout.write(`${JSON.stringify(redactConfig(configFrom(options).config), null, 2)}\n`);
  return 0;
}
