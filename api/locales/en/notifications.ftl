## Notification messages. $title is what the notification is about, as it was then.

notification-council-responded = The council has responded to “{ $title }”.
notification-status-changed = “{ $title }” is now { $status ->
        [DRAFT] a draft
        [OPEN] open for support
        [SUBMITTED] with the council
        [UNDER_REVIEW] under review by the council
        [ACCEPTED] accepted
        [REJECTED] not accepted
        [DEFERRED] deferred
        [IMPLEMENTED] done
       *[WITHDRAWN] withdrawn
    }.
notification-reply-received = Someone replied to you on “{ $title }”.
notification-new-proposal = A new proposal in your forum: “{ $title }”.
notification-account-approved = Your youth membership has been approved. Welcome to the youth forums!
notification-content-hidden = A moderator has hidden something you wrote: { $reason }

## Issue 13: moderation escalation.

notification-content-auto-hidden = Something you wrote was hidden because several people reported it; a clerk will look at it.
notification-safeguarding-report = A safeguarding concern about a young person was reported on “{ $title }”.

## Issue 13: amendments. $status is ACCEPTED or REJECTED.

notification-amendment-proposed = Someone proposed an amendment to your proposal “{ $title }”.
notification-amendment-decided = Your amendment to “{ $title }” was { $status ->
        [ACCEPTED] accepted: you are now a co-author
       *[REJECTED] not accepted
    }.
## Meetings; $title is the meeting's, in the reader's language.
notification-meeting-scheduled = A meeting of your forum has been scheduled: “{ $title }”.
notification-meeting-changed = A meeting you are going to has changed: “{ $title }”.
notification-minutes-published = The minutes of “{ $title }” have been published.
