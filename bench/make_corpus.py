"""Generate a realistic synthetic corpus: French-like wire stories with the seeds' messiness.

    python bench/make_corpus.py OUT_DIR --articles 10000 [--seed 1]

Each file is built from sentences of the sample articles, recombined, with the boilerplate the
cleaner must remove (date headers glued to titles, photo credits and captions, related-link
lines, sign-offs, publisher footers), dates spread over 2015–2026 at day, month and year
precision, some undated, in UTF-8 and a few in cp1252 with CRLF line ends.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

PEOPLE = [
    "Tô Lâm",
    "Donald Trump",
    "Lê Hoài Trung",
    "Antony Blinken",
    "Jake Sullivan",
    "Joe Biden",
    "Samantha Power",
    "Nguyễn Phú Trọng",
    "Phạm Minh Chính",
    "Bùi Thanh Sơn",
    "Marc Knapper",
    "Kamala Harris",
    "Võ Văn Thưởng",
    "Lương Cường",
    "Tammy Duckworth",
    "John Kerry",
]
TITLES = [
    "le secrétaire général",
    "le président",
    "le Premier ministre",
    "le ministre des Affaires étrangères",
    "l'ambassadeur",
    "la sénatrice",
    "le conseiller",
    "la directrice",
]
TOPICS = [
    "les échanges commerciaux",
    "la balance commerciale",
    "les investissements",
    "les séquelles de la guerre",
    "la dioxine",
    "les munitions non explosées",
    "le changement climatique",
    "les énergies vertes",
    "la science et la technologie",
    "l'éducation et la formation",
    "la défense et la sécurité",
    "la santé publique",
    "les échanges entre les peuples",
    "l'ASEAN",
    "l'ONU",
    "la paix à Gaza",
]


def _seed_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 80 and not line.startswith((">>", " date")) and "Photo" not in line:
                sentences += [s for s in re.split(r"(?<=\.)\s+", line) if len(s) > 40]
    return sentences


def _date_header(rng: random.Random) -> str:
    roll = rng.random()
    year = rng.randint(2015, 2026)
    if roll < 0.08:
        return ""
    if roll < 0.12:
        return f" date {year} "
    if roll < 0.55:
        return f" date {year}-{rng.randint(1, 12):02d} "
    return f" date {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "


def make_article(rng: random.Random, sentences: list[str], number: int) -> str:
    person, other = rng.sample(PEOPLE, 2)
    title = f"{rng.choice(TITLES).capitalize()} {person} et {rng.choice(TOPICS)} (n° {number})"
    lines = [_date_header(rng) + title, ""]
    if rng.random() < 0.3:
        lines += [f">> {rng.choice(TITLES).capitalize()} {other} reçoit une délégation", ""]
    for _ in range(rng.randint(4, 12)):
        body = " ".join(rng.sample(sentences, rng.randint(1, 3)))
        if rng.random() < 0.4:
            speaker = f"{rng.choice(TITLES).capitalize()} {rng.choice(PEOPLE)}"
            body += f" {speaker} a évoqué {rng.choice(TOPICS)}."
        lines += [body, ""]
        if rng.random() < 0.1:
            lines += ["Une vue de la rencontre.", "Photo : VNA/CVN", ""]
    lines.append(rng.choice(["VNA/CVN", "", "– VNA"]))
    if rng.random() < 0.2:
        lines += ["", "Rédactrice en chef : Nguyễn Hồng Nga", "", "back to top"]
    return "\n".join(lines) + "\n"


def write_corpus(out: Path, articles: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    sentences = _seed_sentences()
    out.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        text = make_article(rng, sentences, n)
        folder = out / f"{n // 1000:03d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"{n:06d}.txt"
        if n % 50 == 7:
            path.write_bytes(text.replace("\n", "\r\n").encode("cp1252", errors="replace"))
        else:
            path.write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
