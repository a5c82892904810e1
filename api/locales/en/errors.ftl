## Errors: the `message` of every GraphQL error, and the body of refused HTTP requests.
## Variables: $field is the input field's name in the reader's language.

## UNAUTHENTICATED

error-sign-in-required = Sign in to do this.
error-token-invalid = Your sign-in has expired or is not valid. Sign in again.
error-session-ended = This session has ended. Sign in again.
error-wrong-credentials = Wrong email or password.
error-wrong-current-password = The current password is wrong.
error-wrong-password = The password is wrong.
error-refresh-token-invalid = This refresh token is not valid or has expired. Sign in again.
error-refresh-token-reused = This refresh token was already used, so every session of the account has ended. Sign in again.

## FORBIDDEN

error-youth-pending = Your youth membership is waiting for a clerk's approval.
error-account-suspended = Your account is suspended.
error-only-clerks = Only clerks may do this.
error-only-council = Only councillors and clerks may do this.
error-forum-archived = This forum is archived.
error-cannot-join-forum = You cannot join this forum.
error-role-cannot-write = Your role cannot do this in this forum.
error-only-author = Only its author may do this.
error-only-response-author = Only its author may edit a council response.
error-hidden-proposal = A moderator has hidden this proposal.
error-hidden-comment = A moderator has hidden this comment.
error-hidden-response = A moderator has hidden this response.
error-own-proposal-support = You cannot support your own proposal.
error-clerk-own-role = Clerks cannot change their own role.
error-clerk-suspend-self = Clerks cannot suspend themselves.

## NOT_FOUND, RATE_LIMITED, INTERNAL_SERVER_ERROR

error-not-found = Not found.
error-rate-limited = Too many attempts. Try again in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.
error-internal = Internal error.
error-timed-out = The request took longer than { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    } and was stopped. Try again later.

## CONFLICT

error-email-taken = An account with this email already exists.
error-slug-taken = A forum with this slug already exists.
error-forum-already-archived = This forum is already archived.
error-report-duplicate = You have already reported this; a clerk will look at it.
error-report-closed = This report is already closed.
error-response-not-allowed = A response of the kind “{ $kind }” cannot be given to a proposal whose status is “{ $status }”.
error-transition-not-allowed = A proposal whose status is “{ $status }” cannot be moved that way.
error-proposal-changed = The proposal changed meanwhile; reload it.
error-proposal-stale = The proposal has changed since version { $version }; reload it.
error-proposal-not-editable = Only draft and open proposals can be edited.
error-support-not-taken = Only open, submitted and under-review proposals take supports.
error-support-frozen = Supports can only change while a proposal is open, submitted or under review.
error-forward-not-youth = Only proposals in a youth forum are forwarded.
error-forward-too-early = Only open proposals, or later ones, can be forwarded.
error-already-forwarded = This proposal has already been forwarded.
error-draft-no-comments = A draft takes no comments; publish it first.
error-comment-deleted = A deleted comment cannot be edited.
error-youth-approval = Only a youth member who is waiting for approval can be approved.
error-already-suspended = This account is already suspended.
error-not-suspended = This account is not suspended.
error-strategy-archived = An archived strategy is kept as it was.
error-strategy-move = A strategy whose status is “{ $from }” cannot become “{ $to }”.
error-objective-race = Another objective was added at the same time; try again.
error-link-not-at-council = Only proposals that reached the council can be linked.
error-link-duplicate = This proposal is already linked to this objective.
error-subscription-standing-changed = Your role or account status has changed; subscribe again.

## BAD_USER_INPUT

error-text-length = { $field } must be { $min } to { $max } characters long.
error-too-short = { $field } must be at least { $min } characters long.
error-too-long = { $field } must be at most { $max } characters long.
error-control-characters = { $field } must not contain control characters.
error-hidden-characters = { $field } must not contain invisible or direction-changing characters.
error-email-invalid = { $field } is not a valid email address.
error-slug-format = { $field } must be { $min } to { $max } of the characters a-z, 0-9 and “-”.
error-slug-youth-room = { $field } must leave room for the “youth-” of its youth forum: at most { $max } characters.
error-number-range = { $field } must be { $min } to { $max }.
error-not-a-number = { $field } must be a number.
error-youth-birth-date-needed = Youth members must give their date of birth.
error-date-in-future = { $field } is in the future.
error-youth-age = Youth members must be { $min } to { $max } years old.
error-no-such-forum = There is no such forum.
error-bad-cursor = { $field } is not a cursor from this list.
error-period-order = The period must not end before it starts.
error-date-out-of-range = That date is out of range.
error-wrong-id = { $field } must be the ID of { $kind }.
error-wrong-comment-target = { $field } must be the ID of a proposal, a discussion or a council response.
error-wrong-report-target = { $field } must be the ID of a proposal, a discussion, a comment or a council response.
error-decision-needed = A response of the kind “Decision” needs a decision.
error-decision-unexpected = Only a response of the kind “Decision” takes a decision.
error-parent-elsewhere = The comment you are replying to is not on this item.
error-measurement-in-future = A measurement cannot be recorded in the future.

## Refusals before GraphQL runs (HTTP)

error-request-not-json = The body is not a GraphQL request in JSON.
error-batch-size = A batch holds 1 to { $max } operations.
error-query-string = The query string is not a GraphQL request.
error-mutation-needs-post = Mutations are sent with POST.
error-not-acceptable = Supported: application/graphql-response+json, application/json.
error-unsupported-media = Send application/json.
error-websocket-protocol = Use the graphql-transport-ws subprotocol.
error-websocket-connections = Too many live connections from this address; close one first.
error-too-many-operations = At most { $max } subscriptions run on one connection; complete one first.
error-too-many-words = { $field } may hold at most { $max } words.
error-nul-character = { $field } must not contain a NUL character.
error-too-many-root-fields = A request selects at most { $max } fields at the root of its operations (aliases and batched operations count).
error-too-many-fields = A request selects at most { $max } fields in all (fragments count wherever they are spread).
error-demo-scale = { $field } must be above 0 and at most { $max }.
error-demo-no-forum = There is no open themed forum to fill with demo data.

## Automatic persisted queries (the Apollo protocol)

# Not words but the protocol's token, the same in every language: Apollo clients look for it.
error-persisted-query-not-found = PersistedQueryNotFound
error-persisted-query-mismatch = The query does not match its persisted query hash.
error-persisted-query-invalid = A persisted query needs version 1 and a SHA-256 hash in hexadecimal.
## Issue 13: debate and amendments.

error-alignment-elsewhere = Only a top-level comment on a proposal can be for or against it; elsewhere it is neutral.
error-vote-value = A vote is 1 (up), -1 (down) or 0 (no vote).
error-own-comment-vote = You cannot vote on your own comment.
error-comment-not-votable = A deleted or hidden comment takes no votes.
