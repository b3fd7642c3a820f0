/** Task images: loaded from files, URLs and data URLs, checked by decoding, scaled down when large; every failure named. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindMultimodalArguments, questionOf } from "../../src/domains/multimodal/bindArguments.js";
import { describeImage, imageSpecOf } from "../../src/domains/multimodal/environment.js";
import { answerForTask } from "../../src/domains/multimodal/index.js";
import { ImageError, loadImage } from "../../src/multimodal/image.js";

const dir = mkdtempSync(join(tmpdir(), "lumos-images-"));
let png: Buffer;
let large: Buffer;
let server: Server;
let base = "";

beforeAll(async () => {
  png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#cc2222" } }).png().toBuffer();
  large = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#2222cc" } }).jpeg().toBuffer();
  writeFileSync(join(dir, "small.png"), png);
  writeFileSync(join(dir, "large.jpg"), large);
  writeFileSync(join(dir, "corrupt.png"), Buffer.concat([png.subarray(0, 40), Buffer.from("not the rest of a png")]));
  writeFileSync(join(dir, "text.png"), "hello, I am not an image");
  server = createServer((req, res) => {
    if (req.url === "/small.png") res.writeHead(200, { "content-type": "image/png" }).end(png);
    else if (req.url === "/big") res.writeHead(200).end(Buffer.alloc(3_000_000, 1));
    else if (req.url === "/hang") return; // never answers
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("loading a task's image", () => {
  it("reads a file relative to the images directory and keeps a small image as it is", async () => {
    const image = await loadImage("small.png", { imagesDir: dir });
    expect(image).toMatchObject({ width: 64, height: 48, resized: false, source: join(dir, "small.png") });
    expect(image.dataUrl).toBe(`data:image/png;base64,${png.toString("base64")}`);
  });

  it("scales a large image down to the longest side allowed, as JPEG", async () => {
    const image = await loadImage(join(dir, "large.jpg"), { limits: { maxSide: 512 } });
    expect(image).toMatchObject({ width: 512, height: 341, resized: true });
    expect(image.dataUrl.startsWith("data:image/jpeg;base64,")).toBe(true);
    const meta = await sharp(Buffer.from(image.dataUrl.split(",")[1], "base64")).metadata();
    expect([meta.width, meta.height]).toEqual([512, 341]);
  });

  it("takes data URLs, bytes and URLs", async () => {
    expect((await loadImage(`data:image/png;base64,${png.toString("base64")}`)).width).toBe(64);
    expect((await loadImage(new Uint8Array(png))).height).toBe(48);
    expect((await loadImage(`${base}/small.png`)).width).toBe(64);
  });

  it.each([
    ["a missing file", () => loadImage("missing.png", { imagesDir: dir }), /missing.png cannot be read: no such file/],
    ["a relative path without an images directory", () => loadImage("small.png"), /pass --images-dir DIR/],
    ["a truncated PNG", () => loadImage("corrupt.png", { imagesDir: dir }), /corrupt.png (is not a readable image|cannot be decoded)/],
    ["text named .png", () => loadImage("text.png", { imagesDir: dir }), /text.png is not a readable image/],
    ["a file over the byte limit", () => loadImage("large.jpg", { imagesDir: dir, limits: { maxBytes: 1000 } }), /over the 1000-byte limit/],
    ["an image over the pixel limit", () => loadImage("large.jpg", { imagesDir: dir, limits: { maxPixels: 1_000_000 } }), /pixel|exceeds pixel limit/],
    ["a download over the byte limit", () => loadImage(`${base}/big`, { limits: { maxBytes: 1_000_000 } }), /over the 1000000-byte limit/],
    ["a 404", () => loadImage(`${base}/nothing.png`), /HTTP 404/],
    ["a server that never answers", () => loadImage(`${base}/hang`, { limits: { fetchTimeoutMs: 300 } }), /no answer within 300 ms/],
    ["an unreachable server", () => loadImage("http://127.0.0.1:1/x.png"), /cannot be downloaded/],
    ["a data URL that is not base64", () => loadImage("data:image/png,abc"), /not base64/],
  ])("refuses %s with an ImageError that says so", async (_name, load, message) => {
    const error = await load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("multimodal actions and environment", () => {
  it("reads the question of every VQA and QA form", () => {
    expect(questionOf("[IMG], Question: What is on the table?")).toEqual({ reference: "[IMG]", question: "What is on the table?" });
    expect(questionOf("<img>, What colour is the car?")).toEqual({ reference: "<img>", question: "What colour is the car?" });
    expect(questionOf("IMG, Query: How many?")).toEqual({ reference: "IMG", question: "How many?" });
    expect(questionOf("What is it?")).toEqual({ reference: "", question: "What is it?" });
    const results = { R1: "Question: What is on the sofa?; Answer: a dog." };
    expect(bindMultimodalArguments({ text: "", outputs: ["R2"], tool: "VQA", args: "[IMG], Question: What breed is R1?" }, results)).toEqual({ question: "What breed is a dog?" });
    expect(bindMultimodalArguments({ text: "", outputs: ["R2"], tool: "QA", args: "[R1], Question: Will it bark?" }, results)).toEqual({ context: results.R1, question: "Will it bark?" });
    expect(() => bindMultimodalArguments({ text: "", outputs: ["R2"], tool: "VQA", args: "[IMG], Question: " }, results)).toThrow(/needs a question/);
  });

  it("gives the answer in the dataset's form: the option's letter or text, else as written", () => {
    const task = "Which animal is shown?\nA. a cat\nB. a dog\nC. a horse";
    expect(answerForTask(task, "a dog.")).toBe("B");
    expect(answerForTask(task, "The answer is C.", "choice")).toBe("a horse");
    expect(answerForTask(task, "a dog", "free")).toBe("a dog");
    expect(answerForTask(task, "a giraffe")).toBe("a giraffe");
    expect(answerForTask("What is it?", "a dog")).toBe("a dog");
  });

  it("describes the image through a template the user may replace", () => {
    expect(describeImage({ caption: "A dog on a sofa." })).toBe("An image. Caption: A dog on a sofa.");
    const image = { source: "x.png", dataUrl: "data:image/png;base64,", width: 1, height: 1, resized: false };
    expect(describeImage({ image })).toBe("An image.");
    expect(describeImage({})).toBe("None.");
    expect(describeImage({ caption: "a cat" }, "Image caption: {caption}")).toBe("Image caption: a cat");
    expect(imageSpecOf("x.png")).toEqual({ image: "x.png" });
    expect(() => imageSpecOf({ image: 3 })).toThrow(/path, a URL, a data URL or bytes/);
  });
});
