/** The WebShop domain as a definition: the site, its limits, the goals `lumos eval` runs, and the ranker. */
import { z } from "zod";
import { ConfigurationError } from "../../core/errors.js";
import { DEFAULT_SITE_LIMITS, WebShopSiteClient } from "../../webshop/site.js";
import { defineDomain } from "../definition.js";
import { option } from "../options.js";
import { rankerFromOptions, rankerOptionsShape } from "../rankerOptions.js";

/** The site client for `--webshop-url` (checked here, with a message naming the flag). */
export function webshopSite(options: { webshopUrl?: string; webshopTimeoutMs?: number }): WebShopSiteClient {
  const url = options.webshopUrl ?? "";
  if (!/^https?:\/\/[^/]/i.test(url)) throw new ConfigurationError(`--webshop-url "${url}" is not an http(s) URL of the WebShop site (e.g. http://127.0.0.1:3000)`);
  return new WebShopSiteClient(url, { ...DEFAULT_SITE_LIMITS, ...(options.webshopTimeoutMs ? { timeoutMs: options.webshopTimeoutMs } : {}) });
}

export const webshopDomain = defineDomain({
  name: "webshop",
  summary: "WebShop: Search, FeatureRetrieve, Pick and Click on the official WebShop site, Lumos-I as the reference (2-shot prefix, 5 rounds)",
  options: z.object({
    webshopUrl: option.text("WebShop: the official WebShop site (its Flask app, e.g. http://127.0.0.1:3000); task k plays the site's session fixed_k", "URL"),
    webshopTimeoutMs: option.count("WebShop: time limit of one page request in ms (default 15000)"),
    webshopGoals: option.text("WebShop: the goals lumos eval runs, as ranges (default 0-499, the paper's)", "RANGES"),
    ...rankerOptionsShape,
  }),
  requires: [{ options: ["webshopUrl"], what: "the WebShop site" }],
  create: async (options) => {
    const site = webshopSite(options);
    const ranker = rankerFromOptions(options);
    const { createWebShopDomain } = await import("./index.js");
    return createWebShopDomain({ site, ranker });
  },
});
