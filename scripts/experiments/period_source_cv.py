# Experiment: a learned period-source decision over the status model's features (CV by document)
import sys, random, collections, pickle, os
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from policy_extract.components.quantities import finder as Q, status as QS
from policy_extract.corpus import iter_gold
from policy_extract.evaluate import _one_to_one, _q_score
from policy_extract.text.normalize import normalize
from policy_extract.text.segment import segment
from policy_extract.model.status import train
sets=sys.argv[1].split(',')
raw=[str(ROOT.parent / 'shared' / 'corpora' / p) for p in ('pages', 'pages_v2')]
CL=('rule','none','Y','Y-1','other')
def rel(p,Y):
    if p is None: return 'none'
    if Y is None: return 'other'
    if p==str(Y): return 'Y'
    if p==str(Y-1): return 'Y-1'
    return 'other'
docs=[]
cache=f'/tmp/pm_{"_".join(sets)}.pkl'
if os.path.exists(cache): docs=pickle.load(open(cache,'rb'))
else:
  for s in sets:
    for it in iter_gold(str(ROOT / 'corpora' / s), raw):
        norm=normalize(it.gold.text)
        QS.STATUS_FEATURE_SINK=sink=[]
        try: pred=Q.find_quantities(norm, segment(norm), it.date, True, it.title)
        finally: QS.STATUS_FEATURE_SINK=None
        feats={norm.raw_span(s_,e)[:2]:fs for s_,e,fs in sink}
        g=list(it.gold.quantities); rows=[]
        for gi,pi in _one_to_one(g,pred,_q_score):
            q=pred[pi]; fs=feats.get((q.start,q.end))
            if fs is None: continue
            d=(q.evidence or {}).get('date'); Y=int(d[:4]) if d else None
            r=q.period; gp=g[gi].period
            extra=[f'prel={rel(r,Y)}', f'prange={"-" in (r or "")}', f'pcue_full={(q.evidence or {}).get("period_cue")}', f'status={q.status.value}', f'prel_status={rel(r,Y)}|{q.status.value}']
            lab='rule' if gp==r else rel(gp,Y)
            rows.append((fs+extra, lab, r, gp, Y))
        docs.append((s+'/'+it.gold.doc_id, rows))
  pickle.dump(docs, open(cache,'wb'))
def val(c,r,Y):
    return None if c=='none' else str(Y) if c=='Y' else str(Y-1)
random.seed(0); ids=[d for d,_ in docs]; random.shuffle(ids); fold={d:i%5 for i,d in enumerate(ids)}
TH=(0.6,0.7,0.8,0.9)
res=collections.Counter(); per=collections.defaultdict(collections.Counter)
for k in range(5):
    tr=[(fs,lab) for d,rows in docs if fold[d]!=k for fs,lab,_,_,_ in rows]
    m=train(tr, classes=CL, l2=float(sys.argv[2]) if len(sys.argv)>2 else 1e-4)
    for d,rows in docs:
        if fold[d]!=k: continue
        st=d.split('/')[0]
        for fs,lab,r,gp,Y in rows:
            res['n']+=1; per[st]['n']+=1
            res['rules']+= gp==r; per[st]['rules']+= gp==r
            p=m.proba(fs); j=int(p.argmax()); c=CL[j]
            for t in TH:
                pick=r
                if c not in ('rule','other') and p[j]>=t and not (c in ('Y','Y-1') and Y is None):
                    pick=val(c,r,Y)
                res[t]+= gp==pick; per[st][t]+= gp==pick
n=res['n']
print('pooled', {k:round(v/n,4) for k,v in res.items() if k!='n'}, n)
for st,c in per.items(): print(st, {k:round(v/c['n'],4) for k,v in c.items() if k!='n'}, c['n'])
