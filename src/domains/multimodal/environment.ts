/**
 * The multimodal task environment: the task's image (a file relative to the images directory, a URL, a data
 * URL, or bytes) and its optional caption, from the spec `{ image, caption }` (or just the image). A vision
 * backend needs the image, checked and scaled down when the task opens; the caption backend needs only the
 * caption. The first planning turn describes the image through a template the user may replace.
 */
import { ConfigurationError } from "../../core/errors.js";
import { loadImage, type ImageLimits, type LoadedImage } from "../../multimodal/image.js";
import { defineEnvironment, NO_ENVIRONMENT } from "../environment.js";

export interface ImageTaskEnvironment {
  image?: LoadedImage;
  caption?: string;
}

export interface ImageSpec {
  image?: string | Uint8Array;
  caption?: string;
}

/** The default description: "An image. Caption: {caption}" ("An image." without a caption). */
export const DEFAULT_IMAGE_DESCRIPTION = "An image. Caption: {caption}";

/** A task without an environment has no image: a question answered from its text alone (ScienceQA has many). */
export function imageSpecOf(spec: unknown): ImageSpec {
  if (spec === undefined || spec === null) return {};
  if (typeof spec === "string") return { image: spec };
  if (spec instanceof Uint8Array) return { image: spec };
  if (typeof spec !== "object" || spec === null) throw new ConfigurationError('a multimodal task needs its image: give it an environment such as { "image": "photo.jpg", "caption": "..." }');
  const { image, caption } = spec as { image?: unknown; caption?: unknown };
  if (image !== undefined && typeof image !== "string" && !(image instanceof Uint8Array)) throw new ConfigurationError("the task's image must be a path, a URL, a data URL or bytes");
  if (caption !== undefined && typeof caption !== "string") throw new ConfigurationError("the task's caption must be text");
  return { ...(image === undefined ? {} : { image }), ...(caption === undefined ? {} : { caption }) };
}

/** The description for the first planning turn, from a template with `{caption}`. */
export function describeImage(environment: ImageTaskEnvironment, template = DEFAULT_IMAGE_DESCRIPTION): string {
  if (environment.image === undefined && environment.caption === undefined) return NO_ENVIRONMENT;
  if (environment.caption === undefined || environment.caption.trim() === "") {
    return template === DEFAULT_IMAGE_DESCRIPTION ? "An image." : template.replaceAll("{caption}", "").trim();
  }
  return template.replaceAll("{caption}", environment.caption.trim());
}

export interface ImageEnvironmentOptions {
  /** "vision" loads the image for a vision model; "caption" answers over the caption and needs no image. */
  backend: "vision" | "caption";
  imagesDir?: string;
  limits?: Partial<ImageLimits>;
  description?: string;
}

export function imageEnvironment(options: ImageEnvironmentOptions) {
  return defineEnvironment<ImageTaskEnvironment>({
    async open(spec, { signal }) {
      const { image, caption } = imageSpecOf(spec);
      if (image === undefined && caption === undefined) return {};
      if (options.backend === "caption") {
        if (caption === undefined) throw new ConfigurationError("the caption backend needs the image's caption (the task's environment has none)");
        return { caption };
      }
      if (image === undefined) throw new ConfigurationError("VQA with a vision model needs the task's image (the task's environment has none)");
      return { image: await loadImage(image, { imagesDir: options.imagesDir, limits: options.limits, signal }), ...(caption === undefined ? {} : { caption }) };
    },
    describe: (environment) => describeImage(environment, options.description),
  });
}
