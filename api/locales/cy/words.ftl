## Geiriau a rennir gan negeseuon eraill: statws, mathau, ac enwau'r gweinydd ei hun ar bethau.

proposal-status-draft = Drafft
proposal-status-open = Ar agor
proposal-status-submitted = Wedi'i gyflwyno
proposal-status-under-review = Yn cael ei ystyried
proposal-status-accepted = Wedi'i dderbyn
proposal-status-rejected = Heb ei dderbyn
proposal-status-deferred = Wedi'i ohirio
proposal-status-implemented = Wedi'i wneud
proposal-status-withdrawn = Wedi'i dynnu'n ôl

response-kind-acknowledgement = Cydnabyddiaeth
response-kind-question = Cwestiwn
response-kind-update = Diweddariad
response-kind-decision = Penderfyniad

decision-accepted = Derbyniwyd
decision-rejected = Gwrthodwyd
decision-deferred = Gohiriwyd

strategy-status-draft = Drafft
strategy-status-consultation = Ymgynghoriad
strategy-status-adopted = Wedi'i mabwysiadu
strategy-status-archived = Wedi'i harchifo

## Beth ddylai ID fod ($kind error-wrong-id).
id-kind-user = person
id-kind-forum = fforwm
id-kind-audit-entry = cofnod archwilio
id-kind-proposal = cynnig
id-kind-discussion = trafodaeth
id-kind-comment = sylw
id-kind-council-response = ymateb gan y cyngor
id-kind-notification = hysbysiad
id-kind-content-report = adroddiad
id-kind-strategy = strategaeth
id-kind-objective = amcan
id-kind-strategy-link = cyswllt
id-kind-indicator = dangosydd

## Enw cyfrif ar ôl i'w berchennog ei ddileu.
user-deleted-name = Cyfrif wedi'i ddileu

## Fforwm ieuenctid newydd fforwm thematig; $name a $description yw rhai'r fforwm thematig.
forum-youth-name = Fforwm Ieuenctid: { $name }
forum-youth-description = Fforwm pobl ifanc ar gyfer { $name }. { $description }

## Newid statws a wnaeth y system: cefnogodd digon o bobl y cynnig.
history-threshold-reached = Cyrhaeddodd drothwy cefnogaeth ei fforwm ac aeth at y cyngor.

## Teitl tudalen yr amgylchedd GraphQL.
ide-title = Fforwm: archwiliwr GraphQL

## The seven well-being goals of the Well-being of Future Generations (Wales) Act 2015: the
## Act's names, and a line on each.
wellbeing-prosperous = Cymru lewyrchus
wellbeing-prosperous-description = Cymdeithas arloesol, gynhyrchiol a charbon isel sy'n defnyddio adnoddau'n effeithlon ac yn cynnig gwaith gweddus.
wellbeing-resilient = Cymru gydnerth
wellbeing-resilient-description = Amgylchedd naturiol bioamrywiol ag ecosystemau iach sy'n gweithio ac sy'n gallu addasu i newid.
wellbeing-healthier = Cymru iachach
wellbeing-healthier-description = Cymdeithas lle mae llesiant corfforol a meddyliol pobl cystal ag y gall fod.
wellbeing-more-equal = Cymru sy'n fwy cyfartal
wellbeing-more-equal-description = Cymdeithas sy'n galluogi pobl i gyflawni eu potensial ni waeth beth fo'u cefndir na'u hamgylchiadau.
wellbeing-cohesive-communities = Cymru o gymunedau cydlynus
wellbeing-cohesive-communities-description = Cymunedau deniadol, hyfyw a diogel sydd â chysylltiadau da.
wellbeing-vibrant-culture = Cymru â diwylliant bywiog lle mae'r Gymraeg yn ffynnu
wellbeing-vibrant-culture-description = Cymdeithas sy'n hybu ac yn diogelu diwylliant, treftadaeth a'r Gymraeg, ac sy'n annog pobl i gymryd rhan yn y celfyddydau, chwaraeon a gweithgareddau hamdden.
wellbeing-globally-responsible = Cymru sy'n gyfrifol ar lefel fyd-eang
wellbeing-globally-responsible-description = Cenedl sydd, wrth wella ei llesiant ei hun, yn ystyried a allai gyfrannu at lesiant byd-eang.
