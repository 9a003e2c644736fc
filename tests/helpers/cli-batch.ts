// Runs several `sitrep` command lines one after another in one process (one tsx start-up, not one
// per command) and prints their results as JSON: [{args, code, stdout, stderr}].
import { main } from '../../src/cli/main.js';

const batch = JSON.parse(process.argv[2]) as string[][];
const results = [];
const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
for (const args of batch) {
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: unknown) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  const code = await main(args);
  process.stdout.write = write.out;
  process.stderr.write = write.err;
  results.push({ args, code, stdout, stderr });
}
write.out(`${JSON.stringify(results)}\n`);
process.exit(0);
