/**
 * A knowledge page and the text form KnowledgeQuery results take in the result table: one entry per
 * line, `Title *** sentence`, as the reference built its entries (`{title} *** {sentence}`).
 */
export interface Page {
  title: string;
  sentences: string[];
}

export const TITLE_TEXT_SEPARATOR = " *** ";

/** At most this many sentences of a page are returned (the reference's get_page_obs limit). */
export const PAGE_SENTENCES = 40;

export function pageToEntries(page: Page, limit = PAGE_SENTENCES): string {
  return page.sentences
    .slice(0, limit)
    .map((s) => `${page.title}${TITLE_TEXT_SEPARATOR}${s.replace(/\s+/g, " ").trim()}`)
    .join("\n");
}

export interface Entry {
  title: string;
  text: string;
}

/** Parses KnowledgeQuery text back into entries; lines without a title separator keep an empty title. */
export function entriesFromText(text: string): Entry[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const at = line.indexOf(TITLE_TEXT_SEPARATOR.trim());
      return at < 0 ? { title: "", text: line } : { title: line.slice(0, at).trim(), text: line.slice(at + 3).trim() };
    });
}

/** Sentences of free text the way the reference cut Wikipedia pages: paragraphs, then ". ". */
export function splitSentences(text: string): string[] {
  return text
    .split("\n")
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .flatMap((p) => p.split(". "))
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => (/[.!?]$/.test(s) ? s : `${s}.`));
}
