#!/usr/bin/env python3
"""Validate corpora/stance.labels.jsonl against the gold files; print counts.

Every line of every `*.gold.jsonl` under corpora/ (top level, batch2/, heldout/;
stance.labels.jsonl itself excluded) must have exactly one stance line with the same
file, start, end (and line, for wire-briefs) and the same text, and valid values:
polarity in {asserts, denies, questions}, negated a bool, note (optional) a non-empty
string. Prints counts by language (ar / en, from the file name suffix, else the
article's `lang` field in wire-briefs.jsonl, else the script of the text) and polarity.
Exit status 1 on any error.

    python3 corpora/check_stance.py
"""
import collections
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STANCE = 'stance.labels.jsonl'
POLARITIES = ('asserts', 'denies', 'questions')
FIELDS = {'file', 'start', 'end', 'line', 'text', 'polarity', 'negated', 'note'}


def gold_files():
    out = []
    for pattern in ('*.gold.jsonl', 'batch2/*.gold.jsonl', 'heldout/*.gold.jsonl'):
        found = (os.path.relpath(p, HERE).replace(os.sep, '/') for p in glob.glob(os.path.join(HERE, pattern)))
        out += sorted(f for f in found if f != STANCE)
    return out


def script_lang(text):
    arabic = sum(1 for ch in text if '\u0600' <= ch <= '\u06ff')
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return 'ar' if arabic > latin else 'en'


def main():
    errors = []
    wire_path = os.path.join(HERE, 'wire-briefs.jsonl')
    wire = []
    if os.path.exists(wire_path):
        with open(wire_path, encoding='utf-8') as fh:
            wire = [json.loads(l) for l in fh if l.strip()]

    # gold statements, keyed by (file, line, start, end)
    gold = {}
    lang_of = {}
    for f in gold_files():
        base = os.path.basename(f)[:-len('.gold.jsonl')]
        with open(os.path.join(HERE, f), encoding='utf-8') as fh:
            for n, l in enumerate(fh, 1):
                if not l.strip():
                    continue
                g = json.loads(l)
                key = (f, g.get('line'), g['start'], g['end'])
                if key in gold:
                    errors.append(f'{f}:{n}: duplicate gold span {key[1:]}')
                gold[key] = g['text']
                if base.endswith('-ar') or base.endswith('-en'):
                    lang = base[-2:]
                elif g.get('line') and g['line'] <= len(wire) and wire[g['line'] - 1].get('lang') in ('ar', 'en'):
                    lang = wire[g['line'] - 1]['lang']
                else:
                    lang = script_lang(g['text'])
                lang_of[key] = lang

    seen = collections.Counter()
    counts = collections.Counter()
    neg = collections.Counter()
    notes = 0
    path = os.path.join(HERE, STANCE)
    if not os.path.exists(path):
        print(f'missing {STANCE}')
        return 1
    with open(path, encoding='utf-8') as fh:
        for n, l in enumerate(fh, 1):
            if not l.strip():
                errors.append(f'{STANCE}:{n}: blank line')
                continue
            try:
                r = json.loads(l)
            except json.JSONDecodeError as e:
                errors.append(f'{STANCE}:{n}: bad JSON: {e}')
                continue
            extra = set(r) - FIELDS
            if extra:
                errors.append(f'{STANCE}:{n}: unknown fields {sorted(extra)}')
            missing = {'file', 'start', 'end', 'text', 'polarity', 'negated'} - set(r)
            if missing:
                errors.append(f'{STANCE}:{n}: missing fields {sorted(missing)}')
                continue
            is_wire = r['file'].startswith('wire-briefs')
            if is_wire and not isinstance(r.get('line'), int):
                errors.append(f'{STANCE}:{n}: wire-briefs line needs an integer "line"')
            if not is_wire and 'line' in r:
                errors.append(f'{STANCE}:{n}: "line" only belongs to wire-briefs')
            key = (r['file'], r.get('line'), r['start'], r['end'])
            if key not in gold:
                errors.append(f'{STANCE}:{n}: no gold statement {key}')
                continue
            if r['text'] != gold[key]:
                errors.append(f'{STANCE}:{n}: text differs from gold {key}')
            if r['polarity'] not in POLARITIES:
                errors.append(f'{STANCE}:{n}: bad polarity {r["polarity"]!r}')
            if not isinstance(r['negated'], bool):
                errors.append(f'{STANCE}:{n}: negated must be true/false')
            if 'note' in r:
                if not (isinstance(r['note'], str) and r['note'].strip()):
                    errors.append(f'{STANCE}:{n}: empty note')
                notes += 1
            seen[key] += 1
            counts[lang_of[key], r['polarity']] += 1
            if r['negated'] is True:
                neg[lang_of[key]] += 1

    for key, text in gold.items():
        if seen[key] == 0:
            errors.append(f'no stance line for {key[0]} {key[1:]}: {text[:50]!r}')
        elif seen[key] > 1:
            errors.append(f'{seen[key]} stance lines for {key[0]} {key[1:]}')

    langs = sorted({lang for lang, _ in counts})
    print(f'{"lang":<6}' + ''.join(f'{p:>11}' for p in POLARITIES) + f'{"total":>8}{"negated":>9}')
    for lang in langs + ['all']:
        row = [sum(c for (lg, pp), c in counts.items() if pp == p and lang in (lg, 'all')) for p in POLARITIES]
        negs = sum(c for lg, c in neg.items() if lang in (lg, 'all'))
        print(f'{lang:<6}' + ''.join(f'{c:>11}' for c in row) + f'{sum(row):>8}{negs:>9}')
    print(f'{len(gold)} gold statements in {len(gold_files())} files, {sum(seen.values())} stance lines, {notes} with a note')
    if errors:
        for e in errors:
            print('ERROR', e)
        print(f'{len(errors)} error(s)')
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
