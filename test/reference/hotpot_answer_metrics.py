"""
The answer part of the official HotpotQA evaluation script (hotpot_evaluate_v1.py), restated: SQuAD
normalisation, exact match, F1 with the yes/no/noanswer rule, averaged over the gold items.

usage: python3 hotpot_answer_metrics.py PREDICTIONS.json GOLD.json
PREDICTIONS.json: {"answer": {id: prediction}}; GOLD.json: [{"_id": id, "answer": gold}]
"""
import json
import re
import string
import sys
from collections import Counter


def normalize_answer(s):
    def remove_articles(text):
        return re.sub(r'\b(a|an|the)\b', ' ', text)

    def white_space_fix(text):
        return ' '.join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return ''.join(ch for ch in text if ch not in exclude)

    def lower(text):
        return text.lower()

    return white_space_fix(remove_articles(remove_punc(lower(s))))


def f1_score(prediction, ground_truth):
    normalized_prediction = normalize_answer(prediction)
    normalized_ground_truth = normalize_answer(ground_truth)
    zero = (0, 0, 0)
    if normalized_prediction in ['yes', 'no', 'noanswer'] and normalized_prediction != normalized_ground_truth:
        return zero
    if normalized_ground_truth in ['yes', 'no', 'noanswer'] and normalized_prediction != normalized_ground_truth:
        return zero
    prediction_tokens = normalized_prediction.split()
    ground_truth_tokens = normalized_ground_truth.split()
    common = Counter(prediction_tokens) & Counter(ground_truth_tokens)
    num_same = sum(common.values())
    if num_same == 0:
        return zero
    precision = 1.0 * num_same / len(prediction_tokens)
    recall = 1.0 * num_same / len(ground_truth_tokens)
    f1 = (2 * precision * recall) / (precision + recall)
    return f1, precision, recall


def exact_match_score(prediction, ground_truth):
    return normalize_answer(prediction) == normalize_answer(ground_truth)


def main():
    prediction = json.load(open(sys.argv[1]))
    gold = json.load(open(sys.argv[2]))
    metrics = {'em': 0, 'f1': 0, 'prec': 0, 'recall': 0}
    for dp in gold:
        cur_id = dp['_id']
        if cur_id not in prediction['answer']:
            continue
        em = exact_match_score(prediction['answer'][cur_id], dp['answer'])
        f1, prec, recall = f1_score(prediction['answer'][cur_id], dp['answer'])
        metrics['em'] += float(em)
        metrics['f1'] += f1
        metrics['prec'] += prec
        metrics['recall'] += recall
    n = len(gold)
    for k in metrics.keys():
        metrics[k] /= n
    print(json.dumps(metrics))


if __name__ == '__main__':
    main()
