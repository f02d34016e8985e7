/**
 * Sizes written exactly as the docker CLI writes them (go-units size.go): decimal units with
 * Go's `%.Ng` (`1.9MB`, `4.26MB`, `0B`), or binary units for memory (`12.5MiB`).
 */

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/**
 * Go-units `HumanSizeWithPrecision`. The docker CLI's image and container lists use 3 significant
 * digits (the default here); go-units' own `HumanSize` uses 4.
 */
export function humanSize(bytes: number, precision = 3): string {
  return scaled(bytes, 1000, DECIMAL_UNITS, precision);
}

/** Go-units `BytesSize` (`%.4g` in powers of 1024), what `docker stats` shows memory in. */
export function binarySize(bytes: number): string {
  return scaled(bytes, 1024, BINARY_UNITS, 4);
}

function scaled(size: number, base: number, units: readonly string[], precision: number): string {
  let value = size;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${formatG(value, precision)}${units[unit]}`;
}

/**
 * Go's `fmt.Sprintf("%.<precision>g", value)`: `precision` significant digits, trailing zeros
 * removed, exponent form when the exponent is below -4 or at least `precision` (so 999.9 kB with
 * 3 digits is `1e+03kB`, as docker prints it). Exact ties round half to even, as Go does.
 */
export function formatG(value: number, precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  const digitsWanted = Math.max(1, Math.trunc(precision));
  const { digits, exponent } = roundSignificant(Math.abs(value), digitsWanted);
  let body: string;
  if (exponent < -4 || exponent >= digitsWanted) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent);
    body = `${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  } else if (exponent >= 0) {
    const integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    body = fraction ? `${integerPart}.${fraction}` : integerPart;
  } else {
    body = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return value < 0 ? `-${body}` : body;
}

/**
 * The first `count` significant digits of a positive finite number, rounded from its exact
 * decimal expansion, without trailing zeros, and the decimal exponent of the first digit.
 */
function roundSignificant(value: number, count: number): { digits: string; exponent: number } {
  // toFixed(100) is the exact expansion for the magnitudes sizes have; huge values are integers.
  const exact = value >= 1e21 ? BigInt(value).toString() : value.toFixed(100);
  const [integerPart = '', fraction = ''] = exact.split('.');
  const all = integerPart + fraction;
  const first = all.search(/[1-9]/);
  let exponent = integerPart.length - first - 1;
  const significant = all.slice(first);
  let kept = significant.slice(0, count).padEnd(count, '0');
  const next = significant[count] ?? '0';
  const beyond = /[1-9]/.test(significant.slice(count + 1));
  const lastIsOdd = Number(kept[kept.length - 1]) % 2 === 1;
  if (next > '5' || (next === '5' && (beyond || lastIsOdd))) {
    const incremented = (BigInt(kept) + 1n).toString();
    if (incremented.length > count) {
      exponent++;
      kept = incremented.slice(0, count);
    } else {
      kept = incremented;
    }
  }
  return { digits: kept.replace(/0+$/, '') || '0', exponent };
}
