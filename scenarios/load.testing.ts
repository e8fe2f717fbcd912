// Test helper for the loader: the message a broken scenario fails with (valid
// documents to start from: scenarioDoc in testing-doc.ts).
import { ScenarioError, parseScenario } from './load.ts';

export const TEST_FILE = 'scenarios/foo.yaml';

/** The ScenarioError message `text` fails to load with (an Error if it loads). */
export function loadErrorOf(text: string, file = TEST_FILE): string {
  try {
    parseScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}
