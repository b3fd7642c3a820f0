"""
Independent re-statement of how the reference implementation (allenai/lumos, eval/gsm/run_eval.py and
eval/hotpotqa/run_eval.py) assembles maths and complex-QA prompts, for one example, written from reading
that code. Given the raw model outputs and the result each action produced, it prints the prompts the
reference would send, in order.

stdin: {"domain": "maths"|"qa", "formulation": "iterative"|"onetime", "task": str, "plan_outputs": [str],
        "ground_outputs": [str], "results": {action_text: result_text}}
stdout: JSON list of {"module": "plan"|"ground", "prompt": str}
"""
import json
import sys

PLAN = "Please provide a reasonable subgoal-based plan to solve the given task.\n"
GROUND = ("Please ground the given subgoal to corresponding executable actions for solving the given task. "
          "The grounded actions must be the one in available action list.\n\n"
          "The available action list is 'Calculator', 'SetEquation', 'SolveEquation', 'Count', 'SolveInequality', 'Code', and 'Define'.\n"
          "Calculator(formula): Calculate the input formula; SetEquation(equation): Set up an equation to be solved; "
          "SolveEquation(equation): Solve the previous set equation; Count(list): Count the number of elements in the given list; "
          "SolveInequality(inequality): Solve the previous set inequality; Code(pseudo_code): Generate a Python function that corresponds to the pseudo code; "
          "Define(variable/number): Define a variable or a number for latter usage.\n\n")


QA_GROUND = ("Please ground the given subgoal to corresponding executable actions for solving the given task. "
             "The grounded actions must be the one in available action list.\n\n"
             "The available action list is 'KnowledgeQuery', 'ParagraphRetrieve', 'QA', 'Calculator', and 'Code'.\n"
             "Calculator(formula): Calculate the input formula; KnowledgeQuery(query): Capture the relevant webpages according to the query; "
             "ParagraphRetrieve(context, query): Given a query, retrieve the most relevant paragraphs from the given context; "
             "QA(context, query): Given context, answer the given query; Calculator(formula): Calculate the input formula; "
             "Code(pseudo_code): Generate a Python function that corresponds to the pseudo code.\n\n")


def qa_iterative(spec):
    sent = []
    task, plans, grounds, results = spec["task"], spec["plan_outputs"], spec["ground_outputs"], spec["results"]
    logged, subgoal_results = [], {}
    subgoal = actions = plan_prompt = ground_prompt = None
    for i in range(10):
        if i % 2 == 0:
            if i == 0:
                plan_prompt = "<|user|>\n" + PLAN + "Task: " + task.strip() + "; Initial Environment Description: None.\n<|assistant|>\n"
            else:
                plan_prompt += subgoal.strip() + "\n\n<|user|>\nThe executed result for Subgoal " + str(i // 2) + " is " + logged[-1].split('=')[-1].strip() + ". Should we stop planning?\n<|assistant|>\n"
            sent.append({"module": "plan", "prompt": plan_prompt})
            subgoal = plans[i // 2]
            if "Yes, I will stop planning" in subgoal.strip():
                return sent
        else:
            if i == 1:
                ground_prompt = "<|user|>\n" + QA_GROUND + "Task: " + task.strip() + " \nSubgoal to be grounded: " + subgoal.strip() + "\n<|assistant|>\n"
            else:
                ground_prompt += actions.strip() + "\n\n<|user|>\nSubgoal to be grounded: " + subgoal.split('No, I will keep planning.')[-1].strip() + " The grounding could be based on the following results:"
                for idx in sorted(list(subgoal_results.keys())):
                    if "Answer: " in subgoal_results[idx]:
                        ground_prompt += " The execution result for " + idx + " is " + subgoal_results[idx].split('Answer: ')[1]
                ground_prompt += "\n<|assistant|>\n"
            sent.append({"module": "ground", "prompt": ground_prompt})
            actions = grounds[i // 2]
            cur = subgoal.strip().split(':')[0].split("No, I will keep planning.")[-1].strip()
            for action in actions.strip().split('; '):
                value = results[action.strip()]
                logged.append(action + " = " + value)
            subgoal_results[cur] = value
    return sent


def qa_onetime(spec):
    task = spec["task"]
    plan_prompt = "<|user|>\n" + PLAN + "Task: " + task.strip() + "; Initial Environment Description: None.\n<|assistant|>\n"
    ground_prompt = "<|user|>\n" + QA_GROUND + "Task: " + task.strip() + " \nSubgoals to be grounded: " + spec["plan_outputs"][0].strip() + "\n<|assistant|>\n"
    return [{"module": "plan", "prompt": plan_prompt}, {"module": "ground", "prompt": ground_prompt}]


def iterative(spec):
    sent = []
    task, plans, grounds, results = spec["task"], spec["plan_outputs"], spec["ground_outputs"], spec["results"]
    plan_prompt = ground_prompt = None
    logged = []
    subgoal = actions = None
    for i in range(16):
        if i % 2 == 0:
            if i == 0:
                plan_prompt = "<|user|>\n" + PLAN + "Task: " + task.strip() + "; Initial Environment Description: None.\n<|assistant|>\n"
            else:
                plan_prompt += subgoal.strip() + "\n\n<|user|>\nThe executed result for Subgoal " + str(i // 2) + " is " + logged[-1].split('=')[-1].strip() + ". Should we stop planning?\n<|assistant|>\n"
            sent.append({"module": "plan", "prompt": plan_prompt})
            subgoal = plans[i // 2]
            if "Yes, I will stop planning" in subgoal.strip():
                return sent
        else:
            if i == 1:
                ground_prompt = "<|user|>\n" + GROUND + "Task: " + task.strip() + " \nSubgoal to be grounded: " + subgoal.strip() + "\n<|assistant|>\n"
            else:
                ground_prompt += actions.strip() + "\n\n<|user|>\nSubgoal to be grounded: " + subgoal.strip() + "\n<|assistant|>\n"
            sent.append({"module": "ground", "prompt": ground_prompt})
            actions = grounds[i // 2]
            for action in actions.strip().split('; '):
                logged.append(action.strip() + " = " + results[action.strip()])
    return sent


def onetime(spec):
    task = spec["task"]
    plan_prompt = "<|user|>\n" + PLAN + "Task: " + task.strip() + "; Initial Environment Description: None.\n<|assistant|>\n"
    subgoals = spec["plan_outputs"][0]
    ground_prompt = "<|user|>\n" + GROUND + "Task: " + task.strip() + " \nSubgoals to be grounded: " + subgoals.strip() + "\n<|assistant|>\n"
    return [{"module": "plan", "prompt": plan_prompt}, {"module": "ground", "prompt": ground_prompt}]


if __name__ == "__main__":
    spec = json.load(sys.stdin)
    if spec.get("domain", "maths") == "qa":
        json.dump(qa_iterative(spec) if spec["formulation"] == "iterative" else qa_onetime(spec), sys.stdout)
    else:
        json.dump(iterative(spec) if spec["formulation"] == "iterative" else onetime(spec), sys.stdout)
