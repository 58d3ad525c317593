"""Generate saved web pages of real size: an outlet's furniture around a French wire story.

    python bench/make_pages.py OUT_DIR --pages 1000 [--seed 1]

Each page is 60-120 KB as a browser saves it: a head with scripts, styles, Open Graph and
JSON-LD, a menu, share buttons, the story (sentences of the sample articles, recombined), a
related-links box, comments and a footer. Every page is its own story (its own id).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MENU = ["Accueil", "Politique", "Économie", "Monde", "Société", "Culture", "Sport", "Vidéos"]


def sentences() -> list[str]:
    text = " ".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    found = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [s for s in found if 60 <= len(s) <= 400]


def page(rng: random.Random, pool: list[str], number: int) -> str:
    story = [" ".join(rng.sample(pool, rng.randint(2, 4))) for _ in range(rng.randint(6, 14))]
    title = f"{rng.choice(pool)[:70].rstrip(' ,.')} ({number})"
    date = f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": f"{date}T08:00:00+07:00",
        "author": {"@type": "Person", "name": "Rédaction"},
        "publisher": {"@type": "Organization", "name": "Exemple Infos"},
    }
    # Scripts and styles as saved pages carry them: most of a real page's bytes.
    script = "var cfg = {" + ",".join(f'"k{i}": {rng.random():.6f}' for i in range(900)) + "};"
    style = "".join(f".c{i}{{margin:{i % 9}px;color:#{i:06x}}}" for i in range(1200))
    related = "".join(
        f'<li><a href="/a/{rng.randint(1, 99999)}">{html.escape(rng.choice(pool)[:80])}</a></li>'
        for _ in range(12)
    )
    comments = "".join(
        f'<div class="comment"><b>Lecteur {i}</b><p>{html.escape(rng.choice(pool))}</p></div>'
        for i in range(rng.randint(0, 8))
    )
    body = "".join(f"<p>{html.escape(p)}</p>" for p in story)
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>{html.escape(title)} | Exemple Infos</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Exemple Infos">
<meta property="article:published_time" content="{date}T08:00:00+07:00">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<style>{style}</style><script>{script}</script></head>
<body><header><nav><ul>{menu}</ul></nav></header>
<main><article><h1>{html.escape(title)}</h1>
<div class="share"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">Copier le lien</a></div>
{body}</article>
<aside class="related"><h2>Voir plus</h2><ul>{related}</ul></aside>
<section class="comments"><h3>Commentaires</h3>{comments}</section></main>
<footer><p>Adresse : 1 rue Exemple</p><p>© Exemple Infos</p></footer>
<script>{script}</script></body></html>
"""


def make_pages(out: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    pool = sentences()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = out / f"page-{number:05d}.html"
        path.write_text(page(rng, pool, number), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_pages(args.out, args.pages, args.seed)


if __name__ == "__main__":
    main()
