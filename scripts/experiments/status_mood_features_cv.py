import sys, regex
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import policy_extract.model.status as MS
from policy_extract.model.status_train import collect, cross_validate, DEFAULT_SETS
orig=MS.features
PAST=regex.compile(r'了|已|累计|共计|先后|相继|实现了|截至')
FUT=regex.compile(r'要|将|力争|确保|争取|计划|推动|加快|打造|培育')
def feat2(text, s, e, clause, sent, ev):
    out=orig(text, s, e, clause, sent, ev)
    c0=clause[0]
    # the clause's own opening (its first two characters) and the sentence's
    out.append('copen='+text[c0:c0+2])
    out.append('sopen='+text[sent[0]:sent[0]+2])
    left=text[max(sent[0], s-40):s]
    out.append('past=%d'%bool(PAST.search(left)))
    out.append('fut=%d'%bool(FUT.search(left)))
    out.append('pastfut=%d%d|%s'%(bool(PAST.search(left)),bool(FUT.search(left)),ev.get('rule')))
    return out
raw=[str(ROOT.parent / 'shared' / 'corpora' / p) for p in ('pages', 'pages_v2')]
sets=[str(ROOT / s) for s in DEFAULT_SETS]
docs=collect(sets, raw)
for sd in (1,2): print("base", sd, cross_validate(docs, seed=sd))
MS.features=feat2
docs=collect(sets, raw)
for sd in (1,2): print("new ", sd, cross_validate(docs, seed=sd))
