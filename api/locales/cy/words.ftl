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

## Issue 13: amendments.
id-kind-amendment = gwelliant
