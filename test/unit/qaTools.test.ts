import { describe, expect, it } from "vitest";
import { SyntheticEmbeddings } from "@langchain/core/utils/testing";
import { createKnowledgeQueryTool, createParagraphRetrieveTool, createQaCalculatorTool, createQaTool } from "../../tools/qa/index.js";
import { LocalCorpus } from "../../src/qa/localCorpus.js";
import { qaPrompts } from "../../src/qa/askQa.js";
import { retrieveEvidence } from "../../src/qa/retrieve.js";
import { pageToEntries, splitSentences } from "../../src/qa/page.js";
import { RecordingChatModel } from "../helpers/recordingChatModel.js";

const corpus = new LocalCorpus([
  { title: "Scott Derrickson", sentences: ["Scott Derrickson (born July 16, 1966) is an American director, screenwriter and producer.", "He lives in Los Angeles, California."] },
  { title: "Ed Wood (film)", sentences: ["Ed Wood is a 1994 American biographical film directed by Tim Burton.", "It stars Johnny Depp."] },
  { title: "Ed Wood", sentences: ["Edward Davis Wood Jr. (October 10, 1924 – December 10, 1978) was an American filmmaker, actor, writer, producer, and director."] },
  { title: "Woodson, Arkansas", sentences: ["Woodson is a census-designated place in Pulaski County, Arkansas."] },
]);

describe("local corpus", () => {
  it("finds pages by title, ignoring case, punctuation and disambiguation", async () => {
    expect((await corpus.lookup("scott derrickson"))?.title).toBe("Scott Derrickson");
    expect((await corpus.lookup("Ed Wood"))?.title).toBe("Ed Wood");
    expect((await corpus.lookup("Woodson Arkansas"))?.title).toBe("Woodson, Arkansas");
  });

  it("falls back to BM25 over titles and text, and says when nothing matches", async () => {
    expect((await corpus.lookup("the 1994 Tim Burton film"))?.title).toBe("Ed Wood (film)");
    expect(await corpus.lookup("quantum chromodynamics")).toBeNull();
  });

  it("splits free text into sentences like the reference", () => {
    expect(splitSentences("First one. Second one.\n\nThird")).toEqual(["First one.", "Second one.", "Third."]);
  });
});

describe("KnowledgeQuery and ParagraphRetrieve", () => {
  it("returns the page as Title *** sentence entries, or a clear no-result value", async () => {
    const knowledge = createKnowledgeQueryTool(corpus);
    expect(await knowledge.invoke({ query: "Scott Derrickson" })).toBe(
      "Scott Derrickson *** Scott Derrickson (born July 16, 1966) is an American director, screenwriter and producer.\nScott Derrickson *** He lives in Los Angeles, California.",
    );
    expect(await knowledge.invoke({ query: "quantum chromodynamics" })).toBe('No result: no page for "quantum chromodynamics" in local corpus.');
  });

  it("ranks sentences with BM25 and writes Evidence lines", async () => {
    const page = pageToEntries({ title: "T", sentences: ["Cats purr.", "Paris is the capital of France.", "Dogs bark.", "France borders Spain."] });
    const retrieve = createParagraphRetrieveTool({ k: 2 });
    expect(await retrieve.invoke({ context: page, query: "What is the capital of France?" })).toBe("Evidence 1: Paris is the capital of France.\nEvidence 2: France borders Spain.");
    expect(await retrieveEvidence("", "x")).toBe("No evidence.");
  });

  it("ranks with any LangChain Embeddings when given", async () => {
    const page = pageToEntries({ title: "T", sentences: ["alpha", "beta", "gamma"] });
    const out = await retrieveEvidence(page, "beta", { embeddings: new SyntheticEmbeddings({ vectorSize: 64 }), k: 1 });
    expect(out).toBe("Evidence 1: beta");
  });
});

describe("QA", () => {
  it("sends the exact prompt and returns Question: q; Answer: a", async () => {
    const model = new RecordingChatModel(() => "Answer: American");
    const out = await createQaTool({ qaModel: model }).invoke({ context: "Evidence 1: He is American.", question: "What nationality is he?" });
    expect(out).toBe("Question: What nationality is he?; Answer: American");
    expect(model.prompts).toEqual([qaPrompts.withContext("What nationality is he?", "Evidence 1: He is American.")]);
  });

  it("falls back to the question without context, then to a knowledge lookup, then 'No answer.'", async () => {
    const model = new RecordingChatModel((p) => (p.includes("Los Angeles") ? "Answer: Los Angeles" : "No answer"));
    const qa = createQaTool({ qaModel: model, knowledge: corpus });
    expect(await qa.invoke({ context: "nothing useful", question: "Where does Scott Derrickson live?" })).toBe("Question: Where does Scott Derrickson live?; Answer: Los Angeles");
    expect(model.prompts[1]).toBe(qaPrompts.withoutContext("Where does Scott Derrickson live?"));
    const never = createQaTool({ qaModel: new RecordingChatModel(() => "No answer"), knowledge: corpus });
    expect(await never.invoke({ context: "", question: "Who won in 3024?" })).toBe("No answer.");
  });

  it("forces yes/no questions to answer", async () => {
    const model = new RecordingChatModel((p) => (p.includes("according to the context") ? "No answer" : "Answer: Yes"));
    const out = await createQaTool({ qaModel: model }).invoke({ context: "", question: "Is water wet? Must answer yes/no." });
    expect(out).toBe("Question: Is water wet? Must answer yes/no.; Answer: Yes");
    expect(model.prompts[1]).toBe(qaPrompts.forcedYesNo("Is water wet? Must answer yes/no."));
  });

  it("fails clearly without a QA model", async () => {
    await expect(createQaTool().invoke({ context: "", question: "q" })).rejects.toThrow(/--qa-model/);
  });
});

describe("Calculator in complex QA", () => {
  it("computes numbers and comparisons in-process", async () => {
    const calc = createQaCalculatorTool();
    expect(await calc.invoke({ formula: "1966 > 1924", question: "Who is older?" })).toBe("True");
    expect(await calc.invoke({ formula: "2024 - 1966", question: "How old?" })).toBe("58");
  });

  it("asks the QA model about text", async () => {
    const model = new RecordingChatModel(() => "Answer: Ed Wood");
    const out = await createQaCalculatorTool({ qaModel: model }).invoke({ formula: "Ed Wood born 1924 > Scott Derrickson born 1966", question: "Determine who was born first." });
    expect(out).toBe("Question: Determine who was born first.; Answer: Ed Wood");
    expect(model.prompts[0]).toContain("Context: Ed Wood born 1924  Scott Derrickson born 1966");
  });
});
