/**
 * Interface constants of the released Lumos checkpoints, byte for byte (spaces, missing spaces and the
 * duplicated Calculator description in the QA list included). Changing a character here changes what the
 * fine-tuned models see.
 */

export const PLAN_INSTRUCTION = "Please provide a reasonable subgoal-based plan to solve the given task.\n";

export const GROUND_HEAD =
  "Please ground the given subgoal to corresponding executable actions for solving the given task. The grounded actions must be the one in available action list.\n\n";

export const MATHS_ACTIONS =
  "The available action list is 'Calculator', 'SetEquation', 'SolveEquation', 'Count', 'SolveInequality', 'Code', and 'Define'.\nCalculator(formula): Calculate the input formula; SetEquation(equation): Set up an equation to be solved; SolveEquation(equation): Solve the previous set equation; Count(list): Count the number of elements in the given list; SolveInequality(inequality): Solve the previous set inequality; Code(pseudo_code): Generate a Python function that corresponds to the pseudo code; Define(variable/number): Define a variable or a number for latter usage.\n\n";

export const QA_ACTIONS =
  "The available action list is 'KnowledgeQuery', 'ParagraphRetrieve', 'QA', 'Calculator', and 'Code'.\nCalculator(formula): Calculate the input formula; KnowledgeQuery(query): Capture the relevant webpages according to the query; ParagraphRetrieve(context, query): Given a query, retrieve the most relevant paragraphs from the given context; QA(context, query): Given context, answer the given query; Calculator(formula): Calculate the input formula; Code(pseudo_code): Generate a Python function that corresponds to the pseudo code.\n\n";

export const WEB_ACTIONS =
  "The available action list is 'CLICK', 'TYPE', 'SELECT'.\nCLICK(Env, Query): Click the relevant html region in Env according to Query; TYPE(Env, Query, Text): Type Text into the relevant html region in Env according to Query; SELECT(Env, Query, Text): Select the value Text of the relevant selection box in Env according to Query.\n\n";

export const WEBSHOP_ACTIONS =
  "The available action list is 'Search', 'FeatureRetrieve', 'Pick' and 'Click'.\nSearch(Query): Search related items according to the Query; FeatureRetrieve(Feature_list, Query): Select the most relevant features from Feature_list according to Query; Pick(Item_names, Item_features, Query): Pick the most relevant item from Item_names according to Query, Item_names and Item_features; Click(Item): Click the Item to check more information.\n\n";

/** The planner stops when its output contains this. */
export const STOP_PLANNING = "Yes, I will stop planning";

/** Prefix of every iterative planner output after the first. */
export const KEEP_PLANNING = "No, I will keep planning.";

/**
 * InterCode-SQL, written for this project in the style above (the released checkpoints have no SQL action
 * list; the reference's teacher prompt bound statements such as `R1 = SHOW TABLES` to R variables).
 */
export const SQL_ACTIONS =
  "The available action list is 'Execute' and 'Submit'.\nExecute(query): Execute the SQL query on the task's MySQL database and return the result rows; Submit(query): Execute the final SQL query that answers the task and return the result rows.\n\n";

/**
 * Multimodal (A-OKVQA, ScienceQA), reconstructed for this project in the style above from the paper's Figure 2
 * (`VQA(<img>, question)` and `QA(context, question)`): the released checkpoints' exact string is not available
 * here, so it can be replaced (`--action-list`).
 */
export const MULTIMODAL_ACTIONS =
  "The available action list is 'VQA' and 'QA'.\nVQA(image, query): Answer the query about the given image; QA(context, query): Given context, answer the given query.\n\n";
