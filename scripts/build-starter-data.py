#!/usr/bin/env python3
"""Build Vigil's starter dataset (data/sources, actors, products, relationships, misp).

    python3 scripts/build-starter-data.py [--facts PATH] [--misp DIR]

Reads the researched fact base (../shared/facts/facts.json), the ISO 3166-1 list
(data/reference/iso3166-1.json) and the curated overlay below, and rewrites the four record folders
from scratch. Standard library only; the YAML is written by hand, deterministic and sorted. A
validation pass at the end checks references, country codes, citations and the privacy rule (no
person targeted with spyware may appear anywhere under data/) and exits non-zero on any failure.

Incidents (data/incidents/, targets by pseudonym only), measures (data/measures/), frameworks with their
commitments (data/frameworks/) and endorsements (data/endorsements/) are records too; framework
signatories also go to data/reference/signatories.json. Statistics are not loaded: Vigil computes them.
"""

import argparse
import hashlib
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ACCESSED = "2026-11-22"  # the fact base's generation date
ISO_SOURCE = "iso-3166-1"

# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------

_TRANSLIT = {"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae",
             "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "ð": "d"}


def ascii_fold(text):
    text = "".join(_TRANSLIT.get(c, c) for c in text)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slugify(text, max_len=80):
    s = ascii_fold(text).lower().replace("'", "").replace("’", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > max_len:
        s = s[:max_len].rsplit("-", 1)[0]
    return s


def norm_words(text):
    """Lower-case ASCII words separated by single spaces, padded: for whole-word matching."""
    return " " + re.sub(r"[^a-z0-9]+", " ", ascii_fold(text).lower()).strip() + " "


# --------------------------------------------------------------------------------------------
# YAML writer (the subset the data files use)
# --------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .,'()/&+-]*$")
_RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def scalar(value, force_quote=False):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    s = str(value)
    if not force_quote and _PLAIN.match(s) and s.lower() not in _RESERVED and not s.endswith(" "):
        return s
    return json.dumps(s, ensure_ascii=False)


# keys whose values are always quoted (dates, identifiers)
QUOTED_KEYS = {"published", "accessed", "start", "end", "value"}


def emit(record, order):
    lines = []
    for key in order:
        if key not in record:
            continue
        value = record[key]
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    first = True
                    for k, v in item.items():
                        if v is None or v == "":
                            continue
                        prefix = "  - " if first else "    "
                        lines.append(f"{prefix}{k}: {scalar(v, k in QUOTED_KEYS)}")
                        first = False
                else:
                    lines.append(f"  - {scalar(item)}")
        else:
            lines.append(f"{key}: {scalar(value, key in QUOTED_KEYS)}")
    return "\n".join(lines) + "\n"


SOURCE_ORDER = ["id", "title", "publisher", "url", "kind", "published", "accessed", "reliability",
                "marking", "status"]
ACTOR_ORDER = ["id", "kind", "name", "country", "description", "start", "end", "dependentTerritory",
               "marking", "status", "aliases", "identifiers", "citations"]
PRODUCT_ORDER = ["id", "name", "kind", "description", "capabilities", "aliases", "marking", "status",
                 "citations"]
REL_ORDER = ["id", "type", "from", "to", "role", "share", "start", "end", "confidence", "description",
             "marking", "status", "citations"]

# --------------------------------------------------------------------------------------------
# Curated overlay: publishers, source grades and titles
# --------------------------------------------------------------------------------------------

# host (without www.) -> (publisher, kind, reliability)
HOSTS = {
    # governments, parliaments, official journals: A
    "gov.uk": ("UK Government", "government-notice", "A"),
    "regjeringen.no": ("Government of Norway", "government-notice", "A"),
    "diplomatie.gouv.fr": ("French Ministry for Europe and Foreign Affairs", "government-notice", "A"),
    "europarl.europa.eu": ("European Parliament", "government-notice", "A"),
    "oeil.europarl.europa.eu": ("European Parliament Legislative Observatory", "government-notice", "A"),
    "eur-lex.europa.eu": ("EUR-Lex (Official Journal of the EU)", "government-notice", "A"),
    "regulations.justia.com": ("Federal Register (via Justia Regulations)", "government-notice", "A"),
    "federal.elaws.us": ("Federal Register (via eLaws)", "government-notice", "B"),
    "presidency.ucsb.edu": ("The American Presidency Project (UC Santa Barbara)", "government-notice", "A"),
    # research labs, NGOs, think tanks: B
    "citizenlab.ca": ("Citizen Lab", "report", "B"),
    "deibert.citizenlab.ca": ("Citizen Lab", "report", "B"),
    "securitylab.amnesty.org": ("Amnesty International Security Lab", "report", "B"),
    "amnistia.org": ("Amnesty International", "report", "B"),
    "accessnow.cshp.co": ("Access Now (mirror)", "report", "C"),
    "eff.org": ("Electronic Frontier Foundation", "report", "B"),
    "ecchr.eu": ("European Center for Constitutional and Human Rights", "report", "B"),
    "business-humanrights.org": ("Business & Human Rights Resource Centre", "report", "B"),
    "rusi.org": ("Royal United Services Institute", "report", "B"),
    "orfamerica.org": ("ORF America", "report", "B"),
    "centerforcybersecuritypolicy.org": ("Center for Cybersecurity Policy and Law", "report", "B"),
    "cpj.org": ("Committee to Protect Journalists", "report", "B"),
    "ipi.media": ("International Press Institute", "report", "B"),
    "forbiddenstories.org": ("Forbidden Stories", "article", "B"),
    "salam-dhr.org": ("SALAM for Democracy and Human Rights", "report", "C"),
    "cadeproject.org": ("CADE Project", "report", "C"),
    "womeninjournalism.org": ("Coalition For Women In Journalism", "report", "C"),
    "blueprintforfreespeech.net": ("Blueprint for Free Speech", "report", "C"),
    "hlhr.org": ("HLHR", "report", "C"),
    "rights2all.org": ("Rights2All", "report", "D"),
    "rightscorridor.com": ("Rights Corridor", "article", "D"),
    "themis-sedziowie.eu": ("Themis Association of Judges", "report", "C"),
    "balcanicaucaso.org": ("OBC Transeuropa", "article", "B"),
    "digitalpolicyalert.org": ("Digital Policy Alert", "report", "C"),
    "capturecascade.org": ("Capture Cascade", "other", "D"),
    # major outlets: B
    "axios.com": ("Axios", "article", "B"),
    "theguardian.com": ("The Guardian", "article", "B"),
    "techcrunch.com": ("TechCrunch", "article", "B"),
    "aljazeera.com": ("Al Jazeera", "article", "B"),
    "haaretz.com": ("Haaretz", "article", "B"),
    "thehill.com": ("The Hill", "article", "B"),
    "theintercept.com": ("The Intercept", "article", "B"),
    "huffpost.com": ("HuffPost", "article", "B"),
    "cyberscoop.com": ("CyberScoop", "article", "B"),
    "therecord.media": ("Recorded Future News", "article", "B"),
    "recordedfuture.com": ("Recorded Future", "article", "B"),
    "euractiv.com": ("Euractiv", "article", "B"),
    "straitstimes.com": ("The Straits Times", "article", "B"),
    "jpost.com": ("The Jerusalem Post", "article", "B"),
    "vice.com": ("VICE", "article", "B"),
    "upi.com": ("UPI", "article", "B"),
    "dawn.com": ("Dawn", "article", "B"),
    "japannews.yomiuri.co.jp": ("The Japan News (AP)", "article", "B"),
    "thestar.com": ("Toronto Star", "article", "B"),
    "thewire.in": ("The Wire", "article", "B"),
    "cms.thewire.in": ("The Wire", "article", "B"),
    "elfaro.net": ("El Faro", "article", "B"),
    "middleeasteye.net": ("Middle East Eye", "article", "B"),
    "scworld.com": ("SC Media", "article", "B"),
    "dailyherald.com": ("Daily Herald", "article", "B"),
    "cyprus-mail.com": ("Cyprus Mail", "article", "B"),
    "gnet.globes.co.il": ("Globes", "article", "B"),
    "en.globes.co.il": ("Globes", "article", "B"),
    "i24news.tv": ("i24NEWS", "article", "B"),
    "wiadomosci.dziennik.pl": ("Dziennik.pl", "article", "B"),
    "gazetaprawna.pl": ("Dziennik Gazeta Prawna", "article", "B"),
    "forsal.pl": ("Forsal.pl", "article", "C"),
    "polsatnews.pl": ("Polsat News", "article", "B"),
    "tvn24.pl": ("TVN24", "article", "B"),
    "polskieradio.pl": ("Polskie Radio", "article", "B"),
    "in.gr": ("in.gr", "article", "B"),
    "fanpage.it": ("Fanpage.it", "article", "B"),
    "rai.tv": ("RAI", "article", "B"),
    "azatutyun.am": ("Radio Azatutyun (RFE/RL)", "article", "B"),
    "medianama.com": ("MediaNama", "article", "B"),
    "meritalk.com": ("MeriTalk", "article", "B"),
    "hstoday.us": ("Homeland Security Today", "article", "B"),
    "civilserviceworld.com": ("Civil Service World", "article", "B"),
    "europe.newsweek.com": ("Newsweek", "article", "B"),
    "elperiodico.com": ("El Periódico", "article", "B"),
    "lasexta.com": ("laSexta", "article", "B"),
    "opovo.com.br": ("O Povo", "article", "C"),
    "elnacional.cat": ("El Nacional", "article", "C"),
    "diaridegirona.cat": ("Diari de Girona", "article", "C"),
    "laprovincia.es": ("La Provincia", "article", "C"),
    "punto-informatico.it": ("Punto Informatico", "article", "C"),
    "cybernews.com": ("Cybernews", "article", "C"),
    "securityboulevard.com": ("Security Boulevard", "article", "C"),
    "silicon.co.uk": ("Silicon UK", "article", "C"),
    "theepochtimes.com": ("The Epoch Times", "article", "C"),
    "newarab.com": ("The New Arab", "article", "C"),
    "middleeastmonitor.com": ("Middle East Monitor", "article", "C"),
    "bastillepost.com": ("Bastille Post", "article", "C"),
    "timesca.com": ("The Times of Central Asia", "article", "C"),
    "dnews.gr": ("Dnews", "article", "C"),
    "govwatch.gr": ("GovWatch", "report", "C"),
    "tradelawdaily.com": ("Trade Law Daily", "article", "C"),
    "stage.exportcompliancedaily.com": ("Export Compliance Daily", "article", "C"),
    "worldecr.com": ("WorldECR", "article", "C"),
    "davispolk.com": ("Davis Polk", "article", "C"),
    "link.law.com": ("Law.com", "article", "C"),
    "mybroadband.co.za": ("MyBroadband", "article", "C"),
    "finanznachrichten.de": ("finanznachrichten.de", "article", "C"),
    "urdupoint.com": ("UrduPoint", "article", "C"),
    "en.dailypakistan.com.pk": ("Daily Pakistan", "article", "C"),
    "unn.ua": ("UNN", "article", "C"),
    "globalist.it": ("Globalist", "article", "C"),
    "opinione.it": ("L'Opinione", "article", "C"),
    "ilglobo.com": ("Il Globo", "article", "C"),
    "matricedigitale.it": ("Matrice Digitale", "article", "C"),
    "nextinpact.com": ("Next INpact", "article", "C"),
    "thenationalherald.com": ("The National Herald", "article", "C"),
    "thenational-the-national-prod.cdn.arcpublishing.com": ("The National (CDN copy)", "article", "C"),
    "ca.finance.yahoo.com": ("Yahoo Finance", "article", "C"),
    "ca.sports.yahoo.com": ("Yahoo", "article", "C"),
    "es.marketscreener.com": ("MarketScreener", "article", "C"),
    "menafn.com": ("MENAFN", "article", "D"),
    "oodaloop.com": ("OODA Loop", "article", "C"),
    "miragenews.com": ("Mirage News", "article", "D"),
    "scoop.co.nz": ("Scoop", "article", "D"),
    "channellife.co.nz": ("ChannelLife", "article", "C"),
    "technadu.com": ("TechNadu", "article", "C"),
    "vpnmentor.com": ("vpnMentor", "article", "D"),
    "usaherald.com": ("USA Herald", "article", "C"),
    "indiandefensenews.in": ("Indian Defence News", "article", "D"),
    "thecaravelgu.com": ("The Caravel", "article", "C"),
    "bahrainmirror.com": ("Bahrain Mirror", "article", "C"),
    "rue20.com": ("Rue20", "article", "C"),
    "bladi.net": ("Bladi.net", "article", "C"),
    "trtarabi.com": ("TRT Arabi", "article", "C"),
    "exit.al": ("Exit News", "article", "C"),
    "parliamenttoday.com": ("Parliament Today", "article", "D"),
    "theiranproject.ir": ("The Iran Project", "article", "D"),
    "lechodusud.com": ("L'Écho du Sud", "article", "D"),
    "prabhasakshi.com": ("Prabhasakshi", "article", "C"),
    "splainer.in": ("Splainer", "article", "C"),
    "sentieriselvaggi.it": ("Sentieri Selvaggi", "article", "D"),
    "cybersecurityup.it": ("CybersecurityUP", "article", "D"),
    "abijita.com": ("Abijita", "article", "D"),
    "devdiscourse.com": ("Devdiscourse", "article", "D"),
    "imtr.net": ("IMTR", "article", "D"),
    "cybercercle.com": ("Cybercercle", "article", "C"),
    "candid.technology": ("Candid.Technology", "article", "C"),
    "afcea.org": ("AFCEA Signal", "article", "C"),
    "wired-gov.net": ("Wired-Gov", "article", "C"),
    "globalsecuritywire.com": ("Global Security Wire", "article", "D"),
    "cert.bournemouth.ac.uk": ("Bournemouth University CERT (news digest)", "article", "D"),
    "secureworld.io": ("SecureWorld", "article", "C"),
    "infosectoday.com": ("Infosec Today", "article", "D"),
    "wp.dig.watch": ("Digital Watch Observatory", "article", "C"),
    "bharathorizon.com": ("Bharat Horizon", "article", "D"),
    "robots.net": ("Robots.net", "article", "D"),
    "thewashingtonfederalist.com": ("The Washington Federalist", "article", "D"),
    "itmagazine.com": ("IT Magazine", "article", "D"),
    "evrimagaci.org": ("Evrim Ağacı", "article", "D"),
    "en.shiftdelete.net": ("ShiftDelete", "article", "D"),
    "en.wikipedia.org": ("Wikipedia", "other", "D"),
    "wikimili.com": ("WikiMili (Wikipedia mirror)", "other", "D"),
    "docslib.org": ("DocsLib", "other", "D"),
    "discuss.privacyguides.net": ("Privacy Guides forum", "other", "D"),
    "lucdream.com": ("Reddit mirror (lucdream.com)", "other", "F"),
    "carder.market": ("carder.market forum", "other", "F"),
    "d33gy59ovltp76.cloudfront.net": ("unidentified CDN host", "article", "F"),
    "magical-lebkuchen-034498.netlify.app": ("unidentified aggregator (netlify.app)", "other", "D"),
    "main.d358xbzettaslu.amplifyapp.com": ("unidentified aggregator (amplifyapp.com)", "article", "D"),
    "all-global-news.pages.dev": ("All Global News (aggregator)", "article", "D"),
    "legistrack.vercel.app": ("LegisTrack (aggregator)", "other", "D"),
    "bakherad.blogspot.com": ("blog (bakherad.blogspot.com)", "article", "D"),
    "moudawanat7.blogspot.com": ("blog (moudawanat7.blogspot.com)", "article", "D"),
    "talanews.blogspot.com": ("Tala News blog", "article", "D"),
    "michaelkans.blog": ("Michael Kans blog", "article", "D"),
    "news.firedoglake.com": ("Firedoglake", "article", "D"),
    "klse.i3investor.com": ("i3investor blog", "article", "D"),
}

# URLs whose path gives no readable title: the title the fact base gives the document.
TITLES = {
    "https://thestartup.report/?p=790": "Variston: founders and liquidation of the Barcelona exploit vendor",
    "https://link.law.com/public/39789613": "WhatsApp v. NSO Group: verdict and rulings (Law.com)",
    "https://regulations.justia.com/regulations/fedreg/2021/11/04":
        "Federal Register, 4 November 2021: Addition of Certain Entities to the Entity List (FR Doc 2021-24123)",
    "https://regulations.justia.com/regulations/fedreg/2023/03/30/2023-06730.html":
        "Executive Order 14093: Prohibition on Use by the United States Government of Commercial Spyware (FR Doc 2023-06730)",
    "http://federal.elaws.us/fr/7/19/2023/2023-15343":
        "Federal Register, 19 July 2023: Additions to the Entity List (FR Doc 2023-15343)",
    "https://thedailytechfeed.com/?p=5421": "Jury orders NSO Group to pay WhatsApp damages (May 2025)",
    "https://usaherald.com/?p=77128": "WhatsApp sues NSO Group (USA Herald)",
    "https://moudawanat7.blogspot.com": "Blog post citing Freedom on the Net spyware figures",
    "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ%3AC_202404226":
        "European Parliament recommendation following the PEGA inquiry (OJ C 2024/4226)",
    "https://oeil.europarl.europa.eu/oeil/en/document-summary?id=1767296":
        "Legislative Observatory summary: PEGA committee inquiry report",
    "https://www.europarl.europa.eu/committees/en/pega/home/press-releases":
        "PEGA committee press releases",
    "https://rue20.com/329564.html": "Moroccan rights defenders targeted with Pegasus (Rue20)",
    "http://stage.exportcompliancedaily.com/topic/drawback?BC=bc_673a7b22e4d28&p=103&search_id=33":
        "Export Compliance Daily: Treasury sanctions five individuals and one entity tied to Intellexa",
    "https://www.gov.uk/government/publications/the-pall-mall-process-code-of-practice-for-states/the-pall-mall-process-code-of-practice-for-states":
        "The Pall Mall Process Code of Practice for States",
    "https://www.gov.uk/government/publications/the-pall-mall-process-declaration-tackling-the-proliferation-and-irresponsible-use-of-commercial-cyber-intrusion-capabilities/the-pall-mall-process-tackling-the-proliferation-and-irresponsible-use-of-commercial-cyber-intrusion-capabilities":
        "The Pall Mall Process Declaration: tackling the proliferation and irresponsible use of commercial cyber intrusion capabilities",
    "https://www.presidency.ucsb.edu/documents/executive-order-14093-prohibition-use-the-united-states-government-commercial-spyware-that":
        "Executive Order 14093: Prohibition on Use by the United States Government of Commercial Spyware",
    "https://main.d358xbzettaslu.amplifyapp.com/en/article/e732b314cc4b3bf59ba420cc4856cdf2":
        "Paragon Solutions: founders, chairman and Italian contracts (aggregated article)",
    "https://legistrack.vercel.app/bills/eo/cmga4yfu1004fvgjo6j7zrc5j": "Executive Order 14093 (LegisTrack entry)",
    "https://magical-lebkuchen-034498.netlify.app/countries/MA.html": "Morocco country page (spyware aggregator)",
    "https://24newsbulletin.com/technology/24051.html": "PEGA committee rapporteur on spyware abuse (24 News Bulletin)",
    "https://www.azatutyun.am/a/32427763.html": "Pegasus targeting of Armenian civil society (Azatutyun)",
    "http://www.bahrainmirror.com/en/news/61205.html": "Pegasus infections of Bahraini lawyers and journalists (Bahrain Mirror)",
    "https://bindinghook.com/?p=2855": "Pall Mall Process Code of Practice and its signatories (Binding Hook)",
    "https://japannews.yomiuri.co.jp/news-services/ap/20240307-173057": "US sanctions Intellexa spyware founder and associates (AP)",
    "https://www.parliamenttoday.com/members/viewnews.html?id=153033": "Growth of the commercial cyber intrusion sector (Parliament Today)",
    "https://reportes365.com/?p=8928": "El Faro staff targeted with Pegasus (Reportes365)",
    "https://en.wikipedia.org/wiki/CatalanGate": "CatalanGate (Wikipedia)",
    "https://www.huffpost.com/entry/finspy-spyware-activists_n_2864579": "FinSpy spyware found targeting activists (HuffPost)",
    "https://klse.i3investor.com/web/blog/detail/future_tech/2023-04-25-story-h-272435556-Israeli_spyware_vendor_QuaDream_said_to_have_clients_in_S_pore_reported":
        "Israeli spyware vendor QuaDream said to have clients in Singapore",
}

PUBLISHED = {"http://federal.elaws.us/fr/7/19/2023/2023-15343": "2023-07-19",
             "https://japannews.yomiuri.co.jp/news-services/ap/20240307-173057": "2024-03-07"}

# Capitalisation of words in titles derived from URLs.
PROPER = {w.lower(): w for w in """NSO US USA UK EU ICE BIS OFAC CNI PEGA MEP MEPs FBI DEA HSI UN UAE AP NCSC BKA MIT
WhatsApp Intellexa Pegasus Predator Paragon Graphite Cytrox Candiru FinFisher FinSpy Variston QuaDream Memento Labs
Hacking Team Apple Meta Facebook Microsoft Google Treasury Commerce Pall Mall Citizen Lab Amnesty International Israel
Israeli Israels Greece Greek Italy Italian Spain Spanish France French Germany German Poland Polish Polands Hungary
Hungarian Cyprus Cypriot Mexico Mexican Mexicos Egypt Egyptian Morocco Moroccan Jordan Bahrain Saudi Arabia Rwanda
Thai India Indian Indians Armenia Uganda Serbia Serbian Vietnam Russian Barcelona Paris London Athens Europe
European America Americans Catalan Catalans Khashoggi Sandvine Sejm Senate Copasir Biden Blinken Kaczynski Fidesz
Doughtys Dilian Tal Jelena Sesar Predator Files Project Ghana Macedonia Ireland Irish Canada Uzbekistan Herzliya
Kosovo Wire Meduza Putins Sisi Boris Johnsons Fanpage Pall Paragons Intellexas Apple's Code Practice Process
Declaration Entity List Executive Order Freedom House Haaretz Davis Polk Daily Journal Faro Amnesty's Google's
Treasury's Trident Heliconia UFED Novispy RCS AISE AISI Alien Marczak Deibert""".split()}
PROPER.update({"u": "U", "s": "s"})

# Extra spellings of targets' names seen in URLs (transliterations, variants, other scripts).
EXTRA_TARGET_TOKENS = ["androylaki", "androulaki", "tantawi", "elbouchattaoui", "middleeasteye",
                       "أيمن نور"]
# Words that occur in target descriptions but are not identifying on their own.
NOT_IDENTIFYING = {"ahmed", "downing", "middle", "street", "network", "device", "individual",
                   "identified", "website", "others", "among", "teenage", "foreign", "office",
                   "commonwealth", "devices", "mohammed", "david", "michael", "chris", "emily",
                   "peters", "murphy", "pierre", "hiba", "adam", "omar", "anna", "lara", "rana",
                   "hala", "roman", "pedro", "luca", "giuseppe", "beppe", "simon", "alejandro",
                   "luis", "oscar", "martinez", "carmen", "emilio", "galina", "nikos", "mattia",
                   "ciro", "ayman", "ahmad", "sharifa", "thanasis"}

# --------------------------------------------------------------------------------------------
# Curated overlay: actors, products, relationships
# --------------------------------------------------------------------------------------------
# Each actor: slug -> dict(kind, name, country, description, start, end, aliases, status, cite)
# where cite is a list of (url, credibility). Relationships: (from, type, to, dict(...)).

U = {
    "nso": "https://cms.thewire.in/world/nso-group-founders-pegasus-spyware",
    "nso_globes": "https://gnet.globes.co.il/en/article-squabbling-threatens-15b-sale-of-nso-group-1001407395",
    "nso_lasexta": "https://www.lasexta.com/programas/al-rojo-vivo/asi-nso-group-compania-pegasus-fundada-espias-inteligencia-israeli-expertos-ciberarmamento_20220503627105caeb0a930001508481.html",
    "nso_wyoming": "https://wyomingstarnews.org/2025/10/21/us-judge-bans-israels-nso-group-from-targeting-whatsapp-cuts-damages-to-4m",
    "nso_citizenlab": "https://citizenlab.ca/2019/10/new-york-times-whatsapp-says-israeli-firm-used-its-app-in-spy-program/",
    "whatsapp_suit": "https://www.theguardian.com/technology/2019/oct/29/whatsapp-sues-israeli-firm-accusing-it-of-hacking-activists-phones",
    "apple_suit": "https://www.jpost.com/breaking-news/apple-sues-nso-group-for-targeting-its-users-686790",
    "entity_list_2021": "https://regulations.justia.com/regulations/fedreg/2021/11/04",
    "hstoday_2021": "https://www.hstoday.us/subject-matter-areas/cybersecurity/united-states-adds-foreign-companies-to-entity-list-for-malicious-cyber-activities/",
    "entity_list_2023": "http://federal.elaws.us/fr/7/19/2023/2023-15343",
    "tradelaw_2023": "https://tradelawdaily.com/article/2023/07/19/bis-adds-european-firms-to-entity-list-for-trafficking-in-cyber-exploits-2307180016?BC=bc_6742623a37ca8",
    "techcrunch_2023": "https://techcrunch.com/2023/07/18/us-government-adds-two-more-spyware-makers-on-deny-list/",
    "intellexa": "https://wp.dig.watch/updates/us-imposes-sanctions-on-intellexa-spyware-vendor",
    "axios": "https://www.axios.com/2024/03/05/treasury-spyware-sanctions-intellexa",
    "secureworld": "https://secureworld.io/industry-news/us-treasury-sanctions-intellexa-spyware",
    "cyprusmail": "https://cyprus-mail.com/2022/09/05/meps-may-visit-cyprus-over-spying-in-greece/",
    "bharat": "https://www.bharathorizon.com/technology/cybersecurity/us-removes-sanctions-on-3-intellexa-spyware-figures.html",
    "robots": "https://robots.net/news/us-imposes-sanctions-on-founder-of-spyware-maker-intellexa-for-targeting-americans",
    "dnews_verdict": "https://www.dnews.gr/eidhseis/news-in-english/574852/athens-court-hands-first-convictions-in-greece-s-predator-spyware-scandal",
    "cyberscoop": "https://cyberscoop.com/predator-intellexa-cytrox-sanctions/",
    "meritalk": "https://www.meritalk.com/articles/commerce-dept-blacklists-two-european-spyware-companies/",
    "candiru": "https://www.newsylist.com/software-from-israeli-group-used-to-spy-on-activists-and-journalists/",
    "candiru_jbn": "https://jewishbusinessnews.com/2021/11/03/u-s-israeli-spyware-companies-nso-candiru-endangering-national-security-and-interests",
    "candiru_nextinpact": "https://www.nextinpact.com/article/70649/meta-a-desactive-plusieurs-centaines-faux-comptes-lies-a-logiciels-espion",
    "finfisher": "https://www.ecchr.eu/en/press-release/after-criminal-complaint-by-civil-society-organizations-prosecutors-office-indicts-finfisher-executives/",
    "finfisher_huff": "https://www.huffpost.com/entry/finspy-spyware-activists_n_2864579",
    "finfisher_cl": "https://citizenlab.ca/2015/02/finfisher-research-cited-article-german-court-investigation",
    "finfisher_tt": "https://techtelegraph.co.uk/german-tech-executives-charged-over-export-control-breaches",
    "finfisher_bka": "https://limnews.com/news/2023-05-24-turkey--did-finfisher-sell-spyware-to-the-secret-service-.Bytxl8iS2.html",
    "ht": "https://www.vice.com/it/article/spyware-hacking-team-ritorno-nuova-azienda-memento-labs-paolo-lezzi/",
    "ht_eff": "https://www.eff.org/deeplinks/2015/07/hacking-team-leaks-reveal-spyware-industrys-growth",
    "memento_ceo": "https://traitcraft.com/ceo-of-spyware-maker-memento-labs-confirms-one-of-its-government-customers-wascaught-using-its-malware",
    "paragon": "https://evrimagaci.org/gpt/ice-restores-spyware-deal-with-paragon-solutions-after-us-takeover-496659?srsltid=AfmBOoqBF8EZMTBeGi8ghyJZWl2nBIQTGVCJ6MJRfpc9DEyr1tVEIt5L",
    "paragon_cl": "https://deibert.citizenlab.ca/2025/03/paragons-spyware-a-first-look-at-infrastructure-customers-and-victims",
    "paragon_amp": "https://main.d358xbzettaslu.amplifyapp.com/en/article/e732b314cc4b3bf59ba420cc4856cdf2",
    "paragon_ice": "https://itmagazine.com/2024/10/02/ice-awards-2-million-contract-to-paragon-solutions-for-surveillance-technology/",
    "paragon_suspected": "https://diethnos.com/paragon-spyware-six-countries-named-as-potential-customers",
    "copasir": "https://ilglobo.com/news/cancellato-e-don-mattia-ferrari-spiati-ma-non-dagli-007-italiani-129053",
    "variston": "https://thestartup.report/?p=790",
    "variston_ep": "https://www.elperiodico.com/es/tecnologia/20240206/google-acusa-barcelona-espionaje-empresa-ciberataque-virus-variston-97834627",
    "variston_vpn": "https://vpnmentor.com/news/google-report-commercial-spyware-vendors",
    "variston_imtr": "https://www.imtr.net/article/barcelona-based-spyware-startup-variston-reportedly-shuts-down-ae77",
    "quadream": "https://www.silicon.co.uk/e-regulation/governance/spyware-10-countries-citizen-lab-microsoft-506110/amp",
    "quadream_matrice": "https://www.matricedigitale.it/notizie/israele-blocca-vendita-spyware-a-marocco-quadream-chiude-i-battenti/?amp",
    "quadream_klse": "https://klse.i3investor.com/web/blog/detail/future_tech/2023-04-25-story-h-272435556-Israeli_spyware_vendor_QuaDream_said_to_have_clients_in_S_pore_reported",
    "nexa_globalist": "https://globalist.it/world/2021/11/28/azienda-francese-indagata-per-aver-venduto-allegitto-tecnologie-per-controllare-gli-oppositori-di-al-sisi/amp",
    "cellebrite": "https://genocidewatch.com/single-post/serbia-accused-of-spying-on-local-journalists-and-activists",
    "ipi_serbia": "https://ipi.media/rgent-need-for-a-swift-and-thorough-investigation-into-intelligence-and-police-invasive-surveillance-of-journalists-and-sources",
    "timesca": "https://timesca.com/uzbekistan-named-among-users-of-controversial-pegasus-spyware/",
    "thehill_mx": "https://thehill.com/policy/cybersecurity/319194-report-mexican-soda-tax-advocates-target-of-spyware-campaign",
    "euractiv_hu": "https://www.euractiv.com/section/politics/short_news/opposition-pressures-fidesz-over-pegasus-purchase/",
    "bodnar": "http://www.bastillepost.com/global/article/3774611-polands-prosecutor-general-says-previous-government-used-spyware-against-hundreds-of-people",
    "uae_nso": "https://www.civilserviceworld.com/professions/article/researchers-detect-multiple-spyware-infections-of-downing-st-and-fcdo-since-2020",
    "dawn": "https://dawn.com/news/1780264/eu-us-officials-targeted-with-european-malware-amnesty",
    "squid": "https://squidbusiness.fr/hack-of-egyptian-politicians-iphone-tied-to-tech-firm-sandvine",
    "pega": "https://www.europarl.europa.eu/committees/en/pega/home/press-releases",
    "pega_final": "https://tvn24.pl/tvn24-news-in-english/meps-investigating-spyware-cases-adopt-final-report-and-issues-recommendations-st7076652",
    "greece_eyp": "https://4imag.com/predator-the-greek-spyware-scandal/",
    "cni": "https://www.opovo.com.br/noticias/mundo/2022/05/10/diretora-do-servico-secreto-espanhol-demitida-apos-casos-de-espionagem-de-politicos.html",
    "mantovano": "https://www.sentieriselvaggi.it/guerre-di-rete-non-si-puo-star-zitti-sulla-vicenda-paragon/",
    "sejm": "https://thinkeurope.de/blog/kaczynski-has-been-summoned-to-provide-testimony-in-the-inquiry-regarding-the-utilization-of-pegasus-spyware-in-poland",
    "sejm_vote": "https://unn.ua/en/amp/polish-sejm-votes-to-establish-a-commission-of-inquiry-into-cases-of-surveillance-of-opposition-politicians",
    "senate_pl": "https://wiadomosci.dziennik.pl/polityka/artykuly/8332686,pegasus-senat-inwigilacja-komisja-nadzwyczajna-marcin-bosacki-jacek-bury-gabriela-morawska-stanecka-michal-kaminski-magdalena-kochan-slawomir-rybicki-wadim-tyszkiewicz-tomasz-grodzki.html",
    "dnews_trial": "https://www.dnews.gr/eidhseis/news-in-english/573324/greek-court-to-deliver-verdict-in-landmark-spyware-wiretapping-case",
    "dnews_prosecutor": "https://www.dnews.gr/eidhseis/news-in-english/571214/prosecutor-seeks-convictions-in-greece-s-illegal-predator-spyware-case",
    "accessnow": "https://accessnow.cshp.co/publication/hacking-meduza-pegasus-spyware-used-to-target-putins-critic",
    "hamilton": "https://link.law.com/public/39789613",
    "hamilton_cn": "https://cybernews.com/news/nso-group-whatsapp-fine-reduced/",
    "dowden": "https://cert.bournemouth.ac.uk/britain-and-france-assemble-diplomats-for-international-agreement-on-spyware/",
    "doughty": "https://gov.uk/government/speeches/second-pall-mall-process-conference-in-paris-april-2025-minister-doughtys-welcome-remarks",
    "strubel": "https://cybercercle.com/parole-d-expert-leonard-rolland-04072025",
    "yomiuri": "https://japannews.yomiuri.co.jp/news-services/ap/20240307-173057",
    "blinken": "https://theepochtimes.com/us/us-to-impose-visa-restrictions-on-abusers-of-commercial-spyware-5581342",
    "visa_13": "https://www.hstoday.us/subject-matter-areas/cybersecurity/u-s-imposes-visa-restrictions-on-13-linked-to-commercial-spyware-misuse/?utm_source=rss&utm_medium=rss&utm_campaign=u-s-imposes-visa-restrictions-on-13-linked-to-commercial-spyware-misuse",
    "raimondo": "https://thehill.com/policy/cybersecurity/579825-commerce-department-blacklists-four-groups-linked-to-cyber-surveillance/?rl=1",
    "ice_stop": "https://itmagazine.com/2024/10/02/ice-awards-2-million-contract-to-paragon-solutions-for-surveillance-technology/",
    "ice_restored": "https://www.scworld.com/brief/ice-contract-with-paragon-spyware-revived",
    "cancellato_report": "https://www.abijita.com/italian-journalists-hacked-with-israeli-spyware-paragon-in-growing-scandal/",
    "cyprus_faq": "https://dev.cyprus-faq.com/de/south/news/dvoe-kipriotov-popali-v-sanktsionnyi-spisok-ssha-za-shpionskuyu-deyatelnost",
    "gambazzi_it": "https://www.cybersecurityup.it/component/content/article/2-news-cyber-security/2262-spyware-predator,-colpo-di-scena-ofac-revocate-sanzioni-a-tre-legati-a-intellexa?rCH=2",
    "avni": "https://talanews.blogspot.com/2023/07/surveillance-cyprus-blacklisted-by-us.html",
    "thewire": "https://splainer.in/sections/2021/Snoops-for-Sale/big-story",
    "achlow": "https://thenorthatlanticleague.com/2021/12/16/were-on-the-u-s-blacklist-because-of-you-the-dirty-clash-between-israeli-cyberarms-makers",
    "gr_wiki": "https://en.wikipedia.org/wiki/2022_Greek_surveillance_scandal",
    "deibert": "https://www.civilserviceworld.com/professions/article/researchers-detect-multiple-spyware-infections-of-downing-st-and-fcdo-since-2020",
}


def A(kind, name, cite, country=None, description=None, start=None, end=None, aliases=(),
      status="published"):
    return dict(kind=kind, name=name, country=country, description=description, start=start, end=end,
                aliases=list(aliases), cite=cite, status=status)


C2, C3, C6 = 2, 3, 6  # credibility: confirmed, reported, unconfirmed or suspected

ACTORS = {
    # ---- NSO Group and its owners
    "nso-group": A("company", "NSO Group", [(U["nso"], C2), (U["nso_citizenlab"], C2), (U["entity_list_2021"], C2)],
                   "IL", "Israeli spyware vendor that sells Pegasus to governments; named after its founders "
                   "Niv Carmi, Shalev Hulio and Omri Lavie; based in Herzliya; on the US Entity List since "
                   "November 2021; acquisition by US investors confirmed in October 2025.",
                   "2010", aliases=["NSO Group Technologies", "NSO Group Technologies Ltd"]),
    "q-cyber-technologies": A("company", "Q Cyber Technologies", [(U["nso"], C2), (U["whatsapp_suit"], C2), (U["apple_suit"], C2)],
                              "IL", "Parent company of NSO Group; co-defendant in WhatsApp v. NSO and Apple v. NSO."),
    "francisco-partners": A("company", "Francisco Partners", [(U["nso"], C2)],
                            description="Private-equity firm that acquired NSO Group in 2014."),
    "novalpina-capital": A("company", "Novalpina Capital", [(U["nso"], C2)],
                           description="Private-equity firm behind the 2019 leveraged buy-out of NSO Group with its founders."),
    "brg": A("company", "BRG", [(U["nso_globes"], C2)],
             description="Later controlling shareholder of NSO Group (Berkeley Research Group, per Globes reporting "
                         "on the NSO sale)."),
    # ---- Intellexa consortium
    "intellexa-consortium": A("organisation", "Intellexa Consortium", [(U["intellexa"], C2), (U["axios"], C2), (U["secureworld"], C2)],
                              description="Alliance of companies founded in 2019 by Tal Dilian that markets the Predator "
                                          "spyware; entities in Greece, Ireland, North Macedonia, Hungary, Cyprus and the "
                                          "British Virgin Islands; sanctioned by OFAC in March and September 2024. Its "
                                          "products were found in at least 25 countries (Amnesty, October 2023).",
                              start="2019", aliases=["Intellexa", "Intellexa alliance"]),
    "intellexa-sa": A("company", "Intellexa S.A.", [(U["entity_list_2023"], C2), (U["axios"], C2)], "GR",
                      "Greek company of the Intellexa consortium; US Entity List July 2023, OFAC-designated March 2024."),
    "intellexa-limited": A("company", "Intellexa Limited", [(U["entity_list_2023"], C2), (U["axios"], C2)], "IE",
                           "Irish company of the Intellexa consortium; US Entity List July 2023, OFAC-designated March 2024."),
    "cytrox-ad": A("company", "Cytrox AD", [(U["cyprusmail"], C2), (U["entity_list_2023"], C2), (U["meritalk"], C2)], "MK",
                   "North Macedonian developer of the Predator spyware and its Alien loader; Google TAG traced nine "
                   "zero-days to Cytrox in 2022; US Entity List July 2023, OFAC-designated March 2024.",
                   aliases=["Cytrox"]),
    "cytrox-holdings-zrt": A("company", "Cytrox Holdings Zrt", [(U["entity_list_2023"], C2), (U["axios"], C2)], "HU",
                             "Hungarian holding company of Cytrox; US Entity List July 2023, OFAC-designated March 2024.",
                             aliases=["Cytrox Holdings ZRT"]),
    "thalestris-limited": A("company", "Thalestris Limited", [(U["axios"], C2), (U["secureworld"], C2)], "IE",
                            "Irish company of the Intellexa consortium that held Predator distribution rights; "
                            "OFAC-designated March 2024."),
    "aliada-group-inc": A("company", "Aliada Group Inc.", [(U["secureworld"], C2)], "VG",
                          "British Virgin Islands company tied to the Intellexa consortium; OFAC-designated September 2024."),
    "wispear": A("company", "WiSpear", [(U["cyprusmail"], C2)], "CY",
                 "Limassol company of the Intellexa alliance, later Passitora Ltd; reportedly acquired Cytrox in 2018.",
                 aliases=["Passitora Ltd", "Passitora"]),
    "nexa-technologies": A("company", "Nexa Technologies", [(U["cyprusmail"], C2), (U["nexa_globalist"], C2)], "FR",
                           "French company, formerly Amesys, member of the Intellexa alliance; placed under formal "
                           "investigation in France on 12 October 2021 for complicity in torture and enforced "
                           "disappearance over surveillance sales to Egypt."),
    "amesys": A("company", "Amesys", [(U["cyprusmail"], C2)], "FR",
                "French surveillance company whose business continued as Nexa Technologies."),
    "senpai-technologies": A("company", "Senpai Technologies", [(U["cyprusmail"], C2)],
                             description="Company named among the affiliates of the Intellexa alliance.",
                             aliases=["Senpai"]),
    "krikel": A("company", "Krikel", [(U["dnews_verdict"], C2)], "GR",
                "Greek company whose principal was convicted with Intellexa figures in Athens on 26 February 2026."),
    # ---- Candiru
    "candiru": A("company", "Candiru", [(U["candiru"], C2), (U["candiru_jbn"], C3), (U["entity_list_2021"], C2)], "IL",
                 "Israeli spyware vendor founded in 2014, renamed DF Associates (2017), Grindavik (2018), Taveta "
                 "(2019) and Saito Tech Ltd (2020); Tel Aviv, about 120 employees; on the US Entity List since "
                 "November 2021. Microsoft tracks it as SOURGUM and calls its malware DevilsTongue.",
                 "2014", aliases=["Saito Tech Ltd", "Taveta", "Grindavik", "DF Associates", "SOURGUM"]),
    # ---- FinFisher / Gamma
    "gamma-group": A("company", "Gamma Group", [(U["finfisher"], C2), (U["finfisher_huff"], C2)], "GB",
                     "UK-based surveillance group from which FinFisher emerged.", aliases=["Gamma International"]),
    "finfisher-gmbh": A("company", "FinFisher GmbH", [(U["finfisher"], C2), (U["finfisher_tt"], C2)], "DE",
                        "Munich maker of the FinSpy spyware; ceased operations and filed for insolvency in March 2022 "
                        "after prosecutors seized its accounts; four former managing directors of FinFisher group "
                        "companies were charged in May 2023 with export-control violations.",
                        end="2022-03", aliases=["FinFisher"]),
    "finfisher-labs-gmbh": A("company", "FinFisher Labs GmbH", [(U["finfisher"], C2)], "DE",
                             "Company of the FinFisher group."),
    "elaman-gmbh": A("company", "Elaman GmbH", [(U["finfisher"], C2)], "DE",
                     "German company affiliated with the FinFisher group.", aliases=["Elaman"]),
    # ---- Hacking Team / Memento Labs
    "hacking-team": A("company", "Hacking Team", [(U["ht"], C2), (U["ht_eff"], C2)], "IT",
                      "Milan maker of the Remote Control System spyware; breached on 5 July 2015 (over 400 GB leaked); "
                      "majority stake acquired by InTheCyber in April 2019 and relaunched as Memento Labs.",
                      aliases=["HackingTeam"]),
    "memento-labs": A("company", "Memento Labs", [(U["ht"], C2), (U["memento_ceo"], C2)], "IT",
                      "Successor of Hacking Team formed in April 2019 after InTheCyber's acquisition; maker of the "
                      "Dante Windows spyware.", "2019-04"),
    "inthecyber": A("company", "InTheCyber", [(U["ht"], C2)],
                    description="Italian-Swiss cybersecurity group that acquired a majority stake in Hacking Team in "
                                "April 2019."),
    # ---- Paragon
    "paragon-solutions": A("company", "Paragon Solutions", [(U["paragon"], C2), (U["paragon_cl"], C2)], "IL",
                           "Israeli maker of the Graphite spyware, founded in 2019, with a US subsidiary in Chantilly, "
                           "Virginia; acquired by AE Industrial Partners in December 2024 for about $500m; a merger "
                           "with REDLattice was planned.", "2019", aliases=["Paragon"]),
    "ae-industrial-partners": A("company", "AE Industrial Partners", [(U["paragon"], C2)], "US",
                                "US private-equity firm that acquired Paragon Solutions in December 2024."),
    "redlattice": A("company", "REDLattice", [(U["paragon"], C3)],
                    description="Company with which Paragon Solutions' owner planned a merger.",
                    aliases=["RedLattice"]),
    # ---- others
    "variston": A("company", "Variston", [(U["variston"], C2), (U["variston_ep"], C2)], "ES",
                  "Barcelona exploit vendor founded in 2018 that built the Heliconia exploitation framework; a legal "
                  "notice of its liquidation was published on 10 February 2025.", "2018",
                  aliases=["Variston IT", "Variston Information Technology"]),
    "truel-it": A("company", "Truel IT", [(U["variston"], C2)], description="Company acquired by Variston."),
    "protect-ae": A("company", "Protect AE", [(U["variston"], C3)], "AE",
                    "UAE partner or customer of Variston.", aliases=["Protected AE", "Protect"]),
    "quadream": A("company", "QuaDream", [(U["quadream"], C2), (U["quadream_matrice"], C3)], "IL",
                  "Israeli maker of the REIGN spyware; shut down in April 2023 after Citizen Lab and Microsoft "
                  "reports. Operator servers were found in Bulgaria, the Czech Republic, Hungary, Ghana, Israel, "
                  "Mexico, Romania, Singapore, the UAE and Uzbekistan.", end="2023-04", aliases=["DEV-0196"]),
    "positive-technologies": A("company", "Positive Technologies", [(U["hstoday_2021"], C2), (U["entity_list_2021"], C2)], "RU",
                               "Russian security company sanctioned by the US Treasury in April 2021 and added to the "
                               "US Entity List in November 2021 for trafficking in cyber exploits."),
    "computer-security-initiative-consultancy": A(
        "company", "Computer Security Initiative Consultancy PTE. LTD.", [(U["hstoday_2021"], C2), (U["entity_list_2021"], C2)],
        "SG", "Singapore company added to the US Entity List in November 2021 for trafficking in cyber exploits.",
        aliases=["COSEINC"]),
    "cellebrite": A("company", "Cellebrite", [(U["cellebrite"], C2), (U["ipi_serbia"], C2)], "IL",
                    "Israeli maker of the UFED mobile forensic extraction tools, which Amnesty found used alongside "
                    "the NoviSpy spyware in Serbia (December 2024)."),
    # ---- public bodies: United States
    "us-department-of-the-treasury": A("public-body", "US Department of the Treasury", [(U["axios"], C2)], "US",
                                       aliases=["US Treasury", "Treasury"]),
    "office-of-foreign-assets-control": A("public-body", "Office of Foreign Assets Control", [(U["axios"], C2)], "US",
                                          "Treasury office that administers US sanctions; designated the Intellexa "
                                          "consortium in 2024.", aliases=["OFAC"]),
    "us-department-of-commerce": A("public-body", "US Department of Commerce", [(U["raimondo"], C2)], "US",
                                   aliases=["Commerce Department"]),
    "bureau-of-industry-and-security": A("public-body", "Bureau of Industry and Security", [(U["entity_list_2021"], C2)], "US",
                                         "Commerce bureau that keeps the Entity List.", aliases=["BIS"]),
    "us-department-of-state": A("public-body", "US Department of State", [(U["blinken"], C2)], "US",
                                aliases=["State Department"]),
    "us-district-court-northern-district-of-california": A(
        "public-body", "US District Court for the Northern District of California", [(U["hamilton_cn"], C2)], "US",
        "Federal court that tried WhatsApp v. NSO Group (4:19-cv-07123).", aliases=["N.D. Cal."]),
    "us-immigration-and-customs-enforcement": A("public-body", "US Immigration and Customs Enforcement", [(U["paragon_ice"], C2)], "US",
                                                aliases=["ICE"]),
    "homeland-security-investigations": A("public-body", "Homeland Security Investigations", [(U["paragon_ice"], C2)], "US",
                                          "Investigative arm of ICE that signed a $2m contract with Paragon Solutions "
                                          "on 27 September 2024.", aliases=["HSI"]),
    "drug-enforcement-administration": A("public-body", "Drug Enforcement Administration", [(U["paragon_ice"], C3)], "US",
                                         aliases=["DEA"]),
    # ---- public bodies: Europe
    "european-parliament": A("public-body", "European Parliament", [(U["pega"], C2)]),
    "pega-committee": A("public-body", "PEGA committee", [(U["pega"], C2), (U["pega_final"], C2)],
                        description="European Parliament committee of inquiry into Pegasus and equivalent surveillance "
                                    "spyware; adopted its final report on 8 May 2023.",
                        aliases=["Committee of Inquiry to investigate the use of Pegasus and equivalent surveillance spyware"]),
    "greek-national-intelligence-service": A("public-body", "National Intelligence Service (Greece)", [(U["greece_eyp"], C2)], "GR",
                                             aliases=["EYP", "Εθνική Υπηρεσία Πληροφοριών"]),
    "athens-single-member-misdemeanour-court": A("public-body", "Athens Single-Member Misdemeanour Court", [(U["dnews_verdict"], C2)], "GR",
                                                 "Court that convicted Intellexa figures in the Predator case on "
                                                 "26 February 2026."),
    "athens-public-prosecutors-office": A("public-body", "Athens Public Prosecutor's Office", [(U["dnews_prosecutor"], C2)], "GR"),
    "centro-nacional-de-inteligencia": A("public-body", "Centro Nacional de Inteligencia", [(U["cni"], C2)], "ES",
                                         "Spain's intelligence service; its director was dismissed on 10 May 2022 "
                                         "after the Pegasus revelations.", aliases=["CNI"]),
    "aise": A("public-body", "Agenzia Informazioni e Sicurezza Esterna", [(U["copasir"], C2)], "IT",
              "Italy's external intelligence agency; used Paragon's Graphite from 23 January 2024 (Copasir).",
              aliases=["AISE"]),
    "aisi": A("public-body", "Agenzia Informazioni e Sicurezza Interna", [(U["copasir"], C2)], "IT",
              "Italy's internal intelligence agency; used Paragon's Graphite from 2023 (Copasir).", aliases=["AISI"]),
    "copasir": A("public-body", "Copasir", [(U["copasir"], C2)], "IT",
                 "Italian parliamentary committee overseeing the intelligence services; reported on the Paragon case "
                 "in June 2025.", aliases=["Comitato parlamentare per la sicurezza della Repubblica"]),
    "centralne-biuro-antykorupcyjne": A("public-body", "Central Anticorruption Bureau", [(U["bodnar"], C2)], "PL",
                                        aliases=["CBA", "Centralne Biuro Antykorupcyjne"]),
    "agencja-bezpieczenstwa-wewnetrznego": A("public-body", "Internal Security Agency", [(U["bodnar"], C2)], "PL",
                                             aliases=["ABW", "Agencja Bezpieczeństwa Wewnętrznego"]),
    "sluzba-kontrwywiadu-wojskowego": A("public-body", "Military Counterintelligence Service", [(U["bodnar"], C2)], "PL",
                                        aliases=["SKW", "Służba Kontrwywiadu Wojskowego"]),
    "sejm-pegasus-commission-of-inquiry": A("public-body", "Sejm commission of inquiry on Pegasus", [(U["sejm_vote"], C2), (U["sejm"], C2)], "PL",
                                            "Polish Sejm commission of inquiry into Pegasus use from 16 November 2015 "
                                            "to 20 November 2023, set up on 17 January 2024.", "2024-01-17"),
    "sejm-of-poland": A("public-body", "Sejm", [(U["sejm_vote"], C2)], "PL"),
    "senate-of-poland": A("public-body", "Senate of Poland", [(U["senate_pl"], C2)], "PL"),
    "senate-extraordinary-committee-on-illegal-surveillance": A(
        "public-body", "Senate extraordinary committee on illegal surveillance", [(U["senate_pl"], C2)], "PL",
        "Polish Senate committee on illegal surveillance and its impact on the electoral process (January 2022).",
        "2022-01"),
    "hungary-ministry-of-interior": A("public-body", "Ministry of Interior (Hungary)", [(U["euractiv_hu"], C2)], "HU",
                                      aliases=["Belügyminisztérium"]),
    "national-intelligence-organization-turkey": A("public-body", "National Intelligence Organization (Turkey)",
                                                   [(U["finfisher_tt"], C2)], "TR", aliases=["MIT", "MİT"]),
    "bundeskriminalamt": A("public-body", "Bundeskriminalamt", [(U["finfisher_bka"], C2)], "DE",
                           "Germany's Federal Criminal Police Office.", aliases=["BKA", "Federal Criminal Police Office"]),
    "vietnam-ministry-of-public-security": A("public-body", "Ministry of Public Security (Vietnam)", [(U["dawn"], C2)], "VN",
                                             aliases=["MPS", "Bộ Công an"]),
    "ontario-provincial-police": A("public-body", "Ontario Provincial Police", [(U["paragon_suspected"], C6)], "CA",
                                   aliases=["OPP"]),
    "anssi": A("public-body", "ANSSI", [(U["strubel"], C2)], "FR",
               "France's national cybersecurity agency.",
               aliases=["Agence nationale de la sécurité des systèmes d'information"]),
    # ---- organisations
    "citizen-lab": A("organisation", "Citizen Lab", [(U["nso_citizenlab"], C2), (U["paragon_cl"], C2)], "CA",
                     "Research lab at the Munk School, University of Toronto, that investigates mercenary spyware.",
                     aliases=["The Citizen Lab"]),
    "university-of-toronto": A("organisation", "University of Toronto", [(U["deibert"], C2)], "CA"),
    "amnesty-international": A("organisation", "Amnesty International", [(U["dawn"], C2)],
                               description="Human-rights organisation whose Security Lab investigates spyware."),
    "amnesty-international-security-lab": A("organisation", "Amnesty International Security Lab", [(U["dawn"], C2)],
                                            aliases=["Amnesty Tech"]),
    "access-now": A("organisation", "Access Now", [(U["accessnow"], C2)],
                    description="Digital-rights organisation."),
}

# People (isTarget false). name -> slug, country, role label for officer-of, target actor, dates.
PEOPLE = {
    "Tal Jonathan Dilian": dict(slug="tal-dilian", to="intellexa-consortium", role="founder", start="2019",
                                aliases=["Tal Dilian"]),
    "Sara Aleksandra Fayssal Hamou": dict(slug="sara-hamou", country="PL", to="intellexa-consortium", role="manager",
                                          aliases=["Sara Hamou"]),
    "Felix Bitzios": dict(slug="felix-bitzios", to="intellexa-consortium", role="associate (OFAC designation)"),
    "Andrea Nicola Constantino Hermes Gambazzi": dict(slug="andrea-gambazzi", country="CH", to="intellexa-consortium",
                                                      role="beneficial owner of a company holding Predator distribution rights",
                                                      aliases=["Andrea Gambazzi"]),
    "Merom Harpaz": dict(slug="merom-harpaz", country="IL", to="intellexa-consortium", role="top executive"),
    "Panagiota Karaoli": dict(slug="panagiota-karaoli", to="intellexa-consortium", role="associate (OFAC designation)"),
    "Artemis Artemiou": dict(slug="artemis-artemiou", to="intellexa-consortium", role="associate (OFAC designation)"),
    "Giannis (Yiannis) Lavranos": dict(slug="giannis-lavranos", to="krikel", role="principal",
                                       name="Giannis Lavranos", aliases=["Yiannis Lavranos"]),
    "Abraham Sahak Avni": dict(slug="abraham-sahak-avni", to="intellexa-consortium", role="co-founder"),
    "Shalev Hulio": dict(slug="shalev-hulio", to="nso-group", role="co-founder and CEO", start="2010"),
    "Omri Lavie": dict(slug="omri-lavie", to="nso-group", role="co-founder", start="2010"),
    "Niv Carmi": dict(slug="niv-carmi", to="nso-group", role="co-founder", start="2010"),
    "Eitan Achlow": dict(slug="eitan-achlow", to="candiru", role="CEO"),
    "Yitzhak Zack": dict(slug="yitzhak-zack", to="candiru", role="founder", start="2014"),
    "Paolo Lezzi": dict(slug="paolo-lezzi", to="memento-labs", role="owner and CEO", start="2019"),
    "David Vincenzetti": dict(slug="david-vincenzetti", to="hacking-team", role="co-founder", end="2019"),
    "Ehud Schneorson": dict(slug="ehud-schneorson", country="IL", to="paragon-solutions", role="founder", start="2019"),
    "Ehud Barak": dict(slug="ehud-barak", country="IL", to="paragon-solutions", role="co-founder", start="2019"),
    "John Fleming": dict(slug="john-fleming", to="paragon-solutions", role="executive chairman"),
    "Ralf Wegener": dict(slug="ralf-wegener", to="variston", role="co-founder", start="2018"),
    "Ramanan Jayaraman": dict(slug="ramanan-jayaraman", to="variston", role="co-founder", start="2018"),
    "Phyllis J. Hamilton": dict(slug="phyllis-j-hamilton", country="US",
                                to="us-district-court-northern-district-of-california", role="district judge"),
    "Oliver Dowden": dict(slug="oliver-dowden", country="GB", to="united-kingdom", role="Deputy Prime Minister"),
    "Stephen Doughty": dict(slug="stephen-doughty", country="GB", to="united-kingdom",
                            role="Minister for Europe, North America and Overseas Territories"),
    "Vincent Strubel": dict(slug="vincent-strubel", country="FR", to="anssi", role="Director General"),
    "Brian E. Nelson": dict(slug="brian-e-nelson", country="US", to="us-department-of-the-treasury",
                            role="Under Secretary for Terrorism and Financial Intelligence"),
    "Bradley T. Smith": dict(slug="bradley-t-smith", country="US", to="us-department-of-the-treasury",
                             role="Acting Under Secretary for Terrorism and Financial Intelligence"),
    "Antony Blinken": dict(slug="antony-blinken", country="US", to="us-department-of-state", role="Secretary of State"),
    "Gina Raimondo": dict(slug="gina-raimondo", country="US", to="us-department-of-commerce", role="Secretary of Commerce"),
    "Alan Estevez": dict(slug="alan-estevez", country="US", to="bureau-of-industry-and-security", role="Under Secretary"),
    "Adam Bodnar": dict(slug="adam-bodnar", country="PL", to="poland", role="Minister of Justice and Prosecutor General"),
    "Magdalena Sroka": dict(slug="magdalena-sroka", country="PL", to="sejm-pegasus-commission-of-inquiry", role="chair"),
    "Marcin Bosacki": dict(slug="marcin-bosacki", country="PL",
                           to="senate-extraordinary-committee-on-illegal-surveillance", role="chair"),
    "Jeroen Lenaers": dict(slug="jeroen-lenaers", to="pega-committee", role="chair"),
    "Sophie in 't Veld": dict(slug="sophie-in-t-veld", to="pega-committee", role="rapporteur"),
    "Lajos Kósa": dict(slug="lajos-kosa", country="HU", to="hungary",
                       role="MP; chair of the parliamentary Defence and Law Enforcement Committee"),
    "Panagiotis Kontoleon": dict(slug="panagiotis-kontoleon", country="GR", to="greek-national-intelligence-service",
                                 role="head", end="2022"),
    "Grigoris Dimitriadis": dict(slug="grigoris-dimitriadis", country="GR", to="greece",
                                 role="General Secretary of the Prime Minister", end="2022"),
    "Paz Esteban": dict(slug="paz-esteban", country="ES", to="centro-nacional-de-inteligencia", role="director",
                        end="2022-05-10"),
    "Alfredo Mantovano": dict(slug="alfredo-mantovano", country="IT", to="italy",
                              role="undersecretary with the intelligence portfolio"),
    "Lorenzo Guerini": dict(slug="lorenzo-guerini", country="IT", to="copasir", role="chair"),
    "Nikos Askianakis": dict(slug="nikos-askianakis", country="GR", to="athens-single-member-misdemeanour-court",
                             role="presiding judge"),
    "Dimitris Pavlidis": dict(slug="dimitris-pavlidis", country="GR", to="athens-public-prosecutors-office",
                              role="public prosecutor"),
    "Ron Deibert": dict(slug="ron-deibert", to="citizen-lab", role="director"),
    "John Scott-Railton": dict(slug="john-scott-railton", to="citizen-lab", role="senior researcher"),
    "Bill Marczak": dict(slug="bill-marczak", to="citizen-lab", role="senior researcher"),
    "Natalia Krapiva": dict(slug="natalia-krapiva", to="access-now", role="tech-legal counsel"),
}

PRODUCTS = {
    "pegasus": dict(name="Pegasus", kind="spyware", cite=[(U["nso"], C2)],
                    description="NSO Group's spyware for iOS and Android, sold to governments.",
                    capabilities=["zero-click exploitation", "one-click exploit links"], dev=["nso-group"]),
    "predator": dict(name="Predator", kind="spyware", cite=[(U["intellexa"], C2), (U["cyprusmail"], C2)],
                     description="Mercenary spyware for Android and iOS developed by Cytrox and sold by the Intellexa consortium.",
                     capabilities=["one-click link infection", "network injection"], aliases=["Alien"],
                     dev=["cytrox-ad", "intellexa-consortium"]),
    "graphite": dict(name="Graphite", kind="spyware", cite=[(U["paragon"], C2), (U["paragon_cl"], C2)],
                     description="Paragon Solutions' spyware, delivered through messaging apps.",
                     capabilities=["zero-click exploitation"], dev=["paragon-solutions"]),
    "devilstongue": dict(name="DevilsTongue", kind="spyware", cite=[(U["candiru"], C2)],
                         description="Microsoft's name for Candiru's Windows spyware.", dev=["candiru"]),
    "finspy": dict(name="FinSpy", kind="spyware", cite=[(U["finfisher"], C2), (U["finfisher_huff"], C2)],
                   description="FinFisher's remote monitoring spyware suite.",
                   aliases=["FinFisher remote monitoring suite", "FinFisher suite"], dev=["finfisher-gmbh"]),
    "remote-control-system": dict(name="Remote Control System", kind="spyware", cite=[(U["ht"], C2), (U["ht_eff"], C2)],
                                  description="Hacking Team's spyware, used by government customers in dozens of countries "
                                              "(2015 leak).", aliases=["RCS", "Galileo", "Da Vinci"],
                                  dev=["hacking-team"]),
    "dante": dict(name="Dante", kind="spyware", cite=[(U["ht"], C2), (U["memento_ceo"], C2)],
                  description="Memento Labs' Windows spyware.", dev=["memento-labs"]),
    "heliconia": dict(name="Heliconia", kind="exploit", cite=[(U["variston"], C2), (U["variston_vpn"], C2)],
                      description="Variston's exploitation framework.",
                      aliases=["Heliconia exploitation framework"], dev=["variston"]),
    "reign": dict(name="REIGN", kind="spyware", cite=[(U["quadream"], C2)],
                  description="QuaDream's iOS spyware; Citizen Lab calls it KingsPawn.",
                  capabilities=["zero-click iOS exploitation"], aliases=["KingsPawn", "Reign"], dev=["quadream"]),
    "cellebrite-ufed": dict(name="Cellebrite UFED", kind="forensic", cite=[(U["cellebrite"], C2)],
                            description="Cellebrite's mobile forensic extraction tool (not spyware).",
                            capabilities=["physical device data extraction"], aliases=["UFED"], dev=["cellebrite"]),
    "novispy": dict(name="NoviSpy", kind="spyware", cite=[(U["cellebrite"], C2), (U["ipi_serbia"], C2)],
                    description="Android spyware found by Amnesty in Serbia (December 2024), installed on phones "
                                "after Cellebrite extraction; reported as domestically developed.", dev=[]),
}


def R(frm, typ, to, cite, **kw):
    return dict(frm=frm, type=typ, to=to, cite=cite, **kw)


CONSORTIUM = ["intellexa-sa", "intellexa-limited", "cytrox-ad", "cytrox-holdings-zrt", "thalestris-limited",
              "aliada-group-inc", "wispear", "nexa-technologies", "senpai-technologies"]

RELATIONSHIPS = [
    # ownership and succession
    R("nso-group", "subsidiary-of", "q-cyber-technologies", [(U["nso"], C2), (U["whatsapp_suit"], C2), (U["apple_suit"], C2)],
      confidence="high", description="Q Cyber Technologies is NSO Group's parent company."),
    R("francisco-partners", "owns", "nso-group", [(U["nso"], C2)], start="2014", end="2019", confidence="high",
      description="Francisco Partners acquired NSO Group in 2014."),
    R("novalpina-capital", "invests-in", "nso-group", [(U["nso"], C2)], start="2019", confidence="high",
      description="2019 leveraged deal with NSO Group's founders."),
    R("brg", "owns", "nso-group", [(U["nso"], C2), (U["nso_globes"], C2)], confidence="moderate",
      description="Later controlling shareholder of NSO Group."),
    R("cytrox-holdings-zrt", "owns", "cytrox-ad", [(U["entity_list_2023"], C2), (U["axios"], C2)], confidence="moderate",
      description="Hungarian holding company of Cytrox (both listed as Cytrox entities by BIS and OFAC).", status="draft"),
    R("wispear", "owns", "cytrox-ad", [(U["cyprusmail"], C3)], start="2018", confidence="moderate",
      description="WiSpear reportedly acquired Cytrox in 2018.", status="draft"),
    R("nexa-technologies", "successor-of", "amesys", [(U["cyprusmail"], C2)], confidence="high",
      description="Nexa Technologies was formerly Amesys."),
    R("memento-labs", "successor-of", "hacking-team", [(U["ht"], C2)], start="2019-04", confidence="high",
      description="Hacking Team was relaunched as Memento Labs after InTheCyber's acquisition in April 2019."),
    R("inthecyber", "owns", "hacking-team", [(U["ht"], C2)], start="2019-04", confidence="high",
      description="InTheCyber acquired a majority stake in Hacking Team in April 2019."),
    R("finfisher-gmbh", "subsidiary-of", "gamma-group", [(U["finfisher"], C2), (U["finfisher_huff"], C2)],
      confidence="moderate", status="draft",
      description="The fact base lists Gamma International / Gamma Group as FinFisher's parent or affiliate."),
    R("finfisher-labs-gmbh", "part-of", "finfisher-gmbh", [(U["finfisher"], C2)], confidence="moderate", status="draft",
      description="Company of the FinFisher group."),
    R("elaman-gmbh", "part-of", "finfisher-gmbh", [(U["finfisher"], C2)], confidence="low", status="draft",
      description="Listed among the FinFisher group's affiliates; the nature of the tie is not stated."),
    R("ae-industrial-partners", "owns", "paragon-solutions", [(U["paragon"], C2), (U["paragon_amp"], C2)],
      start="2024-12", confidence="high", description="Acquired in December 2024 for about $500 million."),
    R("variston", "owns", "truel-it", [(U["variston"], C2)], confidence="moderate",
      description="Variston acquired Truel IT."),
    R("variston", "supplies", "protect-ae", [(U["variston"], C3)], confidence="moderate", status="draft",
      description="Protect (Protected AE) is described as Variston's UAE partner or customer."),
] + [
    R(e, "part-of", "intellexa-consortium", [(U["intellexa"], C2), (U["axios"], C2), (U["cyprusmail"], C2)]
      if e not in ("aliada-group-inc", "senpai-technologies") else [(U["secureworld"], C2)] if e == "aliada-group-inc"
      else [(U["cyprusmail"], C2)], confidence="high" if e not in ("senpai-technologies", "nexa-technologies", "wispear")
      else "moderate", description="Member of the Intellexa consortium.")
    for e in CONSORTIUM
] + [
    # public bodies
    R("office-of-foreign-assets-control", "part-of", "us-department-of-the-treasury", [(U["axios"], C2)], confidence="high"),
    R("us-department-of-the-treasury", "part-of", "united-states", [(U["axios"], C2)], confidence="high"),
    R("bureau-of-industry-and-security", "part-of", "us-department-of-commerce", [(U["entity_list_2021"], C2)], confidence="high"),
    R("us-department-of-commerce", "part-of", "united-states", [(U["raimondo"], C2)], confidence="high"),
    R("us-department-of-state", "part-of", "united-states", [(U["blinken"], C2)], confidence="high"),
    R("us-district-court-northern-district-of-california", "part-of", "united-states", [(U["hamilton_cn"], C2)], confidence="high"),
    R("us-immigration-and-customs-enforcement", "part-of", "united-states", [(U["paragon_ice"], C2)], confidence="high"),
    R("homeland-security-investigations", "part-of", "us-immigration-and-customs-enforcement", [(U["paragon_ice"], C2)], confidence="high"),
    R("drug-enforcement-administration", "part-of", "united-states", [(U["paragon_ice"], C2)], confidence="high"),
    R("pega-committee", "part-of", "european-parliament", [(U["pega"], C2)], confidence="high"),
    R("greek-national-intelligence-service", "part-of", "greece", [(U["greece_eyp"], C2)], confidence="high"),
    R("athens-single-member-misdemeanour-court", "part-of", "greece", [(U["dnews_verdict"], C2)], confidence="high"),
    R("athens-public-prosecutors-office", "part-of", "greece", [(U["dnews_prosecutor"], C2)], confidence="high"),
    R("centro-nacional-de-inteligencia", "part-of", "spain", [(U["cni"], C2)], confidence="high"),
    R("aise", "part-of", "italy", [(U["copasir"], C2)], confidence="high"),
    R("aisi", "part-of", "italy", [(U["copasir"], C2)], confidence="high"),
    R("copasir", "part-of", "italy", [(U["copasir"], C2)], confidence="high"),
    R("centralne-biuro-antykorupcyjne", "part-of", "poland", [(U["bodnar"], C2)], confidence="high"),
    R("agencja-bezpieczenstwa-wewnetrznego", "part-of", "poland", [(U["bodnar"], C2)], confidence="high"),
    R("sluzba-kontrwywiadu-wojskowego", "part-of", "poland", [(U["bodnar"], C2)], confidence="high"),
    R("sejm-of-poland", "part-of", "poland", [(U["sejm_vote"], C2)], confidence="high"),
    R("sejm-pegasus-commission-of-inquiry", "part-of", "sejm-of-poland", [(U["sejm_vote"], C2)], confidence="high"),
    R("senate-of-poland", "part-of", "poland", [(U["senate_pl"], C2)], confidence="high"),
    R("senate-extraordinary-committee-on-illegal-surveillance", "part-of", "senate-of-poland", [(U["senate_pl"], C2)], confidence="high"),
    R("hungary-ministry-of-interior", "part-of", "hungary", [(U["euractiv_hu"], C2)], confidence="high"),
    R("national-intelligence-organization-turkey", "part-of", "turkiye", [(U["finfisher_tt"], C2)], confidence="high"),
    R("bundeskriminalamt", "part-of", "germany", [(U["finfisher_bka"], C2)], confidence="high"),
    R("vietnam-ministry-of-public-security", "part-of", "vietnam", [(U["dawn"], C2)], confidence="high"),
    R("ontario-provincial-police", "part-of", "canada", [(U["paragon_suspected"], C2)], confidence="high"),
    R("anssi", "part-of", "france", [(U["strubel"], C2)], confidence="high"),
    R("citizen-lab", "part-of", "university-of-toronto", [(U["deibert"], C2)], confidence="high"),
    R("amnesty-international-security-lab", "part-of", "amnesty-international", [(U["dawn"], C2)], confidence="high"),
    # government customers (knownGovernmentCustomersPublic)
    R("nso-group", "supplies", "mexico", [(U["timesca"], C2), (U["thehill_mx"], C2)], start="2012", confidence="high",
      description="Named as a customer by NSO's lawyer in the WhatsApp v. NSO hearing (April 2025); Citizen Lab notes "
                  "Mexico confirmed the purchase (a $20m deal in 2012)."),
    R("nso-group", "supplies", "saudi-arabia", [(U["timesca"], C2)], confidence="high",
      description="Named as a customer by NSO's lawyer in the WhatsApp v. NSO hearing (April 2025)."),
    R("nso-group", "supplies", "uzbekistan", [(U["timesca"], C2)], confidence="high",
      description="Named as a customer by NSO's lawyer in the WhatsApp v. NSO hearing (April 2025)."),
    R("nso-group", "supplies", "hungary-ministry-of-interior", [(U["euractiv_hu"], C2)], confidence="high",
      description="A Fidesz MP said on 4 November 2021 that the government (Interior Ministry) bought Pegasus."),
    R("nso-group", "supplies", "poland", [(U["bodnar"], C2)], start="2017", confidence="high",
      description="Poland's Prosecutor General said Pegasus was used by CBA, SKW and ABW against 578 people in 2017-2022."),
    R("nso-group", "supplies", "united-arab-emirates", [(U["uae_nso"], C3)], confidence="moderate", status="draft",
      description="Reported that NSO ended its contract with the UAE after UK High Court findings (not confirmed by NSO)."),
    R("intellexa-consortium", "supplies", "vietnam-ministry-of-public-security", [(U["dawn"], C2)], start="2020",
      confidence="moderate", description="Mediapart and Amnesty: Predator sold to Vietnam's Ministry of Public Security "
                                         "in 2020 for EUR 5.6m."),
    R("intellexa-consortium", "supplies", "egypt", [(U["dawn"], C2)], confidence="moderate",
      description="Mediapart reporting (October 2023) cited by AFP/Dawn."),
    R("intellexa-consortium", "supplies", "qatar", [(U["dawn"], C2)], confidence="moderate",
      description="Mediapart reporting (October 2023) cited by AFP/Dawn."),
    R("intellexa-consortium", "supplies", "united-arab-emirates", [(U["dawn"], C2)], confidence="moderate",
      description="Mediapart reporting (October 2023) cited by AFP/Dawn."),
    R("intellexa-consortium", "supplies", "pakistan", [(U["dawn"], C2)], confidence="moderate",
      description="Mediapart reporting (October 2023) cited by AFP/Dawn."),
    R("cytrox-ad", "supplies", "egypt", [(U["squid"], C2)], confidence="high",
      description="Citizen Lab: Egypt likely a Cytrox customer (December 2021); high confidence that the Egyptian "
                  "government was behind a Predator targeting (September 2023)."),
    R("candiru", "supplies", "saudi-arabia", [(U["candiru_jbn"], C3)], confidence="moderate", status="draft",
      description="Israeli media as reported by Jewish Business News (November 2021)."),
    R("candiru", "supplies", "mexico", [(U["candiru_jbn"], C3)], confidence="moderate", status="draft",
      description="Israeli media as reported by Jewish Business News (November 2021)."),
    R("finfisher-gmbh", "supplies", "national-intelligence-organization-turkey", [(U["finfisher_tt"], C2), (U["finfisher"], C2)],
      start="2015", confidence="moderate",
      description="The Munich indictment alleges a EUR 5m FinSpy sale to Turkey's MIT in 2015."),
    R("finfisher-gmbh", "supplies", "bundeskriminalamt", [(U["finfisher_bka"], C2)], confidence="moderate",
      description="The BKA was a FinFisher customer but did not use the product (dpa, May 2023)."),
] + [
    R("hacking-team", "supplies", c, [(U["ht_eff"], C2)], confidence="moderate",
      description="Listed among at least 38 government users in the July 2015 Hacking Team leak (EFF analysis).")
    for c in ["azerbaijan", "bahrain", "egypt", "ethiopia", "russia", "saudi-arabia", "vietnam", "sudan"]
] + [
    R("paragon-solutions", "supplies", "aise", [(U["copasir"], C2)], start="2024-01-23", end="2025-02", confidence="high",
      description="Copasir report (June 2025): AISE used Graphite from 23 January 2024; systems suspended on "
                  "14 February 2025 and contracts ended."),
    R("paragon-solutions", "supplies", "aisi", [(U["copasir"], C2)], start="2023", end="2025-02", confidence="high",
      description="Copasir report (June 2025): AISI used Graphite from 2023; systems suspended on 14 February 2025."),
    R("aise", "operates", "graphite", [(U["copasir"], C2)], start="2024-01-23", end="2025-02", confidence="high"),
    R("aisi", "operates", "graphite", [(U["copasir"], C2)], start="2023", end="2025-02", confidence="high"),
    R("paragon-solutions", "supplies", "homeland-security-investigations", [(U["paragon_ice"], C2), (U["paragon"], C2)],
      start="2024-09-27", confidence="high",
      description="$2m ICE HSI contract signed on 27 September 2024 (federal procurement records); stop-work order on "
                  "8 October 2024, lifted on 30 August 2025."),
    R("drug-enforcement-administration", "operates", "graphite", [(U["paragon_ice"], C3)], confidence="moderate",
      status="draft", description="The New York Times reported that the DEA used Graphite (via IT Magazine)."),
] + [
    R("paragon-solutions", "supplies", c, [(U["paragon_suspected"], C6)], confidence="low", status="draft",
      description="Citizen Lab 'suspected deployment' (19 March 2025).")
    for c in ["australia", "ontario-provincial-police", "cyprus", "denmark", "israel", "singapore"]
] + [
    R(a, "operates", "pegasus", [(U["bodnar"], C2)], start="2017", end="2022", confidence="high",
      description="Poland's Prosecutor General (24 April 2024): Pegasus was used by CBA, SKW and ABW in 2017-2022.")
    for a in ["centralne-biuro-antykorupcyjne", "sluzba-kontrwywiadu-wojskowego", "agencja-bezpieczenstwa-wewnetrznego"]
]

# Each MISP surveillance-vendor cluster (value or synonym, lower-case) -> the starter actor it is.
MISP_MATCH = {
    "nso group": "nso-group", "q cyber technologies": "q-cyber-technologies", "intellexa": "intellexa-consortium",
    "cytrox": "cytrox-ad", "candiru": "candiru", "finfisher": "finfisher-gmbh", "gamma group": "gamma-group",
    "hacking team": "hacking-team", "memento labs": "memento-labs", "paragon solutions": "paragon-solutions",
    "variston information technology": "variston", "quadream": "quadream", "nexa technologies": "nexa-technologies",
    "wispear": "wispear", "passitora": "wispear", "senpai technologies": "senpai-technologies",
    "positive technologies": "positive-technologies", "cellebrite": "cellebrite", "redlattice": "redlattice",
    "amesys": "amesys", "coseinc": "computer-security-initiative-consultancy", "elaman": "elaman-gmbh",
    "krikel": "krikel",
}

# facts.json country names -> ISO code where the ISO list spells them otherwise
COUNTRY_ALIASES = {"UAE": "AE", "Vietnam": "VN", "Turkey": "TR", "Russia": "RU", "Republic of Korea": "KR"}
STATE_ALIASES = {"TR": ["Turkey"], "KR": ["Republic of Korea"], "AE": ["UAE"], "GB": ["UK"], "US": ["USA"],
                 "CI": ["Côte d'Ivoire"], "CZ": ["Czech Republic"], "MK": ["Macedonia"]}

# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------


def collect_urls(facts):
    urls = set()

    def walk(o):
        if isinstance(o, dict):
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
        elif isinstance(o, str) and re.match(r"https?://", o):
            urls.add(o)
    walk(facts)
    return sorted(urls)


def host_of(url):
    h = (urlsplit(url).hostname or "").lower()
    return h[4:] if h.startswith("www.") else h


def url_date(url):
    path = unquote(urlsplit(url).path)
    m = re.search(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)(?:/|-|$)", path)
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{m[2]}-{m[3]}"
    m = re.search(r"(?:^|[/_-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[/_-]|$)", path)
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{m[2]}-{m[3]}"
    m = re.search(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?:/|-)", path)
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{m[2]}-{m[3]}"
    m = re.search(r"/((?:19|20)\d\d)/(\d\d)(?:/|$)", path)
    if m and 1 <= int(m[2]) <= 12:
        return f"{m[1]}-{m[2]}"
    m = re.search(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})/", path)  # eLaws style /fr/M/D/YYYY is handled by TITLES
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    return None


_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"], 1)}


def path_words(url):
    """The readable words of a URL path: the longest segment that has words in it."""
    parts = urlsplit(url)
    best = ""
    for seg in unquote(parts.path).split("/"):
        seg = re.sub(r"\.(html?|php|aspx?)$", "", seg)
        words = [w for w in re.split(r"[-_+,.]+", seg) if w]
        alpha = [w for w in words if re.search(r"[^\W\d]", w) and not re.fullmatch(r"[a-z0-9]{20,}", w.lower())]
        if len(alpha) >= 3 and len(seg) > len(best):
            best = seg
    if not best:
        return []
    words = [w for w in re.split(r"[-_+,.]+", re.sub(r"\.(html?|php|aspx?)$", "", best)) if w]
    # drop trailing ids (numbers, hashes, CMS tokens) and a leading date
    while words and (re.fullmatch(r"\d+|[a-z0-9]*\d[a-z0-9]*", words[-1].lower()) and len(words[-1]) > 3
                     or words[-1].lower() in {"amp", "html", "story", "st7076652"}):
        words.pop()
    while words and re.fullmatch(r"\d+", words[0]):
        words.pop(0)
    return words


def derive_title(url):
    words = path_words(url)
    if not words:
        return None
    out = []
    for w in words:
        if w.lower() == "s" and out:
            out[-1] = "US" if out[-1] == "U" else out[-1] + "'s"
            continue
        out.append(PROPER.get(w.lower(), w))
    text = " ".join(out)
    text = re.sub(r"\bU S\b", "US", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[0].upper() + text[1:]


class TargetGuard:
    """Names (and name tokens) of people and groups targeted with spyware, which must not appear."""

    def __init__(self, facts):
        names = {p["name"] for p in facts["people"] if p.get("isTarget")}
        for inc in facts["incidents"]:
            for part in (inc.get("targetName") or "").split(";"):
                part = re.sub(r"\([^)]*\)|\(.*$|among others", "", part).strip()
                part = re.sub(r"\s+website$", "", part)
                if part and not part.lower().startswith("at least") and not part.endswith(")"):
                    names.add(part)
        self.names = sorted(names)
        self.full = sorted({norm_words(n) for n in self.names} - {"  "})
        tokens = set()
        for n in self.names:
            for t in norm_words(n).split():
                if len(t) >= 5 and t not in NOT_IDENTIFYING:
                    tokens.add(t)
        tokens.update(norm_words(t).strip() for t in EXTRA_TARGET_TOKENS if norm_words(t).strip())
        self.tokens = sorted(tokens)
        self.raw = [t for t in EXTRA_TARGET_TOKENS if not norm_words(t).strip()]  # other scripts

    def hits(self, text, tokens=False):
        nt = norm_words(text)
        found = [n for n in self.full if n in nt]
        if tokens:
            found += [t for t in self.tokens if f" {t} " in nt or len(t) >= 8 and t in nt.replace(" ", "")]
        spaced = text.replace("-", " ")
        found += [t for t in self.raw if t in spaced]
        return found


def build_sources(facts, guard):
    sources = {}   # url -> record
    withheld = []
    used = set()
    for url in collect_urls(facts):
        host = host_of(url)
        publisher, kind, reliability = HOSTS.get(host, (None, None, None))
        if publisher is None:
            if host.endswith(".gov") or ".gov." in host:
                publisher, kind, reliability = host, "government-notice", "A"
            else:
                publisher, kind, reliability = host, "article", "D"
        date = PUBLISHED.get(url) or url_date(url)
        sensitive = guard.hits(unquote(url), tokens=True) or guard.hits(url, tokens=True)
        labels = host.split(".")
        labels = labels[:-1] if len(labels) > 1 else labels
        if len(labels) > 1 and labels[-1] in {"co", "com", "org", "ac", "gov", "net", "edu"}:
            labels = labels[:-1]
        if len(labels) > 1 and labels[0] in {"en", "dev", "stage", "ca", "es", "main", "cms", "gnet", "news",
                                             "link", "wp", "klse", "cert", "europe", "securitylab", "deibert",
                                             "oeil", "federal", "accessnow", "regulations", "japannews"}:
            labels = labels[1:] if labels[0] not in {"deibert", "securitylab", "oeil"} else labels
        label = ".".join(labels)
        base = slugify(label.replace(".", "-"), 40)
        if sensitive:
            digest = format(sum((i + 1) * ord(c) for i, c in enumerate(url)) % 0xFFFFFF, "06x")
            if guard.hits(host, tokens=True):
                base = "news"
            slug = slugify("-".join(x for x in [base, date or "", "withheld", digest] if x), 80)
            title = f"{publisher} {'report' if kind == 'report' else 'article'}" + (f" ({date[:7]})" if date else "") + \
                " (title withheld: names a protected target)"
            if guard.hits(publisher, tokens=True):
                publisher = None
                title = f"News article{f' ({date[:7]})' if date else ''} (title withheld: names a protected target)"
            withheld.append(url)
            rec = dict(id=slug, title=title, publisher=publisher, url=None, kind=kind, published=date,
                       accessed=ACCESSED, reliability=reliability, marking="CLEAR", status="published")
        else:
            title = TITLES.get(url) or derive_title(url) or f"{publisher} page"
            words = [slugify(w) for w in path_words(url)]
            words = [w for w in words if w]
            slug = slugify("-".join([base] + ([date] if date else []) + words), 80)
            if slug == base or not words:
                slug = slugify("-".join([base] + ([date] if date else []) + [slugify(title)]), 80)
            rec = dict(id=slug, title=title, publisher=publisher, url=url, kind=kind, published=date,
                       accessed=ACCESSED, reliability=reliability, marking="CLEAR", status="published")
        n, candidate = 2, rec["id"]
        while candidate in used:
            candidate = f"{rec['id'][:76]}-{n}"
            n += 1
        rec["id"] = candidate
        used.add(candidate)
        sources[url] = rec
    iso = dict(id=ISO_SOURCE, title="ISO 3166-1 country codes (world-countries dataset 5.1.0)",
               publisher="International Organization for Standardization", url="https://www.iso.org/iso-3166-country-codes.html",
               kind="dataset", published=None, accessed=ACCESSED, reliability="A", marking="CLEAR", status="published")
    return sources, iso, withheld


# --------------------------------------------------------------------------------------------
# Actors, products, relationships
# --------------------------------------------------------------------------------------------

def cred_for(status):
    status = (status or "confirmed").lower()
    if status.startswith("confirmed"):
        return 2
    if status.startswith("reported"):
        return 3
    return 6


def status_for(cred):
    return "published" if cred <= 2 else "draft"


def fact_sources(fact):
    out = [fact["source"]] if fact.get("source") else []
    return out + list(fact.get("additionalSources") or [])


def state_description(state):
    parts = []
    labels = {
        "pallMallCodeSignatory": ("signed the Pall Mall Process Code of Practice for States",
                                  "is not among the known signatories of the Pall Mall Process Code of Practice for States",
                                  "Pall Mall Process Code of Practice for States"),
        "jointStatementSignatory": ("joined the Joint Statement on Efforts to Counter the Proliferation and Misuse of Commercial Spyware",
                                    "is not among the governments listed as signatories of the Joint Statement on commercial spyware (as of the 22 September 2024 update)",
                                    "Joint Statement on commercial spyware"),
        "pallMallDeclarationSignatory": ("joined the Pall Mall Process Declaration (February 2024)",
                                         "did not join the Pall Mall Process Declaration (February 2024)",
                                         "Pall Mall Process Declaration"),
    }
    for key in ["pallMallCodeSignatory", "jointStatementSignatory", "pallMallDeclarationSignatory"]:
        fact = state.get(key)
        if not fact:
            continue
        yes, no, what = labels[key]
        status = (fact.get("status") or "").lower()
        when = f" on {fact['date']}" if fact.get("date") and fact.get("value") else ""
        if fact.get("value") is True:
            text = yes + when
        elif fact.get("value") is False:
            text = no
        else:
            text = f"its status under the {what} is unconfirmed (the full signatory list was not retrievable)"
        if status.startswith("reported"):
            text = f"reportedly {text} ({status.split('(', 1)[-1].rstrip(')') if '(' in status else 'reported'})"
        elif "conflicting" in status:
            text += " (conflicting reports)"
        elif "date unconfirmed" in status:
            text += " (date of joining not confirmed)"
        parts.append(text)
    if not parts:
        return None
    return f"{state['name']} " + "; ".join(parts) + "."


def build(facts, iso, misp, sources, iso_source):
    url_slug = {u: r["id"] for u, r in sources.items()}

    def cites(pairs):
        out, seen = [], set()
        for url, cred in pairs:
            slug = url_slug[url]
            if slug in seen:
                continue
            seen.add(slug)
            out.append(dict(source=slug, credibility=cred))
        return out

    actors, products, rels = {}, {}, {}
    iso_codes = {c["code"] for c in iso}

    # states
    facts_states = {s["iso2"]: s for s in facts["states"]}
    for c in iso:
        slug = slugify(c["name"])
        citations = [dict(source=ISO_SOURCE, credibility=1)]
        desc = None
        fs = facts_states.get(c["code"])
        if fs:
            desc = state_description(fs)
            for key in ["pallMallCodeSignatory", "jointStatementSignatory", "pallMallDeclarationSignatory"]:
                fact = fs.get(key)
                if fact:
                    citations += cites((u, cred_for(fact.get("status"))) for u in fact_sources(fact))
        aliases = [dict(name=a) for a in STATE_ALIASES.get(c["code"], [])]
        actors[slug] = dict(id=slug, kind="state", name=c["name"], country=c["code"], description=desc,
                            dependentTerritory=bool(c.get("dependent")), marking="CLEAR", status="published",
                            aliases=aliases, identifiers=[dict(scheme="iso3166-1", value=c["code"])],
                            citations=dedupe_citations(citations))
    for code, fs in sorted(facts_states.items()):
        if code in iso_codes:
            continue
        # Kosovo: XK is user-assigned, not an ISO 3166-1 code; the actor has no country code.
        slug = slugify(fs["name"])
        citations = []
        for key in ["pallMallCodeSignatory", "jointStatementSignatory", "pallMallDeclarationSignatory"]:
            fact = fs.get(key)
            if fact:
                citations += cites((u, cred_for(fact.get("status"))) for u in fact_sources(fact))
        actors[slug] = dict(id=slug, kind="state", name=fs["name"],
                            description=state_description(fs) + f" (Its code {code} is user-assigned, not an ISO 3166-1 code.)",
                            dependentTerritory=False, marking="CLEAR", status="published",
                            citations=dedupe_citations(citations))

    # companies, public bodies, organisations
    for slug, a in ACTORS.items():
        actors[slug] = dict(id=slug, kind=a["kind"], name=a["name"], country=a["country"],
                            description=a["description"], start=a["start"], end=a["end"], marking="CLEAR",
                            status=a["status"], aliases=[dict(name=n) | alias_script(n) for n in a["aliases"]],
                            identifiers=[], citations=cites(a["cite"]))

    # people who were not targets
    people = {p["name"]: p for p in facts["people"]}
    for name, spec in PEOPLE.items():
        p = people[name]
        assert not p.get("isTarget"), name
        cred = cred_for(p.get("status"))
        slug = spec["slug"]
        display = spec.get("name", name)
        role = re.sub(r"\s+", " ", p["role"]).strip()
        actors[slug] = dict(id=slug, kind="person", name=display, country=spec.get("country"),
                            description=f"{role[0].upper() + role[1:]}. Affiliation: {p['affiliation']}.", marking="CLEAR",
                            status=status_for(cred), aliases=[dict(name=n) for n in spec.get("aliases", [])],
                            identifiers=[], citations=cites((u, cred) for u in fact_sources(p)))
        add_rel(rels, slug, "officer-of", spec["to"], cites((u, cred) for u in fact_sources(p)),
                role=spec["role"], start=spec.get("start"), end=spec.get("end"),
                confidence="high" if cred <= 2 else "moderate", status=status_for(cred),
                description=f"{display}: {role}.")

    # products and who develops them
    for slug, pr in PRODUCTS.items():
        products[slug] = dict(id=slug, name=pr["name"], kind=pr["kind"], description=pr["description"],
                              capabilities=pr.get("capabilities", []), aliases=[dict(name=n) for n in pr.get("aliases", [])],
                              marking="CLEAR", status="published", citations=cites(pr["cite"]))
        for dev in pr["dev"]:
            add_rel(rels, dev, "develops", slug, cites(pr["cite"]), confidence="high", status="published")

    for r in RELATIONSHIPS:
        citations = cites(r["cite"])
        worst = max(c["credibility"] for c in citations)
        add_rel(rels, r["frm"], r["type"], r["to"], citations, role=r.get("role"), share=r.get("share"),
                start=r.get("start"), end=r.get("end"), confidence=r.get("confidence", "moderate"),
                description=r.get("description"), status=r.get("status") or status_for(min(c["credibility"] for c in citations) if worst <= 2 else worst))

    # MISP galaxy identifiers
    taken = {}
    for cluster in sorted(misp["values"], key=lambda v: v["uuid"]):
        names = [cluster["value"]] + list(cluster.get("meta", {}).get("synonyms", []))
        slug = next((MISP_MATCH[n.strip().lower()] for n in names if n.strip().lower() in MISP_MATCH), None)
        if slug is None:
            continue
        if cluster["uuid"] in taken:
            continue
        taken[cluster["uuid"]] = slug
        actors[slug]["identifiers"].append(dict(scheme="misp", value=cluster["uuid"]))
    return actors, products, rels, taken


def alias_script(name):
    if re.search(r"[\u0370-\u03ff]", name):
        return dict(lang="el", script="Grek")
    return {}


def dedupe_citations(citations):
    out, seen = [], set()
    for c in citations:
        if c["source"] in seen:
            continue
        seen.add(c["source"])
        out.append(c)
    return out


def add_rel(rels, frm, typ, to, citations, **kw):
    slug = f"{frm}--{typ}--{to}"
    rec = rels.get(slug)
    if rec:
        rec["citations"] = dedupe_citations(rec["citations"] + citations)
        return
    rec = dict(id=slug, type=typ, **{"from": frm, "to": to}, role=kw.get("role"), share=kw.get("share"),
               start=kw.get("start"), end=kw.get("end"), confidence=kw.get("confidence", "moderate"),
               description=kw.get("description"), marking="CLEAR", status=kw.get("status", "published"),
               citations=citations)
    rels[slug] = rec



# --------------------------------------------------------------------------------------------
# Incidents (issue 4): the documented abuses, linked to vendors, products and operator states.
# Targets are pseudonymous: the files hold a generated pseudonym, a category and countries, never a
# name (the privacy scan below enforces it). Real identities named in public sources are loaded by an
# operator from a file kept outside data/ (see --target-identities and docs/incidents.md).
# --------------------------------------------------------------------------------------------

INCIDENT_ORDER = ["id", "title", "summary", "firstSeen", "lastSeen", "disclosed", "country", "forensicStatus",
                  "vector", "products", "vendors", "operators", "investigators", "targets", "marking", "status",
                  "citations"]

# words in the fact base -> ISO 3166-1 alpha-2 (countries and demonyms)
COUNTRY_WORDS = [
    ("united arab emirates", "AE"), ("uae", "AE"), ("mexic", "MX"), ("saudi", "SA"), ("morocc", "MA"),
    ("rwand", "RW"), ("hungar", "HU"), ("poland", "PL"), ("polish", "PL"), ("greece", "GR"), ("greek", "GR"),
    ("egypt", "EG"), ("uganda", "UG"), ("belgium", "BE"), ("el salvador", "SV"), ("salvador", "SV"),
    ("spain", "ES"), ("spanish", "ES"), ("thailand", "TH"), ("armenia", "AM"), ("azerbaijan", "AZ"),
    ("latvia", "LV"), ("vietnam", "VN"), ("india", "IN"), ("jordan", "JO"), ("bahrain", "BH"), ("serbia", "RS"),
    ("italy", "IT"), ("italian", "IT"), ("turkey", "TR"), ("turkish", "TR"), ("ethiopia", "ET"),
    ("indonesia", "ID"), ("united kingdom", "GB"), ("canada", "CA"), ("cyprus", "CY"), ("uzbekistan", "UZ"),
]

# suspected operators: words -> state (ISO); negations listed first win
OPERATOR_NONE = ("not stated", "not attributed", "unknown", "unidentified", "'external'", "government operator indicated",
                 "multiple nso government customers", "government customers", "government customer", "not formally attributed")

VENDOR_WORDS = [("nso", "nso-group"), ("cytrox", "cytrox-ad"), ("intellexa", "intellexa-consortium"),
                ("candiru", "candiru"), ("quadream", "quadream"), ("variston", "variston"), ("finfisher", "finfisher-gmbh"),
                ("gamma", "gamma-group"), ("paragon", "paragon-solutions"), ("cellebrite", "cellebrite")]
PRODUCT_WORDS = [("pegasus", "pegasus"), ("predator", "predator"), ("graphite", "graphite"), ("devilstongue", "devilstongue"),
                 ("candiru (4)", "devilstongue"), ("finspy", "finspy"), ("reign", "reign"), ("novispy", "novispy"),
                 ("cellebrite", "cellebrite-ufed")]
INVESTIGATOR_WORDS = [("citizen lab", "citizen-lab"), ("amnesty international security lab", "amnesty-international-security-lab"),
                      ("amnesty security lab", "amnesty-international-security-lab"), ("amnesty tech", "amnesty-international-security-lab"),
                      ("amnesty", "amnesty-international"), ("access now", "access-now")]
CATEGORY_WORDS = [("relative", "relative-of-target"), ("migrants-rights", "migrant-rights-group"), ("human rights defender", "human-rights-defender"),
                  ("journalist", "journalist"), ("lawyer", "lawyer"), ("prosecutor", "government-official"), ("diplomat", "diplomat"),
                  ("government official", "government-official"), ("politician", "politician"), ("political opposition", "politician"),
                  ("academic", "academic"), ("activist", "activist"), ("civil society", "civil-society"), ("health advocate", "activist")]
LABS = ("citizen lab", "amnesty", "access now", "eset", "microsoft", "google threat", "security lab", "cert-eu", "national cryptologic",
        "experts", "it expert", "front line defenders", "red line")


def _first(words, text):
    t = ascii_fold(text).lower()
    for w, v in words:
        if w in t:
            return v
    return None


def _all(words, text):
    t = ascii_fold(text).lower()
    out = []
    for w, v in words:
        if w in t and v not in out:
            out.append(v)
    return out


def _countries(text):
    t = ascii_fold(text).lower()
    found = []
    for w, code in COUNTRY_WORDS:
        m = re.search(r"\b" + re.escape(w), t)
        if m and code not in [c for _, c in found]:
            found.append((m.start(), code))
    return [c for _, c in sorted(found)]


def _dates(text):
    """First and last seen from texts like '2016-07/2016-08', '2017-2019', 'from ~2015', 'early 2025'."""
    t = text.strip()
    if t.lower().startswith("reported"):
        return None, None
    found = re.findall(r"(?<!\d)(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?!\d)", t)
    found = [d for d in found if 1990 <= int(d[:4]) <= 2030]
    if not found:
        return None, None
    first, last = found[0], found[-1] if len(found) > 1 else None
    if last == first:
        last = None
    if t.lower().startswith("from"):
        last = None
    return first, last


def _confidence(text):
    t = text.lower()
    if "high confidence" in t or "strongly suggested" in t:
        return "high"
    if any(w in t for w in ("strong circumstantial", "per copasir", "per amnesty", "alleged", "per munich", "per pegasus project",
                            "per salam", "government of bahrain", "moroccan authorities", "called on them")):
        return "moderate"
    return "low"


def _operators(text, states_by_code):
    t = ascii_fold(text).lower()
    if "(copasir: not italian" in t:
        return []
    if any(t.startswith(w) for w in OPERATOR_NONE) and "likely" not in t and "named" not in t:
        return []
    codes = _countries(text)
    conf = _confidence(text)
    out = []
    for code in codes:
        if code in states_by_code:
            out.append(dict(actor=states_by_code[code], confidence=conf, reasoning=text.strip()))
    return out


def pseudonym_for(key):
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    n = int(hashlib.sha256(("vigil-starter-target|" + key).encode()).hexdigest()[:10], 16)
    out = ""
    for _ in range(4):
        out += alphabet[n % 32]
        n //= 32
    return "Target-" + out


def build_incidents(facts, actors, products, sources, guard, iso):
    names = {c['code']: c['name'] for c in iso}
    states_by_code = {a["country"]: a["id"] for a in actors.values() if a["kind"] == "state" and a.get("country")}
    incidents, identities, used, pseudonyms = [], [], set(), set()
    for n, inc in enumerate(facts["incidents"], 1):
        cred = cred_for(inc.get("status"))
        status = status_for(cred)
        first, last = _dates(inc["date"])
        disclosed = (re.match(r"\d{4}(-\d{2}(-\d{2})?)?", inc["reportDate"]) or [None])[0]
        where = _countries(inc["targetCountry"])
        residence = where[0] if where else None
        if "(resident)" in inc["targetCountry"]:
            residence = _countries(inc["targetCountry"].split("(resident)")[0])[0]
        nationality = None
        m = re.search(r";\s*(\w+) national", inc["targetCountry"])
        if m:
            nationality = (_countries(m.group(1)) or [None])[0]
        category = _first(CATEGORY_WORDS, inc["targetCategory"]) or "other"
        vendor_slugs = [v for v in _all(VENDOR_WORDS, inc["vendor"]) if v in actors]
        if "gamma" in inc["vendor"].lower() and "finfisher-gmbh" in vendor_slugs and "gamma-group" in vendor_slugs:
            vendor_slugs.remove("finfisher-gmbh")
        product_slugs = [p for p in _all(PRODUCT_WORDS, inc["product"]) if p in products]
        investigators = [i for i in _all(INVESTIGATOR_WORDS, inc["investigatedBy"]) if i in actors]
        if "amnesty-international-security-lab" in investigators and "amnesty-international" in investigators:
            investigators.remove("amnesty-international")
        operators = _operators(inc["suspectedOperator"], states_by_code)
        inv = inc["investigatedBy"].lower()
        text = (inc["product"] + " " + inc.get("note", "")).lower()
        lab = any(w in inv for w in LABS)
        forensic = "lab-confirmed" if (inc["status"] == "confirmed" and lab) else \
            "platform-notification" if any(w in inv for w in ("notification", "apple", "whatsapp", "meta")) else "suspected"
        vector = "zero-click" if any(w in text for w in ("zero-click", "forcedentry", "video-call", "whatsapp", "imessage")) else \
            "network-injection" if "network injection" in text else \
            "physical-access" if "cellebrite" in text else \
            "one-click" if any(w in text for w in ("link", "sms", "website", "watering-hole")) else "unknown"
        product_names = [products[p]["name"] for p in product_slugs] or ["Spyware"]
        place = names.get(where[0]) if where else None
        year = (first or disclosed or "")[:4]
        title = f"{' and '.join(product_names)} targeting of {'an' if category[0] in 'aeiou' else 'a'} {category.replace('-', ' ')}" + \
            (f" in {place}" if place else "") + (f" ({year})" if year else "")
        base = slugify(f"{year} {' '.join(product_slugs) or 'spyware'} {category} {where[0].lower() if where else ''}", 80)
        slug, k = base, 2
        while slug in used:
            slug = f"{base}-{k}"
            k += 1
        used.add(slug)
        pseudonym = pseudonym_for(slug)
        while pseudonym in pseudonyms:
            pseudonym = pseudonym_for(pseudonym)
        pseudonyms.add(pseudonym)
        cites = [dict(source=sources[u]["id"], credibility=cred) for u in fact_sources(inc) if u in sources]
        summary = (f"Investigated by: {inc['investigatedBy']}. Vendor as reported: {inc['vendor']}. "
                   f"Product as reported: {inc['product']}. Suspected operator as reported: {inc['suspectedOperator']}. "
                   f"Where: {inc['targetCountry']}. Targets as reported: {inc['targetCategory']}.")
        if guard.hits(summary, tokens=True):
            summary = f"Investigated by: {inc['investigatedBy']}. Suspected operator as reported: {inc['suspectedOperator']}."
            if guard.hits(summary, tokens=True):
                summary = None
        incidents.append(dict(
            id=slug, title=title, summary=summary, firstSeen=first, lastSeen=last, disclosed=disclosed,
            country=where[0] if where else None, forensicStatus=forensic, vector=vector,
            products=product_slugs, vendors=vendor_slugs, operators=operators, investigators=investigators,
            targets=[dict(pseudonym=pseudonym, category=category, residence=residence, nationality=nationality,
                          consent="public-record", marking="CLEAR")],
            marking="CLEAR", status=status, citations=dedupe_citations(cites)))
        identities.append((pseudonym, inc["targetName"]))
    return incidents, identities


def validate_incidents(incidents, actors, products, sources):
    errors = []
    source_ids = {r["id"] for r in sources}
    for i in incidents:
        for key in ("firstSeen", "lastSeen", "disclosed"):
            v = i.get(key)
            if v and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v):
                errors.append(f"incident {i['id']}: bad date {key}={v}")
        for p in i["products"]:
            if p not in products:
                errors.append(f"incident {i['id']}: unknown product {p}")
        for a in i["vendors"] + i["investigators"] + [o["actor"] for o in i["operators"]]:
            if a not in actors:
                errors.append(f"incident {i['id']}: unknown actor {a}")
        for c in i["citations"]:
            if c["source"] not in source_ids:
                errors.append(f"incident {i['id']}: unknown source {c['source']}")
        if i["status"] == "published" and not i["citations"]:
            errors.append(f"incident {i['id']}: published without citation")
    return errors


def emit_incident(rec):
    """Like emit(), with the nested operator and target lists written as maps."""
    flat = {k: v for k, v in rec.items() if k not in ("operators", "targets")}
    text = emit(flat, [k for k in INCIDENT_ORDER if k not in ("operators", "targets", "marking", "status", "citations")])
    for key in ("operators", "targets"):
        if rec.get(key):
            text += f"{key}:\n"
            for item in rec[key]:
                first = True
                for k, v in item.items():
                    if v is None or v == "":
                        continue
                    text += f"{'  - ' if first else '    '}{k}: {scalar(v)}\n"
                    first = False
    text += emit({k: rec[k] for k in ("marking", "status", "citations") if k in rec}, ["marking", "status", "citations"])
    return text

# --------------------------------------------------------------------------------------------
# Measures (issue 5): the 56 measure facts, linked to actors
# --------------------------------------------------------------------------------------------

MEASURE_ORDER = ["id", "type", "title", "authority", "targets", "programme", "reference", "announced", "effective",
                 "lifted", "stage", "description", "marking", "status", "steps", "citations"]

# Authorities the existing actors lack: (kind, name, country, description, part-of). Cited with the
# source of the first measure that names them.
MEASURE_ACTORS = {
    "whatsapp": ("company", "WhatsApp", "US", "Messaging service owned by Meta; sued NSO Group in 2019 over the exploitation of its servers.", None),
    "apple": ("company", "Apple", "US", "US technology company; sued NSO Group in November 2021 and dropped the suit in September 2024.", None),
    "knight-first-amendment-institute": ("organisation", "Knight First Amendment Institute", "US",
                                         "Free-expression organisation at Columbia University; counsel in El Faro et al. v. NSO Group.", None),
    "privacy-international": ("organisation", "Privacy International", "GB", "London-based privacy NGO.", None),
    "hm-revenue-and-customs": ("public-body", "HM Revenue and Customs", "GB", "UK tax and customs authority; enforced export controls on FinFisher.", "united-kingdom"),
    "munich-public-prosecutors-office": ("public-body", "Munich Public Prosecutor's Office", "DE",
                                         "Prosecutor's office (Staatsanwaltschaft München I) that charged FinFisher's former managing directors.", "germany"),
    "french-investigating-judges": ("public-body", "French investigating judges (Paris judicial court)", "FR",
                                    "Investigating judges of the Paris judicial court's crimes-against-humanity unit.", "france"),
    "israel-ministry-of-defense": ("public-body", "Israel Ministry of Defense", "IL",
                                   "Licenses the export of Israeli cyber-intrusion tools (through its export-control agency DECA).", "israel"),
    "rome-public-prosecutors-office": ("public-body", "Rome Public Prosecutor's Office", "IT",
                                       "Prosecutor's office investigating the Graphite spyware case with Naples.", "italy"),
    "tel-aviv-district-court": ("public-body", "Tel Aviv District Court", "IL", "Israeli court where a suit against NSO Group was filed in 2018.", "israel"),
}

OFAC, BIS, STATE_DEPT = "office-of-foreign-assets-control", "bureau-of-industry-and-security", "us-department-of-state"
ND_CAL = "us-district-court-northern-district-of-california"


def M(slug, typ, authority, targets, title, programme=None, **kw):
    return dict(slug=slug, type=typ, authority=authority, targets=targets, title=title, programme=programme, **kw)


def STEP(parent, stage, note=None):
    return dict(step_of=parent, stage=stage, note=note)


# One entry per fact in facts["measures"], in order: a measure, or a step of a measure (a later ruling,
# a dismissal, a delisting: status changes, never new measures or deletions).
MEASURE_MAP = [
    M("eo-14093-us-government-use-of-commercial-spyware", "regulation", "united-states", [],
      "Executive Order 14093: no US government use of commercial spyware that poses risks", "Executive Order 14093"),
    M("joint-statement-on-commercial-spyware", "regulation", "united-states", [],
      "Joint Statement on Efforts to Counter the Proliferation and Misuse of Commercial Spyware", "Joint Statement"),
    M("pall-mall-process-declaration", "regulation", "united-kingdom", [], "Pall Mall Process Declaration", "Pall Mall Process"),
    M("pall-mall-code-of-practice-for-states", "regulation", "united-kingdom", [],
      "Pall Mall Process Code of Practice for States", "Pall Mall Process"),
    M("bis-entity-list-2021-nso-group", "export-control-listing", BIS, ["nso-group"], "BIS Entity List: NSO Group", "Entity List (15 CFR 744)"),
    M("bis-entity-list-2021-candiru", "export-control-listing", BIS, ["candiru"], "BIS Entity List: Candiru", "Entity List (15 CFR 744)"),
    M("bis-entity-list-2021-positive-technologies", "export-control-listing", BIS, ["positive-technologies"],
      "BIS Entity List: Positive Technologies", "Entity List (15 CFR 744)"),
    M("bis-entity-list-2021-coseinc", "export-control-listing", BIS, ["computer-security-initiative-consultancy"],
      "BIS Entity List: Computer Security Initiative Consultancy (COSEINC)", "Entity List (15 CFR 744)"),
    M("bis-entity-list-2023-intellexa-sa", "export-control-listing", BIS, ["intellexa-sa"], "BIS Entity List: Intellexa S.A.", "Entity List (15 CFR 744)"),
    M("bis-entity-list-2023-intellexa-limited", "export-control-listing", BIS, ["intellexa-limited"],
      "BIS Entity List: Intellexa Limited", "Entity List (15 CFR 744)"),
    M("bis-entity-list-2023-cytrox-ad", "export-control-listing", BIS, ["cytrox-ad"], "BIS Entity List: Cytrox AD", "Entity List (15 CFR 744)"),
    M("bis-entity-list-2023-cytrox-holdings-zrt", "export-control-listing", BIS, ["cytrox-holdings-zrt"],
      "BIS Entity List: Cytrox Holdings Zrt", "Entity List (15 CFR 744)"),
    M("ofac-2024-03-tal-dilian", "sanction", OFAC, ["tal-dilian"], "OFAC designation: Tal Jonathan Dilian", "CYBER2"),
    M("ofac-2024-03-sara-hamou", "sanction", OFAC, ["sara-hamou"], "OFAC designation: Sara Aleksandra Fayssal Hamou", "CYBER2"),
    M("ofac-2024-03-intellexa-sa", "sanction", OFAC, ["intellexa-sa"], "OFAC designation: Intellexa S.A.", "CYBER2"),
    M("ofac-2024-03-intellexa-limited", "sanction", OFAC, ["intellexa-limited"], "OFAC designation: Intellexa Limited", "CYBER2"),
    M("ofac-2024-03-cytrox-ad", "sanction", OFAC, ["cytrox-ad"], "OFAC designation: Cytrox AD", "CYBER2"),
    M("ofac-2024-03-cytrox-holdings-zrt", "sanction", OFAC, ["cytrox-holdings-zrt"], "OFAC designation: Cytrox Holdings Zrt", "CYBER2"),
    M("ofac-2024-03-thalestris-limited", "sanction", OFAC, ["thalestris-limited"], "OFAC designation: Thalestris Limited", "CYBER2"),
    M("ofac-2024-09-felix-bitzios", "sanction", OFAC, ["felix-bitzios"], "OFAC designation: Felix Bitzios", "CYBER2"),
    M("ofac-2024-09-andrea-gambazzi", "sanction", OFAC, ["andrea-gambazzi"], "OFAC designation: Andrea Nicola Constantino Hermes Gambazzi", "CYBER2"),
    M("ofac-2024-09-merom-harpaz", "sanction", OFAC, ["merom-harpaz"], "OFAC designation: Merom Harpaz", "CYBER2"),
    M("ofac-2024-09-panagiota-karaoli", "sanction", OFAC, ["panagiota-karaoli"], "OFAC designation: Panagiota Karaoli", "CYBER2"),
    M("ofac-2024-09-artemis-artemiou", "sanction", OFAC, ["artemis-artemiou"], "OFAC designation: Artemis Artemiou", "CYBER2"),
    M("ofac-2024-09-aliada-group-inc", "sanction", OFAC, ["aliada-group-inc"], "OFAC designation: Aliada Group Inc.", "CYBER2"),
    [STEP("ofac-2024-03-sara-hamou", "lifted", "removed from the SDN list (delisted after a petition for reconsideration)"),
     STEP("ofac-2024-09-andrea-gambazzi", "lifted", "removed from the SDN list (delisted after a petition for reconsideration)"),
     STEP("ofac-2024-09-merom-harpaz", "lifted", "removed from the SDN list (delisted after a petition for reconsideration)")],
    M("state-department-spyware-visa-policy", "visa-restriction", STATE_DEPT, [],
      "Visa restriction policy on those involved in the misuse of commercial spyware", "INA §212(a)(3)(C)"),
    M("state-department-2024-04-visa-restrictions-13-individuals", "visa-restriction", STATE_DEPT, [],
      "Visa restrictions on 13 individuals involved in commercial spyware", "INA §212(a)(3)(C)"),
    M("state-department-2024-09-visa-restrictions", "visa-restriction", STATE_DEPT, [],
      "Further use of the spyware visa policy (September 2024)", "INA §212(a)(3)(C)"),
    M("whatsapp-v-nso-group", "lawsuit", "whatsapp", ["nso-group", "q-cyber-technologies"], "WhatsApp Inc. et al. v. NSO Group Technologies Ltd. et al.",
      "Computer Fraud and Abuse Act; California Comprehensive Computer Data Access and Fraud Act", first_stage="filed"),
    STEP("whatsapp-v-nso-group", "ruling", "US Supreme Court denied NSO Group's petition (foreign sovereign immunity): the suit proceeds"),
    STEP("whatsapp-v-nso-group", "ruling", "Summary judgment on liability for WhatsApp (CFAA, CDAFA, breach of contract)"),
    STEP("whatsapp-v-nso-group", "ruling", "Jury verdict: about $167.25 million punitive and $444,719 compensatory damages"),
    STEP("whatsapp-v-nso-group", "ruling", "Permanent injunction barring NSO from targeting WhatsApp; punitive damages reduced to about $4 million"),
    M("apple-v-nso-group", "lawsuit", "apple", ["nso-group", "q-cyber-technologies"], "Apple Inc. v. NSO Group Technologies Ltd. et al.",
      first_stage="filed"),
    STEP("apple-v-nso-group", "ruling", "NSO Group's motion to dismiss denied"),
    STEP("apple-v-nso-group", "closed", "Apple voluntarily dismissed the suit without prejudice"),
    M("el-faro-v-nso-group", "lawsuit", "knight-first-amendment-institute", ["nso-group", "q-cyber-technologies"],
      "El Faro et al. v. NSO Group (N.D. Cal.)", first_stage="filed"),
    M("tel-aviv-suit-v-nso-group-2018", "lawsuit", "tel-aviv-district-court", ["nso-group"],
      "Suit against NSO Group in Tel Aviv alleging Pegasus hacking linked to the killing of Jamal Khashoggi (plaintiff not named here)",
      first_stage="filed"),
    M("morocco-defamation-suits-pegasus-project", "lawsuit", "morocco", ["amnesty-international"],
      "Morocco's defamation suits in France over the Pegasus Project (ruled inadmissible)", first_stage="filed"),
    M("nso-group-threatened-suit-the-wire", "lawsuit", "nso-group", [], "NSO Group's threatened defamation suit against The Wire (India)",
      first_stage="announced"),
    M("privacy-international-v-hmrc-finfisher", "lawsuit", "privacy-international", ["hm-revenue-and-customs"],
      "Privacy International v. HMRC: refusal to detail its FinFisher export investigation unlawful", first_stage="ruling"),
    M("munich-charges-finfisher-managing-directors", "criminal-charge", "munich-public-prosecutors-office", ["finfisher-gmbh"],
      "Charges against four former managing directors of FinFisher Group companies for unlicensed export of dual-use goods",
      "Foreign Trade and Payments Act (Außenwirtschaftsgesetz)", first_stage="filed"),
    M("athens-convictions-predator-case", "criminal-charge", "athens-single-member-misdemeanour-court",
      ["tal-dilian", "felix-bitzios", "giannis-lavranos", "sara-hamou"],
      "Athens convictions in the Predator case (illegal access to data and systems, breach of confidentiality)", first_stage="ruling"),
    M("france-investigation-nexa-technologies", "criminal-charge", "french-investigating-judges", ["nexa-technologies"],
      "Nexa Technologies placed under formal investigation for complicity in torture and enforced disappearances (Egypt)", first_stage="filed"),
    M("pega-committee-inquiry", "investigation", "pega-committee", [], "European Parliament PEGA committee inquiry: final report and recommendations",
      "Report A9-0189/2023"),
    M("polish-senate-committee-on-illegal-surveillance", "investigation", "senate-extraordinary-committee-on-illegal-surveillance", [],
      "Polish Senate extraordinary committee on illegal surveillance"),
    M("sejm-pegasus-commission-of-inquiry", "investigation", "sejm-pegasus-commission-of-inquiry", [],
      "Sejm commission of inquiry into the use of Pegasus (2015–2023)"),
    M("spain-dismissal-cni-director", "other", "spain", ["paz-esteban"], "Dismissal of the CNI director after the Pegasus revelations"),
    M("greece-resignations-eyp-chief-and-secretary-general", "other", "greece", ["panagiotis-kontoleon", "grigoris-dimitriadis"],
      "Resignations of the EYP chief and the Prime Minister's General Secretary over the surveillance scandal"),
    M("copasir-report-paragon-graphite", "investigation", "copasir", ["paragon-solutions"], "Copasir report on Paragon and Graphite"),
    M("italy-paragon-contracts-terminated", "procurement-ban", "italy", ["paragon-solutions"],
      "Termination of Paragon's contracts with Italian government customers"),
    M("ice-paragon-stop-work-order", "procurement-ban", "us-immigration-and-customs-enforcement", ["paragon-solutions"],
      "Stop-work order on ICE's contract with Paragon Solutions (Executive Order 14093 compliance review)", "Executive Order 14093"),
    STEP("ice-paragon-stop-work-order", "lifted", "Stop-work order lifted after the AE Industrial acquisition"),
    M("israel-denial-of-export-authorisation-quadream", "procurement-ban", "israel-ministry-of-defense", ["quadream"],
      "Denial of export authorisation for QuaDream to sell REIGN to new clients", "Israeli defence export control"),
    M("italy-prosecutors-graphite-investigation", "investigation", "rome-public-prosecutors-office", [],
      "Rome and Naples criminal investigation into the Graphite targeting"),
]


def build_measures(facts, sources, actors, rels, guard):
    """data/measures/: one record per measure fact, later rulings, dismissals and delistings as steps."""
    url_slug = {u: r["id"] for u, r in sources.items()}
    facts_m = facts["measures"]
    if len(facts_m) != len(MEASURE_MAP):
        raise SystemExit(f"measures: {len(facts_m)} facts but {len(MEASURE_MAP)} entries in MEASURE_MAP")
    measures, errors = {}, []

    def cite_list(fact, cred):
        return dedupe_citations([dict(source=url_slug[u], credibility=cred) for u in fact_sources(fact)])

    for slug, (kind, name, country, desc, part_of) in MEASURE_ACTORS.items():
        if slug in actors:
            errors.append(f"measure actor {slug} already exists")
            continue
        fact = next(f for f, m in zip(facts_m, MEASURE_MAP) if isinstance(m, dict) and m.get("authority") == slug
                    or isinstance(m, dict) and slug in m.get("targets", []))
        citations = cite_list(fact, cred_for(fact.get("status")))
        actors[slug] = dict(id=slug, kind=kind, name=name, country=country, description=desc, marking="CLEAR",
                            status="published", aliases=[], identifiers=[], citations=citations)
        if part_of:
            add_rel(rels, slug, "part-of", part_of, citations, confidence="high", status="published",
                    description=f"{name} is part of the state of {actors[part_of]['name']}.")

    for fact, entry in zip(facts_m, MEASURE_MAP):
        cred = cred_for(fact.get("status"))
        steps = entry if isinstance(entry, list) else [entry]
        for e in steps:
            if "step_of" in e:
                continue
            status = status_for(cred)
            date = fact.get("date")
            first = e.get("first_stage") or ("announced" if e["type"] in ("regulation", "investigation", "other") else "in-force")
            step_source = url_slug[fact["source"]] if fact.get("source") else None
            rec = dict(id=e["slug"], type=e["type"], title=e["title"], authority=e["authority"], targets=e["targets"],
                       programme=e.get("programme"), reference=fact.get("reference") or None, announced=date,
                       effective=date if first == "in-force" else None, stage=None,
                       description=re.sub(r"\s+", " ", fact["target"]).strip() + (f" Note: {fact['note']}" if fact.get("note") else ""),
                       marking="CLEAR", status=status,
                       steps=[dict(stage=first, date=date, source=step_source)],
                       citations=cite_list(fact, cred))
            measures[rec["id"]] = rec
    # steps of measures: rulings, closings, liftings (delistings)
    for fact, entry in zip(facts_m, MEASURE_MAP):
        cred = cred_for(fact.get("status"))
        for e in (entry if isinstance(entry, list) else [entry]):
            if "step_of" not in e:
                continue
            m = measures[e["step_of"]]
            note = e["note"]
            if not fact.get("date") and fact.get("note"):
                note += f" (date not confirmed: {fact['note'].split(';')[0].strip().rstrip('.')})"
            m["steps"].append(dict(stage=e["stage"], date=fact.get("date"), source=url_slug[fact["source"]], note=note))
            m["citations"] = dedupe_citations(m["citations"] + cite_list(fact, cred))
            if e["stage"] in ("lifted", "closed", "expired"):
                m["lifted"] = fact.get("date")
    for m in measures.values():
        m["stage"] = m["steps"][-1]["stage"]
        if guard.hits(m["description"], tokens=True):
            m["description"] = "Details withheld here: the fact names people who were targeted."
        for key in ("title", "description"):
            if guard.hits(m[key], tokens=True):
                errors.append(f"measure {m['id']}: {key} names a protected target")
        if m["authority"] not in actors:
            errors.append(f"measure {m['id']}: unknown authority {m['authority']}")
        for t in m["targets"]:
            if t not in actors:
                errors.append(f"measure {m['id']}: unknown target {t}")
        for key in ("announced", "effective", "lifted"):
            v = m.get(key)
            if v and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v):
                errors.append(f"measure {m['id']}: bad date {key}={v}")
        if not m["citations"] and m["status"] == "published":
            errors.append(f"measure {m['id']} is published without a citation")
    return measures, errors


FRAMEWORK_KEYS = [
    ("joint-statement", "jointStatementSignatory", "Joint Statement on Efforts to Counter the Proliferation and Misuse of Commercial Spyware"),
    ("pall-mall-code", "pallMallCodeSignatory", "Pall Mall Process Code of Practice for States"),
    ("pall-mall-declaration", "pallMallDeclarationSignatory", "Pall Mall Process Declaration"),
]


def build_signatories(facts, actors):
    """data/reference/signatories.json: the states known to have joined each framework (interim form
    until frameworks and endorsements are records; see data/README.md)."""
    by_code = {a["country"]: a["id"] for a in actors.values() if a["kind"] == "state" and a.get("country")}
    out = []
    for fid, key, name in FRAMEWORK_KEYS:
        sigs = []
        for s in facts["states"]:
            f = s.get(key)
            if not f or f.get("value") is not True:
                continue
            slug = by_code.get(s["iso2"]) or slugify(s["name"])
            sigs.append(dict(state=slug, country=s["iso2"], date=f.get("date"), status=f.get("status") or "confirmed",
                             source=f.get("source")))
        out.append(dict(id=fid, name=name, signatories=sorted(sigs, key=lambda x: x["state"])))
    return dict(note="Generated by scripts/build-starter-data.py from facts.json (states: jointStatementSignatory, "
                     "pallMallCodeSignatory, pallMallDeclarationSignatory). Only states recorded as having joined.",
                frameworks=out)


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------

def validate(sources, actors, products, rels, iso, guard, misp_ids):
    errors = []
    iso_codes = {c["code"] for c in iso}
    source_ids = {r["id"] for r in sources}
    slug_re = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
    for kind, records in [("source", sources), ("actor", actors.values()), ("product", products.values())]:
        ids = [r["id"] for r in records]
        if len(ids) != len(set(ids)):
            errors.append(f"duplicate {kind} ids")
        for i in ids:
            if not slug_re.match(i):
                errors.append(f"bad {kind} slug {i!r}")
    for r in rels.values():
        if not re.match(r"^[a-z0-9-]+--[a-z-]+--[a-z0-9-]+$", r["id"]):
            errors.append(f"bad relationship slug {r['id']!r}")
    for a in actors.values():
        if a.get("country") and a["country"] not in iso_codes:
            errors.append(f"actor {a['id']}: country {a['country']} not in ISO list")
    for kind, records in [("actor", actors.values()), ("product", products.values()), ("relationship", rels.values())]:
        for r in records:
            if not r.get("citations"):
                errors.append(f"{kind} {r['id']} has no citation")
            for c in r.get("citations", []):
                if c["source"] not in source_ids:
                    errors.append(f"{kind} {r['id']}: unknown source {c['source']}")
                if not 1 <= c["credibility"] <= 6:
                    errors.append(f"{kind} {r['id']}: bad credibility")
            for key in ("start", "end", "published"):
                v = r.get(key)
                if v and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v):
                    errors.append(f"{kind} {r['id']}: bad date {key}={v}")
    for r in rels.values():
        if r["from"] not in actors:
            errors.append(f"relationship {r['id']}: unknown from {r['from']}")
        target_pool = products if r["type"] in ("develops", "operates") else actors
        if r["to"] not in target_pool:
            errors.append(f"relationship {r['id']}: unknown to {r['to']}")
        if r["type"] == "officer-of" and not r.get("role"):
            errors.append(f"relationship {r['id']}: officer-of without role")
    seen = {}
    for a in actors.values():
        for ident in a.get("identifiers", []):
            if ident["scheme"] == "misp":
                if ident["value"] in seen:
                    errors.append(f"misp uuid {ident['value']} on {seen[ident['value']]} and {a['id']}")
                seen[ident["value"]] = a["id"]
    return errors


def privacy_scan(guard):
    """Every file under data/ (YAML and copied JSON): no targeted person's name or name token."""
    problems = []
    for path in sorted(DATA.rglob("*")):
        if not path.is_file() or path.suffix not in (".yaml", ".json", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json" and path.parent.name == "reference":
            continue
        hits = guard.hits(text, tokens=path.suffix == ".yaml") + guard.hits(unquote(text), tokens=False)
        hits += guard.hits(path.name, tokens=True)
        if hits:
            problems.append(f"{path.relative_to(ROOT)}: {sorted(set(hits))}")
    return problems


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------------
# Commitments: frameworks (with their commitments) and endorsements
# --------------------------------------------------------------------------------------------

FRAMEWORK_ORDER = ["id", "name", "kind", "series", "edition", "date", "owner", "description", "provenance",
                   "source", "marking", "status", "commitments"]
ENDORSEMENT_ORDER = ["id", "actor", "framework", "date", "note", "marking", "status", "citations"]

PALL_MALL_CODE = "pall-mall-code-of-practice"
JOINT_STATEMENT = "joint-statement-commercial-spyware"
PALL_MALL_DECLARATION = "pall-mall-declaration"
KYC_STANDARD = "know-your-customer-standard"
NSO_POLICY = "nso-group-human-rights-policy-2019"
SEED_SOURCE = "eff-2019-nso-human-rights-policy-know-your-customer"

# Vigil editors' mapping of Code practices whose pillar the sources do not state (pillarStated: false).
CODE_PILLAR_MAP = [
    ("regulate the development", "oversight"), ("oversight mechanisms", "oversight"),
    ("vulnerability equities", "oversight"), ("bar government procurement", "accountability"),
    ("impose costs", "accountability"), ("necessary, proportionate", "precision"),
    ("due diligence", "accountability"), ("adopt regulations", "transparency"),
    ("national frameworks", "accountability"), ("dual-use", "precision"),
    ("international law", "accountability"),
]
PILLAR_CODES = {"accountability": "A", "precision": "P", "oversight": "O", "transparency": "T",
                "general": "G", "implementation": "I"}

# The Joint Statement's undertakings, paraphrased (its text is not in the fact base): drafts until an
# editor checks them against the statement.
JOINT_STATEMENT_COMMITMENTS = [
    ("guardrails", "Establish robust guardrails and procedures so that any governmental use of commercial spyware is consistent with human rights, the rule of law and civil liberties."),
    ("exports", "Prevent the export of software, technology and equipment to end users likely to use them for malicious cyber activity."),
    ("industry", "Work with industry partners to identify and counter the misuse of commercial spyware."),
    ("information-sharing", "Share information on commercial spyware proliferation and misuse with partner governments."),
]

# EFF's Know-Your-Customer standard (shared/seeds/nso-human-rights-policy-kyc.txt).
KYC_COMMITMENTS = [
    ("K1", "due-diligence", "Investigate who is buying and who is using the technology, directly or indirectly."),
    ("K2", "due-diligence", "Build tools that resist abuse or, where that cannot be done, refrain from providing or supporting technology that appears to support human rights abuses."),
    ("K3", "process", "Review, audit and update the due-diligence process periodically."),
    ("K4", "process", "Require empowered staff participation up to and including the executive team."),
    ("K5", "transparency", "Report publicly on the process and its results."),
    ("K6", "transparency", "Name the outside experts who review the process."),
]

# NSO Group's 2019 Human Rights Policy, its claims as quoted in the seed text.
NSO_POLICY_COMMITMENTS = [
    ("N1", "due-diligence", "Human rights protections are embedded throughout all aspects of our work, in alignment with the UN Guiding Principles on Business and Human Rights.",
     "\"As part of NSO's commitment and alignment to the UN Guiding Principles on Business and Human Rights, human rights protections are embedded throughout all aspects of our work.\""),
    ("N2", "due-diligence", "We take all reasonable steps to prevent and mitigate the risk of misuse of our products.",
     "\"taking all reasonable steps to prevent and mitigate the risk of misuse of our products\""),
    ("N3", "oversight", "Procedures are reviewed periodically by experienced human rights compliance experts and updated on their findings and recommendations.",
     "\"procedures will be reviewed periodically by experienced human rights compliance experts and updated based on their findings and recommendations\""),
    ("N4", "transparency", "We publish reports on the principles and effectiveness of our human rights policy (subject to legal, contractual, security and commercial constraints).",
     "public reports on the \"principles and effectiveness of our human rights policy\""),
]

STATE_ENDORSEMENTS = [("pallMallCodeSignatory", PALL_MALL_CODE), ("jointStatementSignatory", JOINT_STATEMENT),
                      ("pallMallDeclarationSignatory", PALL_MALL_DECLARATION)]


def build_commitments(facts, sources, actors):
    """Frameworks with their commitments, and endorsements (state signatures, NSO's own policy).

    Returns (frameworks, endorsements, extra_sources). Practice texts of the Code are paraphrased from
    secondary sources (the fact base's caveat) and each framework says so in `provenance`."""
    url_slug = {u: r["id"] for u, r in sources.items()}
    seed = dict(id=SEED_SOURCE, title="NSO Group's human rights policy and the Know Your Customer standard (EFF commentary, seed text)",
                publisher="Electronic Frontier Foundation", url=None, kind="article", published="2019-11",
                accessed=ACCESSED, reliability="B", marking="CLEAR", status="published")
    code_source = next(u for u in url_slug if "gov.uk/government/publications/the-pall-mall-process-code-of-practice" in u)
    joint_source = next(u for u in url_slug if "regjeringen.no" in u and "joint-statement" in u)

    commitments, counters = [], {}
    for fact in facts["codeOfPractice"]:
        pillar_text = fact["pillar"].lower()
        if pillar_text in ("structure", "industry code (separate)"):
            continue  # description of the Code, not something a state does
        stated = bool(fact.get("pillarStatedInSource"))
        if pillar_text in PILLAR_CODES:
            pillar = pillar_text
        elif pillar_text.startswith("preface"):
            pillar = "general"
        else:
            text = fact["practice"].lower()
            pillar = next((p for k, p in CODE_PILLAR_MAP if k in text), "general")
            stated = False
        counters[pillar] = counters.get(pillar, 0) + 1
        code = f"{PILLAR_CODES[pillar]}{counters[pillar]}"
        cred = cred_for(fact.get("status"))
        commitments.append(dict(code=code, pillar=pillar, pillarStated=stated, text=fact["practice"],
                                source=url_slug[fact["source"]], status=status_for(cred)))
    order = list(PILLAR_CODES)
    commitments.sort(key=lambda c: (order.index(c["pillar"]), int(c["code"][1:])))

    frameworks = [
        dict(id=PALL_MALL_CODE, name="Pall Mall Process Code of Practice for States", kind="state-code",
             series="pall-mall-code", edition=1, date="2025-04-04",
             description="Voluntary, non-binding code agreed in Paris on 4 April 2025, organised around four pillars "
                         "(accountability, precision, oversight, transparency); addresses States as regulators, customers and users "
                         "of commercial cyber intrusion capabilities.",
             provenance="Paraphrased from secondary sources: only the Preface of the official text was visible; practices come "
                        "from Recorded Future News' final draft, CCPL, candid.technology, Security Boulevard and ORF America. "
                        "Pillars marked 'not stated' are Vigil's mapping. Editors amend the wording as a new version.",
             source=url_slug[code_source], marking="CLEAR", status="published", commitments=commitments),
        dict(id=JOINT_STATEMENT, name="Joint Statement on Efforts to Counter the Proliferation and Misuse of Commercial Spyware",
             kind="joint-statement", series="joint-statement", edition=1, date="2023-03-30",
             description="Statement first issued by eleven governments on 30 March 2023 and joined by more in 2024.",
             provenance="Undertakings paraphrased by Vigil's editors from the statement as published; drafts until checked against the text.",
             source=url_slug[joint_source], marking="CLEAR", status="published",
             commitments=[dict(code=f"J{i + 1}", pillar=p, pillarStated=False, text=t, source=url_slug[joint_source], status="draft")
                          for i, (p, t) in enumerate(JOINT_STATEMENT_COMMITMENTS)]),
        dict(id=PALL_MALL_DECLARATION, name="Pall Mall Process Declaration", kind="joint-statement",
             series="pall-mall-declaration", edition=1, date="2024-02-06",
             description="Declaration of the February 2024 London conference that launched the Pall Mall Process; its commitments "
                         "are carried by the Code of Practice, so it lists none of its own.",
             provenance="The signatory list was not retrievable: only the states named in the fact base are recorded.",
             source=url_slug[code_source], marking="CLEAR", status="published", commitments=[]),
        dict(id=KYC_STANDARD, name="Know Your Customer standard for surveillance technology companies", kind="company-standard",
             series="know-your-customer", edition=1, date="2019",
             description="Due-diligence standard for companies selling surveillance technology to governments, modelled on "
                         "export-control and anti-bribery screens (EFF; echoed by US State Department guidance).",
             provenance="Paraphrased from EFF's commentary (seed text).",
             source=SEED_SOURCE, marking="CLEAR", status="published",
             commitments=[dict(code=c, pillar=p, pillarStated=False, text=t, source=SEED_SOURCE, status="published")
                          for c, p, t in KYC_COMMITMENTS]),
        dict(id=NSO_POLICY, name="NSO Group Human Rights Policy (2019)", kind="company-policy", series="nso-human-rights-policy",
             edition=1, date="2019", owner="nso-group",
             description="NSO Group's human rights policy, issued in 2019 shortly before WhatsApp sued the company; its claims are "
                         "the commitments Vigil measures against the record.",
             provenance="Claims quoted or paraphrased from EFF's commentary (seed text), not from the policy document itself.",
             source=SEED_SOURCE, marking="CLEAR", status="published",
             commitments=[dict(code=c, pillar=p, pillarStated=False, text=t, quote=q, source=SEED_SOURCE, status="published")
                          for c, p, t, q in NSO_POLICY_COMMITMENTS]),
    ]

    state_slug = {a["country"]: s for s, a in actors.items() if a["kind"] == "state" and a.get("country")}
    state_slug.update({None: None})
    by_name = {a["name"]: s for s, a in actors.items() if a["kind"] == "state"}
    endorsements = []
    for st in facts["states"]:
        slug = state_slug.get(st["iso2"]) or by_name.get(st["name"]) or slugify(st["name"])
        if slug not in actors:
            raise SystemExit(f"endorsement of unknown state {st['name']!r}")
        for key, framework in STATE_ENDORSEMENTS:
            fact = st.get(key)
            if not fact or fact.get("value") is not True:
                continue
            status = (fact.get("status") or "").lower()
            cred = cred_for(status)
            endorsements.append(dict(
                id=f"{slug}--{framework}", actor=slug, framework=framework, date=fact.get("date"),
                note=fact.get("note") or (None if status.startswith("confirmed") else f"status: {fact.get('status')}"),
                marking="CLEAR", status=status_for(cred) if status.startswith("confirmed") else "draft",
                citations=dedupe_citations([dict(source=url_slug[u], credibility=cred) for u in fact_sources(fact)])))
    endorsements.append(dict(id=f"nso-group--{NSO_POLICY}", actor="nso-group", framework=NSO_POLICY, date="2019",
                             note="The company's own policy: its claims are commitments.", marking="CLEAR", status="published",
                             citations=[dict(source=SEED_SOURCE, credibility=2)]))
    return frameworks, endorsements, [seed]


def emit_framework(f):
    head = emit({k: v for k, v in f.items() if k != "commitments"}, FRAMEWORK_ORDER[:-1])
    if not f["commitments"]:
        return head
    lines = ["commitments:"]
    for c in f["commitments"]:
        first = True
        for k in ["code", "pillar", "pillarStated", "text", "quote", "source", "status"]:
            if c.get(k) is None:
                continue
            lines.append(f"{'  - ' if first else '    '}{k}: {scalar(c[k])}")
            first = False
    return head + "\n".join(lines) + "\n"


def validate_commitments(frameworks, endorsements, source_ids, actors):
    errors = []
    ids = {f["id"] for f in frameworks}
    for f in frameworks:
        if f["source"] not in source_ids:
            errors.append(f"framework {f['id']}: unknown source {f['source']}")
        if f.get("owner") and f["owner"] not in actors:
            errors.append(f"framework {f['id']}: unknown owner {f['owner']}")
        codes = [c["code"] for c in f["commitments"]]
        if len(codes) != len(set(codes)):
            errors.append(f"framework {f['id']}: duplicate commitment codes")
        errors += [f"framework {f['id']} {c['code']}: unknown source" for c in f["commitments"] if c["source"] not in source_ids]
    for e in endorsements:
        if e["actor"] not in actors or e["framework"] not in ids:
            errors.append(f"endorsement {e['id']}: unknown actor or framework")
        if e["status"] == "published" and not e["citations"]:
            errors.append(f"endorsement {e['id']}: published without citation")
        errors += [f"endorsement {e['id']}: unknown source {c['source']}" for c in e["citations"] if c["source"] not in source_ids]
    return errors


def write_commitments(frameworks, endorsements):
    folder = DATA / "frameworks"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for f in frameworks:
        (folder / f"{f['id']}.yaml").write_text(emit_framework(f), encoding="utf-8")
    write_folder(DATA / "endorsements", endorsements, ENDORSEMENT_ORDER)


def write_folder(folder, records, order):
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for rec in sorted(records, key=lambda r: r["id"]):
        (folder / f"{rec['id']}.yaml").write_text(emit(rec, order), encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", default=str(ROOT.parent.parent / "shared" / "facts" / "facts.json"))
    ap.add_argument("--target-identities", metavar="CSV",
                    help="also write the targets' names as public sources give them (pseudonym,identity) to CSV, "
                         "which must be outside data/; load it with `vigil import target-identities CSV`")
    ap.add_argument("--misp", default=str(ROOT.parent.parent / "shared" / "data" / "misp-galaxy"))
    args = ap.parse_args()
    facts_path = Path(args.facts)
    if not facts_path.exists():
        facts_path = Path("/work/shared/facts/facts.json")
    misp_dir = Path(args.misp)
    if not misp_dir.exists():
        misp_dir = Path("/work/shared/data/misp-galaxy")
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    iso = json.loads((DATA / "reference" / "iso3166-1.json").read_text(encoding="utf-8"))
    misp = json.loads((misp_dir / "clusters_surveillance-vendor.json").read_text(encoding="utf-8"))

    guard = TargetGuard(facts)
    sources, iso_source, withheld = build_sources(facts, guard)
    actors, products, rels, misp_ids = build(facts, iso, misp, sources, iso_source)
    frameworks, endorsements, commitment_sources = build_commitments(facts, sources, actors)
    source_list = list(sources.values()) + [iso_source] + commitment_sources

    errors = validate(source_list, actors, products, rels, iso, guard, misp_ids)
    incidents, identities = build_incidents(facts, actors, products, sources, guard, iso)
    errors += validate_incidents(incidents, actors, products, source_list)
    measures, measure_errors = build_measures(facts, sources, actors, rels, guard)
    signatories = build_signatories(facts, actors)
    errors += measure_errors
    errors += validate_commitments(frameworks, endorsements, {r["id"] for r in source_list}, actors)
    if errors:
        print("VALIDATION FAILED:\n  " + "\n  ".join(errors), file=sys.stderr)
        sys.exit(1)

    write_folder(DATA / "sources", source_list, SOURCE_ORDER)
    write_folder(DATA / "actors", actors.values(), ACTOR_ORDER)
    write_folder(DATA / "products", products.values(), PRODUCT_ORDER)
    write_folder(DATA / "relationships", rels.values(), REL_ORDER)
    folder = DATA / "incidents"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for rec in sorted(incidents, key=lambda r: r["id"]):
        (folder / f"{rec['id']}.yaml").write_text(emit_incident(rec), encoding="utf-8")
    if args.target_identities:
        out = Path(args.target_identities).resolve()
        if DATA.resolve() in out.parents or ROOT.resolve() in out.parents:
            print("--target-identities must name a file outside the repository", file=sys.stderr)
            sys.exit(1)
        import csv
        with out.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["pseudonym", "identity"])
            w.writerows(identities)
        out.chmod(0o600)
    write_folder(DATA / "measures", measures.values(), MEASURE_ORDER)
    (DATA / "reference" / "signatories.json").write_text(json.dumps(signatories, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_commitments(frameworks, endorsements)
    (DATA / "misp").mkdir(exist_ok=True)
    for name in ("clusters_surveillance-vendor.json", "galaxies_surveillance-vendor.json"):
        shutil.copyfile(misp_dir / name, DATA / "misp" / name)

    problems = privacy_scan(guard)
    if problems:
        print("PRIVACY CHECK FAILED (a targeted person's name appears):\n  " + "\n  ".join(problems), file=sys.stderr)
        sys.exit(1)

    # report
    by_kind = {}
    for a in actors.values():
        by_kind[a["kind"]] = by_kind.get(a["kind"], 0) + 1
    drafts = sum(1 for r in list(actors.values()) + list(products.values()) + list(rels.values()) + source_list
                 if r["status"] == "draft")
    print(f"sources: {len(source_list)} ({len(withheld)} with URL withheld because it names a protected target)")
    print("actors: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())) + f" (total {len(actors)})")
    print(f"products: {len(products)}")
    rel_kinds = {}
    for r in rels.values():
        rel_kinds[r["type"]] = rel_kinds.get(r["type"], 0) + 1
    print(f"relationships: {len(rels)} (" + ", ".join(f"{k} {v}" for k, v in sorted(rel_kinds.items())) + ")")
    print(f"measures: {len(measures)} from {len(facts['measures'])} facts (" + ", ".join(
        f"{k} {v}" for k, v in sorted(__import__('collections').Counter(m['type'] for m in measures.values()).items())) + f"), "
        f"{sum(len(m['steps']) for m in measures.values())} steps, {sum(1 for m in measures.values() if m['status'] == 'draft')} drafts")
    print(f"drafts: {drafts}")
    print(f"incidents: {len(incidents)} ({sum(1 for i in incidents if i['status'] == 'published')} published, "
          f"{sum(1 for i in incidents if i['status'] == 'draft')} draft), targets: {sum(len(i['targets']) for i in incidents)}")
    print(f"misp identifiers: {len(misp_ids)}")
    print(f"frameworks: {len(frameworks)} ({sum(len(f['commitments']) for f in frameworks)} commitments); "
          f"endorsements: {len(endorsements)} ({sum(1 for e in endorsements if e['status'] == 'draft')} drafts)")
    print("validation: OK; privacy check: OK")


if __name__ == "__main__":
    main()
