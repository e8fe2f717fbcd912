// Hex digits of a number, as n.toString(16) gives them. V8 formats a number of 2^30 or
// more (not a small integer) with its generic double-to-radix code, several times
// slower; addresses here are 40-bit and up and dmesg lines print several per step, so
// large integers are formatted 24 bits at a time.

const LOW = 2 ** 24;

/** n.toString(16), faster for large non-negative integers. */
export function tohex(n: number): string {
  if (n < 0x40000000 || !Number.isSafeInteger(n)) return n.toString(16);
  const lo = (n % LOW).toString(16);
  return tohex(Math.floor(n / LOW)) + '000000'.slice(lo.length) + lo;
}
