/**
 * The order of names in berth's lists (containers, compose projects, image tags): letters
 * without regard to case, and runs of digits by their value, so `app-web-2` comes before
 * `app-web-10` (compose numbers its replicas that way). Names equal in that order (`Web` and
 * `web`, `a01` and `a1`) fall back to plain code-unit order, so a sort is the same every time.
 *
 * Not `localeCompare`: its first call builds an ICU collator, ~19 ms of the first frame (issue
 * 7), and a locale's rules are no help with names docker restricts to `[a-zA-Z0-9_.-]`.
 */
export function compareNames(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const byValue = compareDigitRuns(a, i, b, j);
      if (byValue.order !== 0) return byValue.order;
      i = byValue.endA;
      j = byValue.endB;
      continue;
    }
    const la = lowerAscii(ca);
    const lb = lowerAscii(cb);
    if (la !== lb) return la - lb;
    i++;
    j++;
  }
  const byLength = a.length - i - (b.length - j);
  if (byLength !== 0) return byLength;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Two runs of digits by value: leading zeros skipped, then the longer run is larger. */
function compareDigitRuns(a: string, i: number, b: string, j: number) {
  let endA = i;
  while (endA < a.length && isDigit(a.charCodeAt(endA))) endA++;
  let endB = j;
  while (endB < b.length && isDigit(b.charCodeAt(endB))) endB++;
  let startA = i;
  while (startA < endA - 1 && a.charCodeAt(startA) === 48) startA++;
  let startB = j;
  while (startB < endB - 1 && b.charCodeAt(startB) === 48) startB++;
  let order = endA - startA - (endB - startB);
  for (let k = 0; order === 0 && k < endA - startA; k++) {
    order = a.charCodeAt(startA + k) - b.charCodeAt(startB + k);
  }
  return { order, endA, endB };
}
