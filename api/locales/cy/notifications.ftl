## Negeseuon hysbysiadau. $title yw testun yr hysbysiad, fel yr oedd bryd hynny.

notification-council-responded = Mae'r cyngor wedi ymateb i “{ $title }”.
notification-status-changed = Mae “{ $title }” bellach { $status ->
        [DRAFT] yn ddrafft
        [OPEN] ar agor am gefnogaeth
        [SUBMITTED] gyda'r cyngor
        [UNDER_REVIEW] yn cael ei ystyried gan y cyngor
        [ACCEPTED] wedi'i dderbyn
        [REJECTED] heb ei dderbyn
        [DEFERRED] wedi'i ohirio
        [IMPLEMENTED] wedi'i wneud
       *[WITHDRAWN] wedi'i dynnu'n ôl
    }.
notification-reply-received = Mae rhywun wedi eich ateb ar “{ $title }”.
notification-new-proposal = Cynnig newydd yn eich fforwm: “{ $title }”.
notification-account-approved = Mae eich aelodaeth ieuenctid wedi'i chymeradwyo. Croeso i'r fforymau ieuenctid!
notification-content-hidden = Mae cymedrolwr wedi cuddio rhywbeth a ysgrifennoch: { $reason }

## Issue 13: moderation escalation.

notification-content-auto-hidden = Cafodd rhywbeth a ysgrifennoch ei guddio oherwydd i sawl person roi gwybod amdano; bydd clerc yn edrych arno.
notification-safeguarding-report = Rhoddwyd gwybod am bryder diogelu ynghylch person ifanc ar “{ $title }”.

## Issue 13: amendments. $status is ACCEPTED or REJECTED.

notification-amendment-proposed = Mae rhywun wedi cynnig gwelliant i'ch cynnig “{ $title }”.
notification-amendment-decided = { $status ->
        [ACCEPTED] Derbyniwyd eich gwelliant i “{ $title }”: rydych chi bellach yn gyd-awdur
       *[REJECTED] Ni dderbyniwyd eich gwelliant i “{ $title }”
    }.
## Meetings; $title is the meeting's, in the reader's language.
notification-meeting-scheduled = Mae cyfarfod o'ch fforwm wedi'i drefnu: “{ $title }”.
notification-meeting-changed = Mae cyfarfod rydych chi'n mynd iddo wedi newid: “{ $title }”.
notification-minutes-published = Mae cofnodion “{ $title }” wedi'u cyhoeddi.
