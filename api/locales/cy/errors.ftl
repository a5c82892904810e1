## Gwallau: `message` pob gwall GraphQL, a chorff ceisiadau HTTP a wrthodwyd.
## Newidynnau: $field yw enw'r maes mewnbwn yn iaith y darllenydd.

## UNAUTHENTICATED

error-sign-in-required = Mewngofnodwch i wneud hyn.
error-token-invalid = Mae eich mewngofnodiad wedi dod i ben neu nid yw'n ddilys. Mewngofnodwch eto.
error-session-ended = Mae'r sesiwn hon wedi dod i ben. Mewngofnodwch eto.
error-wrong-credentials = Cyfeiriad e-bost neu gyfrinair anghywir.
error-wrong-current-password = Mae'r cyfrinair presennol yn anghywir.
error-wrong-password = Mae'r cyfrinair yn anghywir.
error-refresh-token-invalid = Nid yw'r tocyn adnewyddu hwn yn ddilys neu mae wedi dod i ben. Mewngofnodwch eto.
error-refresh-token-reused = Defnyddiwyd y tocyn adnewyddu hwn eisoes, felly mae pob sesiwn ar y cyfrif wedi dod i ben. Mewngofnodwch eto.

## FORBIDDEN

error-youth-pending = Mae eich aelodaeth ieuenctid yn aros i glerc ei chymeradwyo.
error-account-suspended = Mae eich cyfrif wedi'i atal.
error-only-clerks = Dim ond clercod sy'n cael gwneud hyn.
error-only-council = Dim ond cynghorwyr a chlercod sy'n cael gwneud hyn.
error-forum-archived = Mae'r fforwm hwn wedi'i archifo.
error-cannot-join-forum = Ni allwch ymuno â'r fforwm hwn.
error-role-cannot-write = Ni all eich rôl wneud hyn yn y fforwm hwn.
error-only-author = Dim ond yr awdur sy'n cael gwneud hyn.
error-only-response-author = Dim ond ei awdur sy'n cael golygu ymateb gan y cyngor.
error-hidden-proposal = Mae cymedrolwr wedi cuddio'r cynnig hwn.
error-hidden-comment = Mae cymedrolwr wedi cuddio'r sylw hwn.
error-hidden-response = Mae cymedrolwr wedi cuddio'r ymateb hwn.
error-own-proposal-support = Ni allwch gefnogi eich cynnig eich hun.
error-clerk-own-role = Ni all clercod newid eu rôl eu hunain.
error-clerk-suspend-self = Ni all clercod atal eu cyfrifon eu hunain.

## NOT_FOUND, RATE_LIMITED, INTERNAL_SERVER_ERROR

error-not-found = Heb ei ganfod.
error-rate-limited = Gormod o ymdrechion. Rhowch gynnig arall arni ymhen { $seconds ->
        [one] eiliad
        [two] dwy eiliad
       *[other] { $seconds } eiliad
    }.
error-internal = Gwall mewnol.
# After a number, a Welsh noun stays singular: "30 eiliad".
error-timed-out = Cymerodd y cais fwy na { $seconds } eiliad a chafodd ei atal. Rhowch gynnig arall arni yn nes ymlaen.

## CONFLICT

error-email-taken = Mae cyfrif â'r cyfeiriad e-bost hwn yn bodoli eisoes.
error-slug-taken = Mae fforwm â'r dynodwr hwn yn bodoli eisoes.
error-forum-already-archived = Mae'r fforwm hwn wedi'i archifo eisoes.
error-report-duplicate = Rydych chi wedi rhoi gwybod am hyn eisoes; bydd clerc yn edrych arno.
error-report-closed = Mae'r adroddiad hwn wedi'i gau eisoes.
error-response-not-allowed = Ni ellir rhoi ymateb o'r math “{ $kind }” i gynnig â'r statws “{ $status }”.
error-transition-not-allowed = Ni ellir symud cynnig â'r statws “{ $status }” yn y ffordd honno.
error-proposal-changed = Newidiodd y cynnig yn y cyfamser; llwythwch ef eto.
error-proposal-stale = Mae'r cynnig wedi newid ers fersiwn { $version }; llwythwch ef eto.
error-proposal-not-editable = Dim ond cynigion drafft a chynigion agored y gellir eu golygu.
error-support-not-taken = Dim ond cynigion sydd ar agor, wedi'u cyflwyno neu'n cael eu hystyried sy'n derbyn cefnogaeth.
error-support-frozen = Dim ond tra bo cynnig ar agor, wedi'i gyflwyno neu'n cael ei ystyried y gall cefnogaeth newid.
error-forward-not-youth = Dim ond cynigion mewn fforwm ieuenctid sy'n cael eu hanfon ymlaen.
error-forward-too-early = Dim ond cynigion sydd ar agor, neu wedi mynd ymhellach, y gellir eu hanfon ymlaen.
error-already-forwarded = Mae'r cynnig hwn wedi'i anfon ymlaen eisoes.
error-draft-no-comments = Ni ellir rhoi sylwadau ar ddrafft; cyhoeddwch ef yn gyntaf.
error-comment-deleted = Ni ellir golygu sylw sydd wedi'i ddileu.
error-youth-approval = Dim ond aelod ieuenctid sy'n aros am gymeradwyaeth y gellir ei gymeradwyo.
error-already-suspended = Mae'r cyfrif hwn wedi'i atal eisoes.
error-not-suspended = Nid yw'r cyfrif hwn wedi'i atal.
error-strategy-archived = Mae strategaeth sydd wedi'i harchifo yn cael ei chadw fel yr oedd.
error-strategy-move = Ni all strategaeth â'r statws “{ $from }” gael y statws “{ $to }”.
error-objective-race = Ychwanegwyd amcan arall ar yr un pryd; rhowch gynnig arall arni.
error-link-not-at-council = Dim ond cynigion a gyrhaeddodd y cyngor y gellir eu cysylltu.
error-link-duplicate = Mae'r cynnig hwn wedi'i gysylltu â'r amcan hwn eisoes.
error-subscription-standing-changed = Mae eich rôl neu statws eich cyfrif wedi newid; tanysgrifiwch eto.

## BAD_USER_INPUT

error-text-length = Rhaid i'r maes “{ $field }” fod rhwng { $min } a { $max } nod o hyd.
error-too-short = Rhaid i'r maes “{ $field }” fod yn { $min } nod o hyd o leiaf.
error-too-long = Ni chaiff y maes “{ $field }” fod yn hwy na { $max } nod.
error-control-characters = Ni chaiff y maes “{ $field }” gynnwys nodau rheoli.
error-hidden-characters = Ni chaiff y maes “{ $field }” gynnwys nodau anweledig na nodau sy'n newid cyfeiriad y testun.
error-email-invalid = Nid yw'r maes “{ $field }” yn gyfeiriad e-bost dilys.
error-slug-format = Rhaid i'r maes “{ $field }” fod rhwng { $min } a { $max } o'r nodau a-z, 0-9 a “-”.
error-slug-youth-room = Rhaid i'r maes “{ $field }” adael lle i “youth-” ei fforwm ieuenctid: { $max } nod ar y mwyaf.
error-number-range = Rhaid i'r maes “{ $field }” fod rhwng { $min } a { $max }.
error-not-a-number = Rhaid i'r maes “{ $field }” fod yn rhif.
error-youth-birth-date-needed = Rhaid i aelodau ieuenctid roi eu dyddiad geni.
error-date-in-future = Mae'r dyddiad yn y maes “{ $field }” yn y dyfodol.
error-youth-age = Rhaid i aelodau ieuenctid fod rhwng { $min } a { $max } oed.
error-no-such-forum = Nid oes fforwm o'r fath.
error-bad-cursor = Nid yw'r maes “{ $field }” yn gyrchwr o'r rhestr hon.
error-period-order = Ni chaiff y cyfnod orffen cyn iddo ddechrau.
error-date-out-of-range = Mae'r dyddiad hwnnw y tu hwnt i'r ystod.
error-wrong-id = Rhaid i'r maes “{ $field }” fod yn ID { $kind }.
error-wrong-comment-target = Rhaid i'r maes “{ $field }” fod yn ID cynnig, trafodaeth neu ymateb gan y cyngor.
error-wrong-report-target = Rhaid i'r maes “{ $field }” fod yn ID cynnig, trafodaeth, sylw neu ymateb gan y cyngor.
error-decision-needed = Mae angen penderfyniad ar ymateb o'r math “Penderfyniad”.
error-decision-unexpected = Dim ond ymateb o'r math “Penderfyniad” sy'n cymryd penderfyniad.
error-parent-elsewhere = Nid yw'r sylw rydych chi'n ei ateb ar yr eitem hon.
error-measurement-in-future = Ni ellir cofnodi mesuriad yn y dyfodol.

## Gwrthod cyn i GraphQL redeg (HTTP)

error-request-not-json = Nid yw'r corff yn gais GraphQL mewn JSON.
error-batch-size = Mae swp yn dal rhwng 1 a { $max } o weithrediadau.
error-query-string = Nid yw'r llinyn ymholiad yn gais GraphQL.
error-mutation-needs-post = Anfonir mwtaniadau gyda POST.
error-not-acceptable = Yn cael eu cefnogi: application/graphql-response+json, application/json.
error-unsupported-media = Anfonwch application/json.
error-websocket-protocol = Defnyddiwch yr is-brotocol graphql-transport-ws.
error-websocket-connections = Gormod o gysylltiadau byw o'r cyfeiriad hwn; caewch un yn gyntaf.
error-too-many-operations = Ni all mwy na { $max } tanysgrifiad redeg ar un cysylltiad; cwblhewch un yn gyntaf.
error-too-many-words = Ni chaiff y maes “{ $field }” gynnwys mwy na { $max } gair.
error-nul-character = Ni chaiff y maes “{ $field }” gynnwys nod NUL.
error-too-many-root-fields = Ni all cais ddewis mwy na { $max } maes ar wraidd ei weithrediadau (mae enwau amgen a gweithrediadau mewn swp yn cyfrif).
error-too-many-fields = Ni all cais ddewis mwy na { $max } maes i gyd (mae darnau'n cyfrif lle bynnag y'u defnyddir).
error-demo-scale = Rhaid i'r maes “{ $field }” fod yn fwy na 0 a dim mwy na { $max }.
error-demo-no-forum = Does dim fforwm thematig agored i'w lenwi â data enghreifftiol.

## Automatic persisted queries (the Apollo protocol)

# Not words but the protocol's token, the same in every language: Apollo clients look for it.
error-persisted-query-not-found = PersistedQueryNotFound
error-persisted-query-mismatch = Nid yw'r ymholiad yn cyfateb i hash ei ymholiad parhaus.
error-persisted-query-invalid = Mae angen fersiwn 1 a hash SHA-256 mewn hecsadegol ar ymholiad parhaus.
## Issue 13: debate and amendments.

error-alignment-elsewhere = Dim ond sylw uchaf ar gynnig all fod o blaid neu yn ei erbyn; ym mhobman arall mae'n niwtral.
error-vote-value = Mae pleidlais yn 1 (i fyny), -1 (i lawr) neu 0 (dim pleidlais).
error-own-comment-vote = Ni allwch bleidleisio ar eich sylw eich hun.
error-comment-not-votable = Nid yw sylw wedi'i ddileu neu ei guddio yn derbyn pleidleisiau.
