## Words shared by other messages: statuses, kinds, and the server's own names for things.

proposal-status-draft = Draft
proposal-status-open = Open
proposal-status-submitted = Submitted
proposal-status-under-review = Under review
proposal-status-accepted = Accepted
proposal-status-rejected = Rejected
proposal-status-deferred = Deferred
proposal-status-implemented = Implemented
proposal-status-withdrawn = Withdrawn

response-kind-acknowledgement = Acknowledgement
response-kind-question = Question
response-kind-update = Update
response-kind-decision = Decision

decision-accepted = Accepted
decision-rejected = Rejected
decision-deferred = Deferred

strategy-status-draft = Draft
strategy-status-consultation = Consultation
strategy-status-adopted = Adopted
strategy-status-archived = Archived

## What an ID must be (error-wrong-id's $kind).
id-kind-user = a person
id-kind-forum = a forum
id-kind-audit-entry = an audit entry
id-kind-proposal = a proposal
id-kind-discussion = a discussion
id-kind-comment = a comment
id-kind-council-response = a council response
id-kind-notification = a notification
id-kind-content-report = a report
id-kind-strategy = a strategy
id-kind-objective = an objective
id-kind-strategy-link = a link
id-kind-indicator = an indicator

## The name of an account after its owner deleted it.
user-deleted-name = Deleted account

## A new themed forum's youth shadow forum; $name and $description are the themed forum's.
forum-youth-name = Youth Forum: { $name }
forum-youth-description = The young people's forum for { $name }. { $description }

## A status change the system made: enough people supported the proposal.
history-threshold-reached = It reached its forum's support threshold and went to the council.

## The title of the GraphQL IDE page.
ide-title = Fforwm: GraphQL explorer

## The seven well-being goals of the Well-being of Future Generations (Wales) Act 2015: the
## Act's names, and a line on each.
wellbeing-prosperous = A prosperous Wales
wellbeing-prosperous-description = An innovative, productive, low-carbon society that uses resources efficiently and offers decent work.
wellbeing-resilient = A resilient Wales
wellbeing-resilient-description = A biodiverse natural environment with healthy, functioning ecosystems that can adapt to change.
wellbeing-healthier = A healthier Wales
wellbeing-healthier-description = A society in which people's physical and mental well-being is as good as it can be.
wellbeing-more-equal = A more equal Wales
wellbeing-more-equal-description = A society that lets people fulfil their potential whatever their background or circumstances.
wellbeing-cohesive-communities = A Wales of cohesive communities
wellbeing-cohesive-communities-description = Attractive, viable, safe and well-connected communities.
wellbeing-vibrant-culture = A Wales of vibrant culture and thriving Welsh language
wellbeing-vibrant-culture-description = A society that promotes and protects culture, heritage and the Welsh language, and encourages people to take part in the arts, sport and recreation.
wellbeing-globally-responsible = A globally responsible Wales
wellbeing-globally-responsible-description = A nation that, in improving its own well-being, considers whether it may contribute to global well-being.
