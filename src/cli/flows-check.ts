import { join } from 'node:path';
import { InvalidFlowsError, loadFlows } from '../engine/flows';

/** `npm run flows:check [directory]`: validates every flow; exit 1 with file, step and reason when one is wrong. */
const directory = process.argv[2] ?? join(__dirname, '..', '..', 'flows');
try {
  const flows = loadFlows(directory);
  for (const flow of flows.values())
    console.log(`ok  ${flow.id} v${flow.version}: ${flow.steps.length} steps`);
} catch (error) {
  if (!(error instanceof InvalidFlowsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
