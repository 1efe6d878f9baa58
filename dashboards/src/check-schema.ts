import { allBoards } from './boards';
import { checkBoards, EXPORTED_SCHEMA, loadSchema } from './schema';
import { SAMPLE_REGISTRY } from './registry';

// Run by the Maven build after compiling: a board query naming what the schema lacks fails it.
const [schemaPath = EXPORTED_SCHEMA, registry = SAMPLE_REGISTRY] = process.argv.slice(2);
const problems = checkBoards(allBoards(registry), loadSchema(schemaPath));
if (problems.length > 0) {
  console.error(`board queries that do not resolve against ${schemaPath}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`every board query resolves against ${schemaPath}`);
