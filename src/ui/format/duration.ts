/**
 * Durations worded exactly as Docker words them (go-units `HumanDuration`, used by `docker ps`
 * for "Up 3 minutes" and by `docker images` for "2 hours ago"), and how long such a text stays
 * true, so a clock re-renders only when the words change.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's `d.Hours()`: whole hours plus the fraction, computed the same way to round alike. */
function hoursOf(ms: number): number {
  return Math.floor(ms / HOUR) + (ms % HOUR) / HOUR;
}

/** Go's `int(d.Hours() + 0.5)`: hours rounded half up, what go-units counts hours, days… in. */
function roundedHours(ms: number): number {
  return Math.trunc(hoursOf(ms) + 0.5);
}

/** Go-units `HumanDuration`: "Less than a second", "1 second", "About an hour", "3 weeks", … */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = roundedHours(ms);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(hoursOf(ms)) / 24 / 365)} years`;
}

/**
 * Milliseconds until `humanDuration` of a duration that is `ms` now (and growing) says something
 * else: 1 s at most while it counts seconds, 1 min while it counts minutes, then hours, days…
 */
export function nextChangeIn(ms: number): number {
  if (ms < SECOND) return SECOND - ms;
  if (ms < MINUTE) return SECOND - (ms % SECOND);
  if (ms < HOUR) return MINUTE - (ms % MINUTE);
  const hours = roundedHours(ms);
  let next: number; // the first rounded hour count whose text differs
  if (hours < 48) next = hours + 1;
  else if (hours < 24 * 7 * 2) next = Math.min(nextMultiple(hours, 24), 24 * 7 * 2);
  else if (hours < 24 * 30 * 2) next = Math.min(nextMultiple(hours, 24 * 7), 24 * 30 * 2);
  else if (hours < 24 * 365 * 2) next = Math.min(nextMultiple(hours, 24 * 30), 24 * 365 * 2);
  else {
    // Years count whole (not rounded) hours.
    return nextMultiple(Math.trunc(hoursOf(ms)), 24 * 365) * HOUR - ms;
  }
  // A rounded count reaches `next` half an hour before the hour.
  return (next - 0.5) * HOUR - ms;
}

function nextMultiple(value: number, step: number): number {
  return (Math.floor(value / step) + 1) * step;
}
