// Every area's route schemas, registered on import. A new area adds one line.
import './specs-serving.ts';
import './specs-catalog.ts';
import './specs-accounts.ts';
import './specs-rates.ts';
import './specs-exchange.ts';
import './specs-events.ts';
import './specs-studio.ts';
import './specs-authoring.ts';
import './specs-studio-editor.ts';
import './specs-review.ts';
