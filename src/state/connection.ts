/**
 * The link to the engine as the UI sees it: connecting, ready, unreachable at start (with the
 * doctor's diagnosis, retried), or lost after it was working (a banner, then recovery).
 */
import type { Endpoint } from '../engine/connection.js';
import type { EngineError } from '../engine/errors.js';

export type ConnectionState =
  | { state: 'connecting' }
  | { state: 'ready'; endpoint: Endpoint; version?: string }
  | { state: 'unreachable'; endpoint?: Endpoint; error: EngineError; retryAt: number }
  | { state: 'lost'; endpoint: Endpoint; error: EngineError };
