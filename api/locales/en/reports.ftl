## Strategy reports (Markdown and CSV; JSON keys stay as they are, for machines).

report-period = Period
report-status = Status
report-forums = Forums
report-none-yet = None yet.
report-yes = yes
report-no = no
report-contributions = Contributing proposals
report-contribution-count = { $count ->
        [0] No proposal has fed this objective yet.
        [one] { $count } proposal fed this objective.
       *[other] { $count } proposals fed this objective.
    }
report-column-proposal = Proposal
report-column-forum = Forum
report-column-status = Status
report-column-decision = Decision
report-column-youth = From a youth forum
report-indicators = Indicators
report-column-indicator = Indicator
report-column-unit = Unit
report-column-baseline = Baseline
report-column-target = Target
report-column-latest = Latest
report-column-measurements = Measurements
report-measurement-count = { $count ->
        [0] no measurements
        [one] { $count } measurement
       *[other] { $count } measurements
    }

## CSV column headings, in order.
report-csv-position = Objective number
report-csv-objective = Objective
report-csv-proposal-id = Proposal ID
report-csv-proposal = Proposal
report-csv-forum = Forum
report-csv-status = Status
report-csv-decision = Decision
report-csv-youth = From a youth forum
report-csv-note = Note
report-csv-linked-at = Linked at

## The well-being goals in strategy reports: each objective's goals, then a section per goal.
report-wellbeing-goals = Well-being goals
report-goal-objectives = Objectives serving this goal
report-goal-proposals = Contributing proposals tagged with this goal
report-goal-objective = objective
report-csv-objective-goals = Objective's well-being goals
report-csv-proposal-goals = Proposal's well-being goals
