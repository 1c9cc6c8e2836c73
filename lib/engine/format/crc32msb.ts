/**
 * CRC-32 with the 0x04C11DB7 polynomial, not reflected (most significant bit first): the CRC of bzip2 streams and
 * of POSIX `cksum`. (gzip and zip use the reflected form, which fflate provides.)
 */
export const CRC32_MSB_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** The running CRC `crc` advanced over `byte` (no initial value or final inversion: callers apply their own). */
export function crc32MsbByte(crc: number, byte: number): number {
  return ((crc << 8) ^ CRC32_MSB_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
}
