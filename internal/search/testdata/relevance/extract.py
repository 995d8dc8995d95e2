#!/usr/bin/env python3
"""Writes pages.json, the relevance suite's pages (see README.md).

Usage: extract.py MEDQUAD_DIR REPO_ROOT > pages.json

MEDQUAD_DIR is a checkout of https://github.com/abachaa/MedQuAD (commit
577bd37); REPO_ROOT the medkb repository, whose English demo articles
(content/**/*.md) are added as they stood when the fixture was made.
"""
import glob, json, os, re, sys
import xml.etree.ElementTree as ET
import yaml

medquad, root = sys.argv[1], sys.argv[2]
pages = []

def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")

# MedlinePlus health topic summaries (NLM, US government work).
for f in sorted(glob.glob(os.path.join(medquad, "4_MPlus_Health_Topics_QA", "*.xml"))):
    doc = ET.parse(f).getroot()
    focus = doc.findtext("Focus").strip()
    answer = doc.findtext("QAPairs/QAPair/Answer") or ""
    answer = re.sub(r"^\s*Summary\s*:\s*", "", answer)
    # The attribution ("NIH: National Institute of ...") ends the text.
    answer = re.sub(r"\s{2,}((NIH|CDC|FDA|AHRQ|HHS|USDA|EPA|NLM|CMS|Dept\.|Food and)[^.]*)$", "", answer.strip())
    # List items are flattened with "    - ": keep them as lines.
    body = re.sub(r"\s+-\s+", "\n", answer)
    body = re.sub(r"[ \t]{2,}", "\n", body).strip()
    if len(body) < 200:
        continue
    syn = [s.text.strip() for s in doc.findall("FocusAnnotations/Synonyms/Synonym") if s.text]
    first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]
    pages.append({"url": "/topics/%s/" % slug(focus), "title": focus, "section": "topics",
                  "audience": "patient", "summary": first, "about": syn, "body": body,
                  "source": doc.get("url")})

# The demo site's English articles.
def plain(md):
    md = re.sub(r"^> \[![A-Z-]+\]\s*$", "", md, flags=re.M)
    md = re.sub(r"^>\s?", "", md, flags=re.M)
    md = re.sub(r"^#+\s*", "", md, flags=re.M)
    md = re.sub(r"\[@[^\]]+\]", "", md)
    md = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"[*_`]{1,3}", "", md)
    md = re.sub(r"^\s*[-*]\s+", "", md, flags=re.M)
    md = re.sub(r"^\|?[-:| ]+\|?$", "", md, flags=re.M)
    md = md.replace("|", " ")
    return re.sub(r"\n{2,}", "\n", md).strip()

for f in sorted(glob.glob(os.path.join(root, "content", "*", "*.md"))):
    name = os.path.basename(f)
    if name.startswith("_") or re.search(r"\.[a-z]{2}\.md$", name):
        continue
    text = open(f, encoding="utf-8").read()
    _, fm, body = text.split("---", 2)
    meta = yaml.safe_load(fm)
    section = os.path.basename(os.path.dirname(f))
    about = [a["name"] for a in meta.get("about") or [] if a.get("name")]
    headings = re.findall(r"^##+\s*(.+)$", body, flags=re.M)
    page = {"url": "/%s/%s/" % (section, name[:-3]), "title": meta["title"], "section": section,
            "audience": meta.get("audience", ""), "summary": meta.get("summary", ""),
            "tags": meta.get("tags") or [], "headings": headings, "about": about,
            "body": plain(body), "source": "medkb demo site: content/%s/%s" % (section, name)}
    if meta.get("search") is False:
        page["search"] = False  # never indexed, as the site does
    pages.append(page)

json.dump(pages, sys.stdout, ensure_ascii=False, indent=0)
