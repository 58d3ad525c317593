"""The pieces the cleaning rules are written with: agencies, dates, credits, the words of a
page's buttons. Kept apart from the rule table so that the table reads as a list of reasons."""

from __future__ import annotations

import re

# Wire services and their house codes, as sign-offs and credits write them. `CV` is VNA/CVN
# cut short by a scraper; `NDEL` is Nhân Dân's wire code.
AGENCIES = (
    "VNA", "CVN", "CV", "TTXVN", "NDEL", "NDO", "VOV", "VOVWORLD", "VOVworld", "AVI", "VTV",
    "AFP", "Reuters", "AP", "Xinhua", "Kyodo", "Yonhap", "dpa", "DPA", "EFE", "ANSA", "Belga",
    "ATS", "Keystone-ATS", "Keystone/ATS", "Bernama", "Antara", "PTI", "KCNA", "TASS",
    "Sputnik", "Prensa Latina", "APS",
)  # fmt: skip
# Agencies written out in full, and the code the sign-offs use for them.
AGENCY_NAMES = {
    "agence france-presse": "AFP", "agence france presse": "AFP", "associated press": "AP",
    "agence vietnamienne d'information": "VNA", "agence vietnamienne d’information": "VNA",
    "agence de presse xinhua": "Xinhua", "agence télégraphique suisse": "ATS",
}  # fmt: skip
AGENCY_NAME = r"(?:" + "|".join(re.escape(n) for n in AGENCY_NAMES) + r")"
AGENCY = r"(?:" + "|".join(sorted(AGENCIES, key=len, reverse=True)) + r")"
AGENCY_CHAIN = AGENCY + r"(?:\s*/\s*" + AGENCY + r")*"

# A credit names an agency or a photographer: "VNA", "Thanh Tuân/VNA/CVN", "Twitter/@x",
# "NAME / lepetitjournal.com" (a dot inside a word is no sentence's end).
CREDIT = r"[^\s.!?:;](?:[^.!?:;]|\.(?=\w)){0,60}"
# A photographer and an agency: "TUNG DAO / AFP", "Ly Thanh Tùng / AFP", "NAME/AP".
NAME_SLASH_AGENCY = r"[A-ZÀ-ÝĐ][\w'’.-]*(?:\s+[\w'’.-]+){0,4}\s*/\s*" + AGENCY_CHAIN

MONTHS = (
    r"(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec|jan|feb|mar|apr"
    r"|may|jun|jul|aug|sep)[a-zéû]*\.?"
)
DATE = (
    r"(?:(?:[a-zé]+,?\s+)?\d{1,2}(?:er)?\s+" + MONTHS + r"\s+\d{4}"
    r"|" + MONTHS + r"\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
TIME = r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*\(?(?:GMT|UTC)\s*[+-]?\d{0,2}\)?)?"
DATE_TIME = r"(?:" + DATE + r"(?:\s*(?:[-–,|à]|at)?\s*" + TIME + r")?|" + TIME + r")"
PUBLISHED = (
    r"(?:ce contenu a été )?(?:publié|mis à jour|modifié|actualisé|published|updated|posted"
    r"|créé|created)e?(?:\s+(?:le|on|à|at|sur))?\s*:?"
)
# "Publié le 8 août 2024 à 07h15", alone or followed by "- Mis à jour le …".
STAMP = (
    r"(?:" + PUBLISHED + r"\s*(?:" + DATE_TIME + r")?|(?:le\s+)?" + DATE_TIME + r")"
    # "… à 9h45 (mis à jour à 15h10)"
    r"(?:\s*\((?:mis à jour|modifié|actualisé)[^()]{0,40}\))?"
)
# An ISO 8601 timestamp as agency systems print it: 2024-04-18T02:12:44Z, …+07:00.
ISO_TIMESTAMP = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"

# The labels of a page's buttons and boxes, each alone on a line or run together on one
# ("Partager Facebook Twitter Zalo Imprimer"). Case is ignored; `’` and `'` both match.
BUTTONS = (
    "partager", "partager l'article", "partager l'article sur facebook",
    "partager l'article sur x", "partager sur facebook", "partager sur x",
    "envoyer l'article par mail", "envoyer par e-mail", "copier le lien", "lien copié",
    "commenter", "réagir", "offrir", "offrir l'article", "sauvegarder", "lire plus tard",
    "ajouter à mes favoris", "imprimer", "envoyer", "tweeter", "facebook", "x", "twitter",
    "whatsapp", "linkedin", "e-mail", "email", "mail", "zalo", "messenger", "telegram",
    "écouter", "écouter cet article", "écouter en direct", "en direct", "télécharger",
    "suivre", "s'abonner", "se connecter", "connexion", "déconnexion", "mon compte",
    "rechercher", "recherche", "menu", "fermer", "publicité", "passer la publicité",
    "accepter et afficher", "je m'inscris", "je m'abonne", "s'inscrire", "valider",
    "votre adresse e-mail", "votre adresse mail", "votre nom", "votre e-mail",
    "votre commentaire", "réutiliser ce contenu", "contribuer", "newsletter", "découvrir",
    "mentions légales", "nous contacter", "contact", "contacts", "qui sommes-nous",
    "gérer mes cookies", "gestion des cookies", "politique de confidentialité",
    "paramètres de confidentialité", "conditions d'utilisation", "cgu", "charte du groupe",
    "passer au contenu principal", "aller au contenu", "accueil", "home", "image", "photo",
    "vidéo", "video", "audio", "choisir une autre édition", "changer d'édition", "inscription",
    "agrandir l'image", "voir la vidéo", "lire la vidéo", "voir les commentaires", "écouter",
    "diaporama", "infographie", "plein écran", "agrandir", "fr", "en", "es",
)  # fmt: skip
_BUTTON = r"(?:" + "|".join(re.escape(b).replace("'", "['’]") for b in BUTTONS) + r")"
BUTTON_RUN = r"(?:" + _BUTTON + r")(?:\s*[|:·•,/]?\s*(?:" + _BUTTON + r"))*\s*[:?]?"

# Headings of the boxes that follow a story: keywords, related stories, most read.
TAIL_HEADINGS = (
    r"mots[- ]cl[ée]s|tags?|sujets(?: liés| associés)?|thèmes|thématiques|keywords"
    r"|voir plus|voir aussi|en savoir plus|sur le même sujet|sur le même thème"
    r"|articles? (?:liés|similaires|associés|recommandés)|autres articles|autres|à voir aussi"
    r"|dans la même rubrique|(?:articles )?les plus (?:lus|partagés|commentés)|plus"
    r"|à voir en vidéo|à voir aussi|plus d['’]actualités"
    r"|plus d['’]articles|vous pourriez être intéressée?s? par|vous aimerez aussi"
    r"|(?:à |a )?lire aussi|à lire également|la rédaction vous conseille|nos lecteurs ont lu"
    r"|lire l['’]article original|commentaires?(?: \(\d+\))?|valeurs citées dans l['’]article"
    r"|contenus sponsorisés|les vidéos|dernières (?:infos|actualités|nouvelles)|source|sources"
    r"|related(?: articles| stories)?|read more|most read|more stories"
)
