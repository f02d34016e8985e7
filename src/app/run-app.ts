/** Opens berth's full-screen UI. Until the UI lands (issue 3) it prints the doctor's diagnosis. */
import { runDoctor } from '../cli/doctor.js';
import type { EngineSelection } from '../engine/diagnose.js';

export interface AppOptions extends EngineSelection {
  readOnly: boolean;
}

export async function runApp(options: AppOptions): Promise<number> {
  return runDoctor(options);
}
