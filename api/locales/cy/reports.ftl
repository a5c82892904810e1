## Adroddiadau strategaeth (Markdown a CSV; mae allweddi JSON yn aros fel y maent, i beiriannau).

report-period = Cyfnod
report-status = Statws
report-forums = Fforymau
report-none-yet = Dim eto.
report-yes = ie
report-no = nage
report-contributions = Cynigion a gyfrannodd
report-contribution-count = { $count ->
        [zero] Nid oes yr un cynnig wedi bwydo'r amcan hwn eto.
        [one] Bwydodd un cynnig yr amcan hwn.
        [two] Bwydodd dau gynnig yr amcan hwn.
        [few] Bwydodd tri chynnig yr amcan hwn.
        [many] Bwydodd chwe chynnig yr amcan hwn.
       *[other] Bwydodd { $count } cynnig yr amcan hwn.
    }
report-column-proposal = Cynnig
report-column-forum = Fforwm
report-column-status = Statws
report-column-decision = Penderfyniad
report-column-youth = O fforwm ieuenctid
report-indicators = Dangosyddion
report-column-indicator = Dangosydd
report-column-unit = Uned
report-column-baseline = Llinell sylfaen
report-column-target = Targed
report-column-latest = Diweddaraf
report-column-measurements = Mesuriadau
report-measurement-count = { $count ->
        [zero] dim mesuriadau
        [one] un mesuriad
        [two] dau fesuriad
        [few] tri mesuriad
        [many] chwe mesuriad
       *[other] { $count } mesuriad
    }

## Penawdau colofnau CSV, yn eu trefn.
report-csv-position = Rhif yr amcan
report-csv-objective = Amcan
report-csv-proposal-id = ID y cynnig
report-csv-proposal = Cynnig
report-csv-forum = Fforwm
report-csv-status = Statws
report-csv-decision = Penderfyniad
report-csv-youth = O fforwm ieuenctid
report-csv-note = Nodyn
report-csv-linked-at = Dyddiad cysylltu

## The well-being goals in strategy reports: each objective's goals, then a section per goal.
report-wellbeing-goals = Nodau llesiant
report-goal-objectives = Amcanion sy'n gwasanaethu'r nod hwn
report-goal-proposals = Cynigion cyfrannol a dagiwyd â'r nod hwn
report-goal-objective = amcan
report-csv-objective-goals = Nodau llesiant yr amcan
report-csv-proposal-goals = Nodau llesiant y cynnig
