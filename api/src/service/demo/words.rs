//! What the demo town says, in English and Welsh: names, proposals by theme, comments and the
//! council's answers. Every pair is (English, Welsh).

pub type Pair = (&'static str, &'static str);

pub const FIRST_NAMES: [&str; 40] = [
    "Alaw", "Aled", "Alys", "Angharad", "Bethan", "Bryn", "Cadi", "Carys", "Catrin", "Cerys",
    "Dafydd", "Dylan", "Efa", "Eleri", "Elin", "Emyr", "Ffion", "Gareth", "Geraint", "Glesni",
    "Gruffudd", "Guto", "Gwen", "Gwion", "Heledd", "Huw", "Ifan", "Iolo", "Iwan", "Lowri", "Mabli",
    "Manon", "Megan", "Meilyr", "Nia", "Osian", "Rhodri", "Rhys", "Seren", "Siân",
];

pub const LAST_NAMES: [&str; 28] = [
    "Ap Dafydd",
    "Bowen",
    "Davies",
    "Edwards",
    "Ellis",
    "Evans",
    "Griffiths",
    "Gruffydd",
    "Howells",
    "Hughes",
    "Jenkins",
    "Jones",
    "Lewis",
    "Llywelyn",
    "Lloyd",
    "Morgan",
    "Owen",
    "Parry",
    "Powell",
    "Price",
    "Prys",
    "Pugh",
    "Rees",
    "Roberts",
    "Thomas",
    "Vaughan",
    "Watkins",
    "Williams",
];

/// Where a proposal is about, with its preposition.
pub const PLACES: [Pair; 12] = [
    ("on the High Street", "ar y Stryd Fawr"),
    ("in Llanbadarn", "yn Llanbadarn"),
    ("near the station", "ger yr orsaf"),
    ("in Maes-y-dre", "ym Maes-y-dre"),
    ("by the river", "ger yr afon"),
    ("in Rhydyfelin", "yn Rhydyfelin"),
    ("at the harbour", "yn yr harbwr"),
    ("around the primary school", "o gwmpas yr ysgol gynradd"),
    ("in the town centre", "yng nghanol y dref"),
    ("on the promenade", "ar y prom"),
    ("in Penparcau", "ym Mhenparcau"),
    ("near the leisure centre", "ger y ganolfan hamdden"),
];

/// What the forums of one theme talk about.
pub struct Theme {
    /// The slug of the themed forum (its youth shadow is `youth-<slug>`).
    pub slug: &'static str,
    pub titles: &'static [Pair],
    pub sentences: &'static [Pair],
    /// The community strategy's objective for this theme.
    pub objective: Pair,
    /// How the council measures it: name, unit, baseline and target.
    pub indicator: (Pair, &'static str, f64, f64),
}

pub const THEMES: [Theme; 6] = [
    Theme {
        slug: "environment",
        titles: &[
            ("More recycling bins", "Mwy o finiau ailgylchu"),
            ("Wildflower verges", "Blodau gwyllt ar ymylon y ffyrdd"),
            ("A community orchard", "Perllan gymunedol"),
            ("Clean up the river bank", "Glanhau glan yr afon"),
            ("Water refill stations", "Gorsafoedd ail-lenwi dŵr"),
            (
                "Solar panels on council buildings",
                "Paneli solar ar adeiladau'r cyngor",
            ),
            ("Plant more trees", "Plannu mwy o goed"),
            (
                "Litter picking kits to borrow",
                "Offer casglu sbwriel i'w fenthyg",
            ),
            ("A repair café", "Caffi trwsio"),
            ("No mowing in May", "Dim torri gwair ym mis Mai"),
        ],
        sentences: &[
            (
                "The bins we have overflow every weekend.",
                "Mae'r biniau sydd gennym ni'n gorlifo bob penwythnos.",
            ),
            (
                "Bees and butterflies need somewhere to feed.",
                "Mae angen rhywle i fwydo ar wenyn a glöynnod byw.",
            ),
            (
                "The river is one of the best things about our town.",
                "Yr afon yw un o'r pethau gorau am ein tref ni.",
            ),
        ],
        objective: ("A greener, cleaner town", "Tref wyrddach a glanach"),
        indicator: (
            ("Household waste recycled", "Gwastraff cartref a ailgylchir"),
            "%",
            58.0,
            75.0,
        ),
    },
    Theme {
        slug: "transport",
        titles: &[
            ("A safe crossing", "Croesfan ddiogel"),
            (
                "A later bus on Saturday nights",
                "Bws hwyrach ar nos Sadwrn",
            ),
            ("Cycle racks", "Raciau beiciau"),
            ("A 20 mph limit", "Terfyn 20 mya"),
            ("Fix the potholes", "Trwsio'r tyllau yn y ffordd"),
            (
                "Electric car charging points",
                "Pwyntiau gwefru ceir trydan",
            ),
            ("A cycle path", "Llwybr beicio"),
            ("Better bus shelters", "Gwell llochesi bws"),
            (
                "Free parking on market days",
                "Parcio am ddim ar ddiwrnod marchnad",
            ),
            (
                "Dropped kerbs for wheelchairs and buggies",
                "Cyrbiau isel ar gyfer cadeiriau olwyn a bygis",
            ),
        ],
        sentences: &[
            (
                "Cars go far too fast here at school time.",
                "Mae ceir yn mynd yn llawer rhy gyflym yma adeg yr ysgol.",
            ),
            (
                "Without a car it is hard to get to work on time.",
                "Heb gar mae'n anodd cyrraedd y gwaith mewn pryd.",
            ),
            (
                "More people would cycle if it felt safe.",
                "Byddai mwy o bobl yn beicio pe bai'n teimlo'n ddiogel.",
            ),
        ],
        objective: (
            "Safe and easy ways to get around",
            "Ffyrdd diogel a hawdd o deithio",
        ),
        indicator: (
            (
                "Children walking or cycling to school",
                "Plant sy'n cerdded neu'n beicio i'r ysgol",
            ),
            "%",
            31.0,
            50.0,
        ),
    },
    Theme {
        slug: "health-wellbeing",
        titles: &[
            ("An outdoor gym", "Campfa awyr agored"),
            (
                "A walking group for older people",
                "Grŵp cerdded i bobl hŷn",
            ),
            (
                "A mental health drop-in",
                "Sesiwn galw heibio iechyd meddwl",
            ),
            (
                "More benches to rest on",
                "Mwy o feinciau i orffwys arnyn nhw",
            ),
            ("A public defibrillator", "Diffibriliwr cyhoeddus"),
            ("Swimming lessons for all", "Gwersi nofio i bawb"),
            ("A community garden", "Gardd gymunedol"),
            ("Dementia-friendly cafés", "Caffis sy'n deall dementia"),
            (
                "Free sports sessions in the holidays",
                "Sesiynau chwaraeon am ddim yn y gwyliau",
            ),
            ("Better play equipment", "Offer chwarae gwell"),
        ],
        sentences: &[
            (
                "There is nowhere to sit for people who cannot walk far.",
                "Does unman i eistedd i bobl sy'n methu cerdded yn bell.",
            ),
            (
                "Loneliness is a real problem for older people here.",
                "Mae unigrwydd yn broblem go iawn i bobl hŷn yma.",
            ),
            (
                "Young people need more to do that keeps them active.",
                "Mae angen mwy i'w wneud ar bobl ifanc sy'n eu cadw'n heini.",
            ),
        ],
        objective: (
            "Healthy, active people of every age",
            "Pobl iach a heini o bob oed",
        ),
        indicator: (
            (
                "Weekly visits to the leisure centre",
                "Ymweliadau wythnosol â'r ganolfan hamdden",
            ),
            "visits",
            1200.0,
            1800.0,
        ),
    },
    Theme {
        slug: "community-safety",
        titles: &[
            ("Better street lighting", "Goleuadau stryd gwell"),
            ("Speed checks", "Gwiriadau cyflymder"),
            ("CCTV", "Teledu cylch cyfyng"),
            (
                "A safe space for young people in the evening",
                "Lle diogel i bobl ifanc gyda'r nos",
            ),
            ("Safer routes to school", "Llwybrau mwy diogel i'r ysgol"),
            ("A neighbourhood watch", "Cynllun gwarchod cymdogaeth"),
            (
                "Clear the overgrown footpath",
                "Clirio'r llwybr troed sydd wedi tyfu'n wyllt",
            ),
            (
                "Grit the steep streets in winter",
                "Graeanu'r strydoedd serth yn y gaeaf",
            ),
            ("Flood warnings", "Rhybuddion llifogydd"),
            ("Stop dog fouling", "Atal baw cŵn"),
        ],
        sentences: &[
            (
                "The lane is very dark after four o'clock in winter.",
                "Mae'r lôn yn dywyll iawn ar ôl pedwar o'r gloch yn y gaeaf.",
            ),
            (
                "Parents worry about children walking home.",
                "Mae rhieni'n poeni am blant yn cerdded adref.",
            ),
            (
                "There have been several near misses this year.",
                "Bu sawl damwain fu bron â digwydd eleni.",
            ),
        ],
        objective: (
            "Streets where everyone feels safe",
            "Strydoedd lle mae pawb yn teimlo'n ddiogel",
        ),
        indicator: (
            (
                "Residents who feel safe after dark",
                "Trigolion sy'n teimlo'n ddiogel ar ôl iddi nosi",
            ),
            "%",
            62.0,
            80.0,
        ),
    },
    Theme {
        slug: "economy-tourism",
        titles: &[
            ("A monthly makers' market", "Marchnad grefftwyr fisol"),
            ("Fill the empty shops", "Llenwi'r siopau gwag"),
            ("Free Wi-Fi", "Wi-Fi am ddim"),
            (
                "Bilingual signs for visitors",
                "Arwyddion dwyieithog i ymwelwyr",
            ),
            ("A food festival", "Gŵyl fwyd"),
            (
                "Pop-up shops for young businesses",
                "Siopau dros dro i fusnesau ifanc",
            ),
            (
                "A shop local loyalty card",
                "Cerdyn teyrngarwch siopa'n lleol",
            ),
            (
                "Public toilets open all year",
                "Toiledau cyhoeddus ar agor drwy'r flwyddyn",
            ),
            ("A visitor trail", "Llwybr i ymwelwyr"),
            ("Christmas lights", "Goleuadau Nadolig"),
        ],
        sentences: &[
            (
                "Too many shops on the high street are empty.",
                "Mae gormod o siopau ar y stryd fawr yn wag.",
            ),
            (
                "Visitors do not know what the town has to offer.",
                "Dydy ymwelwyr ddim yn gwybod beth sydd gan y dref i'w gynnig.",
            ),
            (
                "Local makers have nowhere to sell their work.",
                "Does gan wneuthurwyr lleol unman i werthu eu gwaith.",
            ),
        ],
        objective: ("A lively high street", "Stryd fawr fywiog"),
        indicator: (("Empty shop units", "Unedau siop gwag"), "units", 14.0, 5.0),
    },
    Theme {
        slug: "culture-heritage",
        titles: &[
            ("Welsh classes for parents", "Gwersi Cymraeg i rieni"),
            (
                "Blue plaques for local history",
                "Placiau glas i hanes lleol",
            ),
            (
                "Keep the library open on Saturdays",
                "Cadw'r llyfrgell ar agor ar ddydd Sadwrn",
            ),
            ("An eisteddfod for the town", "Eisteddfod i'r dref"),
            ("A mural by local artists", "Murlun gan artistiaid lleol"),
            ("Restore the old chapel", "Adfer yr hen gapel"),
            ("Oral history recordings", "Recordiadau hanes llafar"),
            ("Live music evenings", "Nosweithiau cerddoriaeth fyw"),
            ("A book festival", "Gŵyl lyfrau"),
            (
                "Signs with Welsh first",
                "Arwyddion gyda'r Gymraeg yn gyntaf",
            ),
        ],
        sentences: &[
            (
                "Our history deserves to be better known.",
                "Mae ein hanes yn haeddu bod yn fwy adnabyddus.",
            ),
            (
                "Many parents want to learn Welsh alongside their children.",
                "Mae llawer o rieni eisiau dysgu Cymraeg ochr yn ochr â'u plant.",
            ),
            (
                "The town has a proud tradition of music.",
                "Mae gan y dref draddodiad balch o gerddoriaeth.",
            ),
        ],
        objective: (
            "Our language and heritage, alive",
            "Ein hiaith a'n treftadaeth yn fyw",
        ),
        indicator: (
            ("Adults learning Welsh", "Oedolion yn dysgu Cymraeg"),
            "people",
            85.0,
            200.0,
        ),
    },
];

/// Sentences any proposal may end with.
pub const CLOSING_SENTENCES: [Pair; 8] = [
    (
        "This would make a real difference to families in the area.",
        "Byddai hyn yn gwneud gwahaniaeth mawr i deuluoedd yn yr ardal.",
    ),
    (
        "Many of us have talked about this for years.",
        "Mae llawer ohonon ni wedi sôn am hyn ers blynyddoedd.",
    ),
    (
        "It need not cost much: local groups have offered to help.",
        "Does dim rhaid iddo gostio llawer: mae grwpiau lleol wedi cynnig helpu.",
    ),
    (
        "Other towns in Wales have done this with success.",
        "Mae trefi eraill yng Nghymru wedi gwneud hyn yn llwyddiannus.",
    ),
    (
        "Please support this if you agree.",
        "Cefnogwch hyn os ydych chi'n cytuno, os gwelwch yn dda.",
    ),
    (
        "We could try it for a year and see how it goes.",
        "Gallen ni roi cynnig arni am flwyddyn a gweld sut mae'n mynd.",
    ),
    (
        "Older residents and young people would both benefit.",
        "Byddai pobl hŷn a phobl ifanc ar eu hennill.",
    ),
    (
        "I am happy to help organise it.",
        "Rwy'n hapus i helpu i'w drefnu.",
    ),
];

pub const COMMENTS: [Pair; 12] = [
    ("I agree completely.", "Cytuno'n llwyr."),
    (
        "Great idea, I have supported it.",
        "Syniad gwych, rwy wedi'i gefnogi.",
    ),
    (
        "What would this cost, and who would pay for it?",
        "Faint fyddai hyn yn ei gostio, a phwy fyddai'n talu?",
    ),
    (
        "My children would use this every day.",
        "Byddai fy mhlant yn defnyddio hwn bob dydd.",
    ),
    (
        "Has anyone asked the people who live nearby?",
        "Oes rhywun wedi gofyn i'r bobl sy'n byw gerllaw?",
    ),
    (
        "We tried something similar years ago and it worked well.",
        "Fe wnaethon ni rywbeth tebyg flynyddoedd yn ôl ac fe weithiodd yn dda.",
    ),
    (
        "I am not sure this is the right place for it.",
        "Dydw i ddim yn siŵr mai dyma'r lle iawn iddo.",
    ),
    (
        "Could the school help with this?",
        "Allai'r ysgol helpu gyda hyn?",
    ),
    ("Thank you for raising this.", "Diolch am godi hyn."),
    ("This is long overdue.", "Mae hyn yn hen bryd."),
    (
        "I would be happy to volunteer.",
        "Byddwn i'n hapus i wirfoddoli.",
    ),
    (
        "Please keep us updated.",
        "Rhowch wybod i ni sut mae pethau'n mynd, os gwelwch yn dda.",
    ),
];

pub const REPLIES: [Pair; 5] = [
    ("Good point.", "Pwynt da."),
    (
        "I think the council has a fund for this.",
        "Rwy'n credu bod gan y cyngor gronfa ar gyfer hyn.",
    ),
    (
        "Agreed, let's keep pushing.",
        "Cytuno, gadewch i ni ddal ati.",
    ),
    (
        "I asked at the last meeting; no answer yet.",
        "Gofynnais i yn y cyfarfod diwethaf; dim ateb eto.",
    ),
    (
        "Not everyone can get there easily, though.",
        "Ond dydy pawb ddim yn gallu cyrraedd yno'n hawdd.",
    ),
];

/// What councillors and clerks say in the conversation (comments, not official responses).
pub const COUNCIL_COMMENTS: [Pair; 4] = [
    (
        "The council's officers are looking into the costs now.",
        "Mae swyddogion y cyngor yn edrych ar y costau nawr.",
    ),
    (
        "Thank you, this is helpful for the committee.",
        "Diolch, mae hyn o help i'r pwyllgor.",
    ),
    (
        "We will report back after the next full council meeting.",
        "Byddwn ni'n adrodd yn ôl ar ôl cyfarfod nesaf y cyngor llawn.",
    ),
    (
        "I will raise this with the county council as well.",
        "Bydda i'n codi hyn gyda'r cyngor sir hefyd.",
    ),
];

/// Residents answering the council back, on a council response.
pub const ANSWERS_TO_COUNCIL: [Pair; 4] = [
    (
        "Thank you for the answer. When will we hear more?",
        "Diolch am yr ateb. Pryd fyddwn ni'n clywed mwy?",
    ),
    (
        "Disappointed, but I understand the reasons.",
        "Siomedig, ond rwy'n deall y rhesymau.",
    ),
    ("Brilliant news, thank you!", "Newyddion gwych, diolch!"),
    (
        "Could the council share the figures behind this?",
        "Allai'r cyngor rannu'r ffigurau y tu ôl i hyn?",
    ),
];

pub const ACKNOWLEDGEMENTS: [Pair; 2] = [
    (
        "Thank you. The council has received this proposal and will discuss it at the next committee meeting.",
        "Diolch. Mae'r cyngor wedi derbyn y cynnig hwn a bydd yn ei drafod yng nghyfarfod nesaf y pwyllgor.",
    ),
    (
        "Thank you for bringing this to the council. Officers will look at what it would involve.",
        "Diolch am ddod â hyn at y cyngor. Bydd swyddogion yn edrych ar beth fyddai'n ei olygu.",
    ),
];

pub const QUESTIONS: [Pair; 2] = [
    (
        "Could the proposer tell us which times of day matter most?",
        "Allai'r cynigydd ddweud wrthon ni pa adegau o'r dydd sydd bwysicaf?",
    ),
    (
        "Would local groups be willing to help look after this?",
        "Fyddai grwpiau lleol yn fodlon helpu i ofalu am hyn?",
    ),
];

pub const UPDATES: [Pair; 3] = [
    (
        "Officers have met the county council's highways team about this.",
        "Mae swyddogion wedi cyfarfod â thîm priffyrdd y cyngor sir am hyn.",
    ),
    (
        "We have asked for three quotes and expect them next month.",
        "Rydyn ni wedi gofyn am dri dyfynbris ac yn eu disgwyl y mis nesaf.",
    ),
    (
        "Work is planned to start in the spring.",
        "Mae disgwyl i'r gwaith ddechrau yn y gwanwyn.",
    ),
];

pub const ACCEPTED: Pair = (
    "The council agreed this proposal at its meeting and has set money aside in this year's budget.",
    "Cytunodd y cyngor i'r cynnig hwn yn ei gyfarfod ac mae wedi neilltuo arian yng nghyllideb eleni.",
);

pub const REJECTED: Pair = (
    "The council has decided not to go ahead: the land is not ours and its owner has said no. We will keep looking for another way.",
    "Mae'r cyngor wedi penderfynu peidio â bwrw ymlaen: nid ni sydd biau'r tir ac mae'r perchennog wedi gwrthod. Byddwn ni'n dal i chwilio am ffordd arall.",
);

pub const DEFERRED: Pair = (
    "The council will decide once next year's budget is set in the spring.",
    "Bydd y cyngor yn penderfynu unwaith y bydd cyllideb y flwyddyn nesaf wedi'i phennu yn y gwanwyn.",
);

pub const IMPLEMENTED_NOTE: &str =
    "Done: the work is finished. / Wedi'i wneud: mae'r gwaith wedi'i orffen.";

pub const DISCUSSIONS: [Pair; 6] = [
    ("Ideas for the summer", "Syniadau ar gyfer yr haf"),
    (
        "What do you love about our town?",
        "Beth ydych chi'n ei garu am ein tref?",
    ),
    (
        "Questions for the next council meeting",
        "Cwestiynau ar gyfer cyfarfod nesaf y cyngor",
    ),
    ("Volunteers wanted", "Angen gwirfoddolwyr"),
    (
        "How can we get more people involved?",
        "Sut gallwn ni gael mwy o bobl i gymryd rhan?",
    ),
    ("Share your photos", "Rhannwch eich lluniau"),
];

pub const HIDE_REASONS: [&str; 2] = ["Personal details about a neighbour.", "Abusive language."];

/// A theme for a forum: its own, its shadow's, or the first for forums a clerk made.
pub fn theme_for(slug: &str) -> &'static Theme {
    let themed = slug.strip_prefix("youth-").unwrap_or(slug);
    THEMES
        .iter()
        .find(|theme| theme.slug == themed)
        .unwrap_or(&THEMES[0])
}

/// The text of a pair in a language.
pub fn say(pair: Pair, welsh: bool) -> &'static str {
    if welsh { pair.1 } else { pair.0 }
}

/// Both languages, as a council writes its official answers.
pub fn bilingual(pair: Pair) -> String {
    format!("{}\n\n{}", pair.0, pair.1)
}
