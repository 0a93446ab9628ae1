/**
 * The compact MNIST assets of public/data (what `npm run data` writes): their manifest's types and the
 * length-and-checksum check of one file. No TF.js, so a page-computed example can verify the digits
 * it fetches; mnist.ts re-exports all of it next to the tensor code.
 */

/** One file of the browser assets, as listed in the manifest. */
export interface MnistAssetFile {
  /** File name relative to the manifest. */
  path: string;
  dtype: 'uint8';
  shape: number[];
  /** Exact byte length. */
  bytes: number;
  /** FNV-1a 32-bit hash of the bytes, 8 hex digits. */
  fnv1a32: string;
}

/** public/data/mnist.json: what `npm run data` wrote. */
export interface MnistManifest {
  source: string;
  files: {
    trainImages: MnistAssetFile;
    trainLabels: MnistAssetFile;
    testImages: MnistAssetFile;
    testLabels: MnistAssetFile;
  };
}

/** FNV-1a 32-bit hash as 8 hex digits: enough to catch a corrupt or truncated download, and synchronous. */
export function fnv1a32(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Checks one asset's length and checksum against the manifest; the error names the file. */
export function verifyAsset(file: MnistAssetFile, bytes: Uint8Array): Uint8Array {
  if (bytes.length !== file.bytes) {
    throw new Error(`${file.path}: ${bytes.length} bytes, expected ${file.bytes} (truncated or wrong file)`);
  }
  const sum = fnv1a32(bytes);
  if (sum !== file.fnv1a32) throw new Error(`${file.path}: checksum ${sum}, expected ${file.fnv1a32} (corrupt file)`);
  return bytes;
}
