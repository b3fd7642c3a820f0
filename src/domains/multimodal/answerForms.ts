/** How the answer of a task with lettered options is given (a light module: the domain's definition checks it). */
export const ANSWER_FORMS = ["letter", "choice", "free"] as const;
export type AnswerForm = (typeof ANSWER_FORMS)[number];
