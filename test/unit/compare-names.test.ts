/** src/state/compare-names.ts: the order of names in berth's lists. */
import { describe, expect, it } from 'vitest';
import { compareNames } from '../../src/state/compare-names.js';

const sorted = (names: string[]) => [...names].sort(compareNames);

describe('compareNames', () => {
  it('orders replicas by number, not by digit', () => {
    expect(sorted(['app-web-10', 'app-web-2', 'app-web-1'])).toEqual([
      'app-web-1',
      'app-web-2',
      'app-web-10',
    ]);
  });

  it('ignores case, then puts the upper-case spelling first so the order is total', () => {
    expect(sorted(['beta', 'Alpha', 'alpha', 'Beta'])).toEqual(['Alpha', 'alpha', 'Beta', 'beta']);
  });

  it('takes numbers with leading zeros by value, then by spelling', () => {
    expect(sorted(['db-010', 'db-9', 'db-01', 'db-1'])).toEqual(['db-01', 'db-1', 'db-9', 'db-010']);
  });

  it('puts a name before the longer names it starts', () => {
    expect(sorted(['web-api', 'web', 'web2'])).toEqual(['web', 'web-api', 'web2']);
  });

  it('compares numbers longer than any JavaScript number exactly', () => {
    expect(compareNames('x12345678901234567890', 'x12345678901234567891')).toBeLessThan(0);
    expect(compareNames('x99999999999999999999', 'x100000000000000000000')).toBeLessThan(0);
  });

  it('is zero only for the same text, and antisymmetric', () => {
    const names = ['a', 'A', 'a1', 'a01', 'a-1', 'a_1', 'a.1', 'b', 'registry:5000/app:1.2', 'é'];
    for (const x of names) {
      for (const y of names) {
        const xy = Math.sign(compareNames(x, y));
        expect(xy + Math.sign(compareNames(y, x))).toBe(0);
        expect(xy === 0).toBe(x === y);
      }
    }
  });
});
