import sys, pickle
import random, collections
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from policy_extract.model.status import train
from policy_extract.evaluate import Report, score_nodes
from policy_extract.schema import Node
docs=pickle.load(open(sys.argv[1],'rb'))
import regex
NUM=regex.compile(r'^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(?\d+[\.、）)]|[①-⑳])')
def feats(d, n, byid, kids):
    t=n.text; ev=n.evidence or {}
    rule=ev.get('rule','?')
    par=byid.get(n.parent)
    depth=0; p=par
    while p is not None: depth+=1; p=byid.get(p.parent)
    L=len(t); lb='s' if L<10 else 'm' if L<25 else 'l' if L<60 else 'xl'
    raw=d['text']; pre=raw[max(0,n.start-3):n.start]
    f=[f'k={n.kind.value}', f'r={rule}', f'kr={n.kind.value}|{rule}', f'len={lb}', f'klen={n.kind.value}|{lb}',
       f'depth={min(depth,4)}', f'kdepth={n.kind.value}|{min(depth,4)}', f'pk={par.kind.value if par else None}',
       f'kids={min(len(kids.get(n.id,())),3)}', f'kkids={n.kind.value}|{min(len(kids.get(n.id,())),3)}',
       f'f2={t[:2]}', f'f1={t[:1]}', f'l1={t[-1:]}', f'num={bool(NUM.match(pre[-3:]) or NUM.match(t))}',
       f'pre={pre[-1:]}', f'hasdigit={any(c.isdigit() for c in t)}', f'colon={"：" in t or ":" in t}',
       f'period={"。" in t}', f'genre={d["genre"]}', f'set_rule_genre={rule}|{d["genre"]}']
    return f
def doc_rows(d):
    nodes=d['pred'].nodes; byid={n.id:n for n in nodes}; kids=collections.defaultdict(list)
    for n in nodes: kids[n.parent].append(n.id)
    return [(feats(d,n,byid,kids), 'keep' if n.id in d['keep'] else 'drop') for n in nodes]
def filtered(d, drop):
    nodes=d['pred'].nodes; byid={n.id:n for n in nodes}
    def up(pid):
        while pid is not None and pid in drop: pid=byid[pid].parent
        return pid
    return [Node(n.id, up(n.parent), n.kind, n.start, n.end, n.text) for n in nodes if n.id not in drop]
def score(ds, pred_nodes):
    rep=Report()
    for d,pn in zip(ds,pred_nodes): score_nodes(d['gold'].nodes, pn, rep)
    return rep.nodes.f1, rep.parent_accuracy
random.seed(0)
ids=list(range(len(docs))); random.shuffle(ids)
K=5; fold={i:k%K for k,i in enumerate(ids)}
TH=[0.5,0.6,0.7,0.8,0.9]
res={t:[None]*len(docs) for t in TH}
for k in range(K):
    tr=[r for i,d in enumerate(docs) if fold[i]!=k for r in doc_rows(d)]
    m=train(tr, l2=float(sys.argv[2]) if len(sys.argv)>2 else 1e-3, classes=('keep','drop'))
    for i,d in enumerate(docs):
        if fold[i]!=k: continue
        rows=doc_rows(d)
        for t in TH:
            drop={n.id for n,(f,_) in zip(d['pred'].nodes,rows) if m.proba(f)[1]>=t}
            res[t][i]=filtered(d,drop)
sets=sorted({d['set'] for d in docs})
base=[d['pred'].nodes for d in docs]
def line(name,pn):
    out=[name]
    for s in sets+['ALL']:
        ix=[i for i,d in enumerate(docs) if s=='ALL' or d['set']==s]
        f,p=score([docs[i] for i in ix],[pn[i] for i in ix]); out.append(f'{s}:{f:.3f}/{p:.3f}')
    print('  '.join(out))
line('rules',base)
for t in TH: line(f'p>={t}',res[t])
