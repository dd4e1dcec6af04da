# rule nodes of every tuning node set with labels (matched to gold or not), pickled
import sys, pickle
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import policy_extract
from policy_extract.corpus import iter_gold
from policy_extract.evaluate import _one_to_one, _char_f1
raw=[str(ROOT.parent / 'shared' / 'corpora' / p) for p in ('pages', 'pages_v2')]
nlp=policy_extract.load('rules')
sets=sys.argv[1].split(',')
docs=[]
for s in sets:
    for it in iter_gold(str(ROOT / 'corpora' / s), raw):
        g=it.gold
        pred=nlp(g.text, doc_id=g.doc_id, date=it.date, title=it.title, explain=True)
        keep=set()
        for kind in {n.kind for n in g.nodes}|{n.kind for n in pred.nodes}:
            gs=[n for n in g.nodes if n.kind==kind]; ps=[n for n in pred.nodes if n.kind==kind]
            for gi,pi in _one_to_one(gs,ps,lambda a,b: f if (f:=_char_f1(a,b))>=0.5 else 0.0):
                keep.add(ps[pi].id)
        docs.append(dict(set=s, doc_id=g.doc_id, text=g.text, gold=g, pred=pred, keep=keep, genre=getattr(pred,'genre',None)))
pickle.dump(docs, open(sys.argv[2],'wb'))
print(len(docs), sum(len(d['pred'].nodes) for d in docs), sum(len(d['keep']) for d in docs))
