#!/usr/bin/env python3
"""Lists the artifacts of which the target's Maven location pulls in more than one version.

Tycho resolves every version that any POM in the dependency tree names (includeDependencyDepth=infinite),
and p2 refuses two versions of a singleton bundle in the generated platform feature. This walks the POMs
in the local Maven repository (run a build first so that they are there), starting at the roots of the
first location of prunelab.target, skipping its excludes, and prints each duplicate with the <exclude>
lines that keep only the newest version of org.eclipse.platform, org.osgi and org.ow2.asm artifacts.

usage: target-platform/duplicate-versions.py [target-platform/prunelab.target]
"""
import re,sys,os,xml.etree.ElementTree as ET
from collections import defaultdict
M=os.path.expanduser('~/.m2/repository')
ns={'m':'http://maven.apache.org/POM/4.0.0'}
def pomfile(g,a,v): return f"{M}/{g.replace('.','/')}/{a}/{v}/{a}-{v}.pom"
def text(e,tag):
    x=e.find('m:'+tag,ns)
    if x is None: x=e.find(tag)
    return x.text.strip() if x is not None and x.text else None
cache={}
def load(g,a,v):
    k=(g,a,v)
    if k in cache: return cache[k]
    f=pomfile(g,a,v)
    if not os.path.exists(f): cache[k]=None; return None
    root=ET.parse(f).getroot()
    props={'project.version':v,'project.groupId':g,'version':v}
    par=root.find('m:parent',ns)
    pdm={}
    if par is not None:
        pg,pa,pv=text(par,'groupId'),text(par,'artifactId'),text(par,'version')
        pp=load(pg,pa,pv)
        if pp: props.update(pp['props']); pdm.update(pp['dm'])
        props['project.parent.version']=pv
    pe=root.find('m:properties',ns)
    if pe is not None:
        for c in pe: props[c.tag.split('}')[-1]]=(c.text or '').strip()
    def interp(s):
        for _ in range(5):
            if s and '${' in s: s=re.sub(r'\$\{([^}]+)\}',lambda m: props.get(m.group(1),m.group(0)),s)
        return s
    dm=dict(pdm)
    dme=root.find('m:dependencyManagement/m:dependencies',ns)
    if dme is not None:
        for d in dme.findall('m:dependency',ns):
            dm[(interp(text(d,'groupId')),interp(text(d,'artifactId')))]=interp(text(d,'version'))
    deps=[]
    de=root.find('m:dependencies',ns)
    if de is not None:
        for d in de.findall('m:dependency',ns):
            sc=text(d,'scope') or 'compile'; opt=text(d,'optional')
            if sc not in ('compile','runtime') or opt=='true': continue
            dg,da=interp(text(d,'groupId')),interp(text(d,'artifactId'))
            dv=interp(text(d,'version')) or dm.get((dg,da))
            if text(d,'type') not in (None,'jar'): continue
            if text(d,'classifier'): continue
            deps.append((dg,da,dv))
    r={'props':props,'dm':dm,'deps':deps}; cache[k]=r; return r
target=open(sys.argv[1] if len(sys.argv)>1 else os.path.join(os.path.dirname(__file__),'prunelab.target')).read()
first=target.split('</location>')[0]
roots=re.findall(r'<groupId>(.*?)</groupId><artifactId>(.*?)</artifactId><version>(.*?)</version>',first)
excl=set(re.findall(r'<exclude>(.*?)</exclude>',first))
seen=set(); stack=[tuple(r) for r in roots]; missing=[]
while stack:
    g,a,v=stack.pop()
    if (g,a,v) in seen or f"{g}:{a}:{v}" in excl: continue
    seen.add((g,a,v))
    if v and v[0] in '[(': v=v.strip('[]()').split(',')[0]
    p=load(g,a,v)
    if p is None: missing.append(f"{g}:{a}:{v}"); continue
    for d in p['deps']:
        if d[2]: stack.append(d)
byga=defaultdict(set)
for g,a,v in seen: byga[(g,a)].add(v)
def key(v): return tuple(int(x) if x.isdigit() else 0 for x in re.split(r'[.-]',v))
for (g,a),vs in sorted(byga.items()):
    if len(vs)<2: continue
    print(f"duplicate {g}:{a} {sorted(vs,key=key)}")
    if g in ('org.eclipse.platform','org.osgi','org.ow2.asm') and not any(v[0] in '[(' for v in vs):
        newest=max(vs,key=key)
        for v in sorted(vs,key=key):
            if v!=newest: print(f"      <exclude>{g}:{a}:{v}</exclude>")
for m in missing: print("not in the local repository:",m)
