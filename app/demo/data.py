"""Fixed data of the Trøndelag demo region: real municipalities, plausible names."""

# (school name, municipality, latitude, longitude, is_rural)
SCHOOLS = [
    ("Huseby ungdomsskole", "Trondheim", 63.3960, 10.3480, False),
    ("Rosenborg ungdomsskole", "Trondheim", 63.4270, 10.4120, False),
    ("Charlottenlund ungdomsskole", "Trondheim", 63.4180, 10.4750, False),
    ("Selsbakk skole", "Trondheim", 63.3810, 10.3560, False),
    ("Ugla skole", "Trondheim", 63.4130, 10.3650, False),
    ("Hårstad skole", "Trondheim", 63.3540, 10.3770, False),
    ("Nyborg skole", "Trondheim", 63.3830, 10.4530, False),
    ("Ranheim skole", "Trondheim", 63.4260, 10.5290, False),
    ("Sunnland skole", "Trondheim", 63.4140, 10.4000, False),
    ("Hoeggen skole", "Trondheim", 63.3980, 10.4350, False),
    ("Åsheim ungdomsskole", "Trondheim", 63.3720, 10.3700, False),
    ("Flatåsen skole", "Trondheim", 63.3780, 10.3280, False),
    ("Steinkjer ungdomsskole", "Steinkjer", 64.0140, 11.4960, False),
    ("Egge ungdomsskole", "Steinkjer", 64.0220, 11.4690, False),
    ("Namsos ungdomsskole", "Namsos", 64.4670, 11.4950, False),
    ("Levanger ungdomsskole", "Levanger", 63.7460, 11.3000, False),
    ("Ronglan skole", "Levanger", 63.6610, 11.1240, True),
    ("Verdalsøra ungdomsskole", "Verdal", 63.7930, 11.4820, False),
    ("Vuku oppvekstsenter", "Verdal", 63.7610, 11.7540, True),
    ("Stjørdal ungdomsskole", "Stjørdal", 63.4680, 10.9180, False),
    ("Hegra barne- og ungdomsskole", "Stjørdal", 63.4640, 11.1150, True),
    ("Hommelvik ungdomsskole", "Malvik", 63.4110, 10.7940, False),
    ("Gimse ungdomsskole", "Melhus", 63.2860, 10.2780, False),
    ("Lundamo ungdomsskole", "Melhus", 63.1520, 10.2860, True),
    ("Orkdal ungdomsskole", "Orkland", 63.3070, 9.8500, False),
    ("Børsa skole", "Skaun", 63.3270, 10.0690, False),
    ("Oppdal ungdomsskole", "Oppdal", 62.5940, 9.6910, True),
    ("Røros skole", "Røros", 62.5750, 11.3840, True),
    ("Ålen skole", "Holtålen", 62.8420, 11.3010, True),
    ("Støren ungdomsskole", "Midtre Gauldal", 63.0390, 10.2850, True),
    ("Berkåk skole", "Rennebu", 62.8250, 10.0120, True),
    ("Selbu ungdomsskole", "Selbu", 63.2180, 11.0380, True),
    ("Rissa skole", "Indre Fosen", 63.5840, 9.9600, True),
    ("Ørland ungdomsskole", "Ørland", 63.6870, 9.6650, True),
    ("Fillan skole", "Hitra", 63.6060, 8.9700, True),
    ("Nabeita oppvekstsenter", "Frøya", 63.7250, 8.8330, True),
    ("Snåsa skole", "Snåsa", 64.2460, 12.3780, True),
    ("Inderøy ungdomsskole", "Inderøy", 63.8720, 11.2960, True),
    ("Meråker skole", "Meråker", 63.4140, 11.7430, True),
    ("Grong ungdomsskole", "Grong", 64.4650, 12.3160, True),
    ("Rørvik skole", "Nærøysund", 64.8620, 11.2370, True),
    ("Åfjord ungdomsskole", "Åfjord", 63.9610, 10.2250, True),
]

# (town, municipality, latitude, longitude, weight: how many companies are there)
TOWNS = [
    ("Trondheim", "Trondheim", 63.4305, 10.3951, 60),
    ("Stjørdal", "Stjørdal", 63.4680, 10.9180, 9),
    ("Levanger", "Levanger", 63.7464, 11.2996, 7),
    ("Steinkjer", "Steinkjer", 64.0149, 11.4954, 7),
    ("Verdal", "Verdal", 63.7933, 11.4817, 6),
    ("Orkanger", "Orkland", 63.3067, 9.8503, 6),
    ("Namsos", "Namsos", 64.4662, 11.4957, 5),
    ("Melhus", "Melhus", 63.2856, 10.2781, 4),
    ("Malvik", "Malvik", 63.4333, 10.6833, 3),
    ("Oppdal", "Oppdal", 62.5943, 9.6912, 3),
    ("Røros", "Røros", 62.5747, 11.3842, 3),
    ("Brekstad", "Ørland", 63.6870, 9.6654, 3),
    ("Fillan", "Hitra", 63.6064, 8.9696, 2),
    ("Sistranda", "Frøya", 63.7252, 8.8332, 2),
]

# (name stem, fields, typical kinds)
COMPANY_KINDS = [
    ("Programvare", ["ict", "mathematics"]),
    ("Havbruk", ["aquaculture", "biotech"]),
    ("Energi", ["energy", "engineering"]),
    ("Bygg", ["construction", "engineering"]),
    ("Elektro", ["electronics", "engineering"]),
    ("Medisinteknikk", ["health_tech", "electronics"]),
    ("Miljøteknikk", ["environment", "chemistry"]),
    ("Prosessindustri", ["chemistry", "manufacturing"]),
    ("Geoteknikk", ["geoscience", "construction"]),
    ("Analyse", ["mathematics", "ict"]),
    ("Mekaniske", ["manufacturing", "engineering"]),
    ("Laboratorier", ["biotech", "chemistry"]),
]

COMPANY_PREFIXES = [
    "Nidaros", "Trønder", "Midtnorsk", "Fosen", "Gauldal", "Innherred", "Namdal", "Nidelv",
    "Orkla", "Stjørdals", "Hitra", "Frøya", "Snøhetta", "Gråkallen", "Ladestien", "Tyholt",
    "Sluppen", "Heimdal", "Lerkendal", "Brattøra",
]

JOB_TITLES = {
    "ict": ["Utvikler", "Dataingeniør", "IT-sikkerhetsrådgiver"],
    "aquaculture": ["Havbruksbiolog", "Driftsleder oppdrett", "Fiskehelsebiolog"],
    "energy": ["Energiingeniør", "Kraftsystemplanlegger", "Elektriker"],
    "construction": ["Byggingeniør", "Prosjektleder bygg", "Tømrer"],
    "electronics": ["Elektronikkingeniør", "Automatiker", "Produktutvikler"],
    "health_tech": ["Biomedisinsk ingeniør", "Medisinsk fysiker"],
    "environment": ["Miljørådgiver", "Klimaforsker"],
    "chemistry": ["Kjemiingeniør", "Laborant", "Prosessoperatør"],
    "geoscience": ["Geolog", "Geotekniker"],
    "mathematics": ["Dataanalytiker", "Statistiker"],
    "manufacturing": ["Industrimekaniker", "Produksjonsingeniør", "CNC-operatør"],
    "biotech": ["Bioingeniør", "Forsker bioteknologi"],
}

EDUCATION_PATHS = [
    "Yrkesfag (TIP), fagbrev, deretter Y-vei til ingeniør",
    "Studiespesialisering, bachelor ved NTNU",
    "Studiespesialisering, master i teknologi (sivilingeniør) ved NTNU",
    "Yrkesfag, fagbrev og fagskole",
    "Naturbruk, deretter bachelor i havbruk",
    "Studiespesialisering, bachelor fra Nord universitet",
]

FIRST_NAMES_F = ["Ingrid", "Nora", "Sara", "Emma", "Ida", "Maja", "Thea", "Ingeborg", "Amina",
                 "Hanna", "Kari", "Åse", "Siri", "Marte", "Linnea", "Frida", "Aurora", "Sofie"]
FIRST_NAMES_M = ["Ola", "Jakob", "Emil", "Noah", "Lukas", "Henrik", "Sander", "Magnus", "Ali",
                 "Even", "Håkon", "Sindre", "Tobias", "Elias", "Mathias", "Johannes", "Oskar"]
LAST_NAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Berg", "Haugen", "Moen",
              "Lie", "Strand", "Aune", "Rønning", "Lien", "Sæther", "Hoel", "Solberg", "Bakken",
              "Dahl", "Ahmed", "Nguyen", "Kowalski", "Eggen", "Brattli", "Grøtte"]
