"""Small invented pages and feeds for the fetch tests."""

from __future__ import annotations

from html import escape

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"

VENDANGES = (
    "Les vendanges ont commencé lundi à Saint-Aubin-des-Vignes, avec dix jours d’avance sur "
    "le calendrier habituel, a annoncé la coopérative du village dans un communiqué.",
    "« Le raisin est sain et bien mûr, mais les grappes sont petites », résume Odile "
    "Carpentras, qui exploite douze hectares sur les coteaux depuis vingt-trois ans.",
    "La sécheresse de juillet a réduit les volumes d’environ un cinquième, selon les premières "
    "estimations, et les viticulteurs craignent une hausse des prix à la rentrée.",
)
MARCHE = (
    "Le marché couvert de Villeneuve-sur-Brume rouvrira ses portes samedi matin après huit "
    "mois de travaux, a confirmé la mairie lors du conseil municipal de jeudi soir.",
    "Les trente-deux étals ont été refaits à neuf et une halle vitrée abrite désormais les "
    "producteurs de fromage, de miel et de légumes venus des fermes alentour.",
    "Le chantier a coûté un million et demi d’euros, financés pour moitié par la région, "
    "a précisé l’adjoint chargé du commerce, Baptiste Lherminier.",
)
FANFARE = (
    "La fanfare des Sapeurs de Montcornet a fêté dimanche ses cent ans d’existence devant "
    "plus de quatre cents personnes réunies sur la place de l’église.",
    "Fondée en 1924 par un instituteur passionné de cuivres, elle compte aujourd’hui vingt-six "
    "musiciens, dont le plus jeune, Théo, n’a que onze ans.",
    "Le maire a remis la médaille de la commune à Germaine Vauquelin, qui joue du tuba dans "
    "la formation depuis plus de cinquante ans.",
)


def page(title: str, paragraphs: tuple[str, ...], *, meta_charset: str | None = None) -> str:
    """A news page as a small site would write it: navigation, the article, a footer."""
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="fr"><head>{meta}<title>{escape(title)} – L’Écho des Collines</title></head>
<body>
<nav><a href="/">Accueil</a> <a href="/region">Région</a> <a href="/sport">Sport</a></nav>
<article><h1>{escape(title)}</h1>
{body}
</article>
<footer><p>© L’Écho des Collines – Tous droits réservés</p></footer>
</body></html>
"""


def rss(title: str, items: list[tuple[str, str, str]], *, full_text: bool = False) -> bytes:
    """An RSS 2.0 feed of (title, link, summary) items; with `full_text`, each item also
    carries a long text in content:encoded."""
    entries = []
    for item_title, link, summary in items:
        content = ""
        if full_text:
            paragraphs = "".join(f"<p>{summary} {p}</p>" for p in (*VENDANGES, *MARCHE))
            content = f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>"
        entries.append(
            f"<item><title>{escape(item_title)}</title><link>{escape(link)}</link>"
            f"<description>{escape(summary)}</description>{content}"
            "<pubDate>Mon, 02 Sep 2024 08:00:00 GMT</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>https://echo-des-collines.example/</link>"
        f"<description>Les nouvelles du canton</description><language>fr</language>"
        f"{''.join(entries)}</channel></rss>\n"
    ).encode()


# A billion laughs, small: refused before any parser expands it.
XML_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY rire "ha">
  <!ENTITY rires "&rire;&rire;&rire;&rire;&rire;&rire;&rire;&rire;&rire;&rire;">
  <!ENTITY fou-rire "&rires;&rires;&rires;&rires;&rires;&rires;&rires;&rires;&rires;">
]>
<rss version="2.0"><channel><title>&fou-rire;</title>
<item><title>&fou-rire;</title><link>http://127.0.0.1:9/piege</link></item>
</channel></rss>
"""
