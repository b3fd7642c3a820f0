/**
 * A task's image, read from a file (relative to the images directory), a URL or a data URL, checked by
 * decoding it (sharp/libvips), and made small enough to send: an image whose longer side is past the limit
 * is scaled down and re-encoded as JPEG. Every failure is an ImageError that names the image and the problem,
 * so the run records it instead of crashing: a missing file, bytes that are not an image, an image or a
 * download past the size limits, a server that does not answer.
 */
import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import sharp, { type Metadata } from "sharp";
import { errorMessage } from "../errors/message.js";

export class ImageError extends Error {
  override name = "ImageError";
}

export interface ImageLimits {
  /** Largest file or download accepted, in bytes (default 20 MB). */
  maxBytes: number;
  /** Longer side sent to the model; larger images are scaled down (default 1,024 px). */
  maxSide: number;
  /** Largest decoded image, in pixels (default 100 megapixels): a decompression bomb is refused, not decoded. */
  maxPixels: number;
  /** Time limit of a download, in ms (default 30 s). */
  fetchTimeoutMs: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 20 * 1024 * 1024, maxSide: 1024, maxPixels: 100_000_000, fetchTimeoutMs: 30_000 };

export interface LoadedImage {
  /** What the task named (a path, a URL, or "data URL"). */
  source: string;
  /** `data:image/...;base64,...`, ready for an image content part. */
  dataUrl: string;
  width: number;
  height: number;
  /** Whether it was scaled down. */
  resized: boolean;
}

const DATA_URL = /^data:([^;,]*)(;base64)?,/;

async function readLimited(path: string, limits: ImageLimits): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new ImageError(`image ${path} cannot be read: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : errorMessage(error)}`);
  }
  if (size > limits.maxBytes) throw new ImageError(`image ${path} is ${size} bytes, over the ${limits.maxBytes}-byte limit`);
  return readFile(path);
}

async function download(url: string, limits: ImageLimits, signal?: AbortSignal): Promise<Buffer> {
  const timeout = AbortSignal.timeout(limits.fetchTimeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    throw new ImageError(`image ${url} cannot be downloaded: ${timeout.aborted ? `no answer within ${limits.fetchTimeoutMs} ms` : errorMessage(error)}`);
  }
  if (!response.ok) throw new ImageError(`image ${url} cannot be downloaded: HTTP ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > limits.maxBytes) throw new ImageError(`image ${url} is ${declared} bytes, over the ${limits.maxBytes}-byte limit`);
  // read with a running count: a server may send more than it declared, or declare nothing
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += (chunk as Uint8Array).length;
      if (total > limits.maxBytes) throw new ImageError(`image ${url} is over the ${limits.maxBytes}-byte limit`);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    if (error instanceof ImageError) throw error;
    throw new ImageError(`image ${url} cannot be downloaded: ${errorMessage(error)}`);
  }
  return Buffer.concat(chunks);
}

function decodeDataUrl(text: string, limits: ImageLimits): Buffer {
  const header = DATA_URL.exec(text);
  if (!header || !header[2]) throw new ImageError("the image data URL is not base64 (expected data:image/...;base64,...)");
  const payload = text.slice(header[0].length);
  if ((payload.length * 3) / 4 > limits.maxBytes) throw new ImageError(`the image data URL is over the ${limits.maxBytes}-byte limit`);
  return Buffer.from(payload, "base64");
}

/** The bytes a task's image spec names. */
async function imageBytes(image: string | Uint8Array, imagesDir: string | undefined, limits: ImageLimits, signal?: AbortSignal): Promise<{ bytes: Buffer; source: string }> {
  if (typeof image !== "string") {
    if (image.length > limits.maxBytes) throw new ImageError(`the image is ${image.length} bytes, over the ${limits.maxBytes}-byte limit`);
    return { bytes: Buffer.from(image), source: "image bytes" };
  }
  if (image.startsWith("data:")) return { bytes: decodeDataUrl(image, limits), source: "data URL" };
  if (/^https?:\/\//i.test(image)) return { bytes: await download(image, limits, signal), source: image };
  if (!isAbsolute(image) && !imagesDir) throw new ImageError(`image ${image} is a relative path: pass --images-dir DIR (the folder it is relative to)`);
  const path = isAbsolute(image) ? image : join(imagesDir as string, image);
  return { bytes: await readLimited(path, limits), source: path };
}

/** Loads, checks and, when it is large, scales down a task's image. */
export async function loadImage(image: string | Uint8Array, options: { imagesDir?: string; limits?: Partial<ImageLimits>; signal?: AbortSignal } = {}): Promise<LoadedImage> {
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options.limits };
  const { bytes, source } = await imageBytes(image, options.imagesDir, limits, options.signal);
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: limits.maxPixels }).metadata();
  } catch (error) {
    throw new ImageError(`image ${source} is not a readable image: ${errorMessage(error)}`);
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width * height > limits.maxPixels) throw new ImageError(`image ${source} is ${width}x${height}, over the ${limits.maxPixels}-pixel limit`);
  const format = metadata.format;
  const sendable = format === "jpeg" || format === "png" || format === "webp" || format === "gif";
  if (Math.max(width, height) <= limits.maxSide && sendable) {
    return { source, dataUrl: `data:image/${format};base64,${bytes.toString("base64")}`, width, height, resized: false };
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels })
      .rotate()
      .resize({ width: limits.maxSide, height: limits.maxSide, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 90 })
      .toBuffer({ resolveWithObject: true });
    return { source, dataUrl: `data:image/jpeg;base64,${data.toString("base64")}`, width: info.width, height: info.height, resized: true };
  } catch (error) {
    throw new ImageError(`image ${source} cannot be decoded: ${errorMessage(error)}`);
  }
}
