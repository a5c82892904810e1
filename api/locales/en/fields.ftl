## The names of input fields, as BAD_USER_INPUT messages name them (the field's `extensions.field`
## after the hyphen).

field-email = Email
field-password = Password
field-newPassword = New password
field-displayName = Display name
field-dateOfBirth = Date of birth
field-title = Title
field-body = Text
field-forumId = Forum
field-forumIds = Forums
field-slug = Slug
field-nameEn = English name
field-nameCy = Welsh name
field-descriptionEn = English description
field-descriptionCy = Welsh description
field-supportThreshold = Support threshold
field-note = Note
field-reason = Reason
field-details = Details
field-resolution = Resolution
field-targetId = Item
field-parentId = Comment replied to
field-proposalId = Proposal
field-decision = Decision
field-ids = Notifications
field-first = Page size
field-after = Cursor
field-to = End date
field-titleEn = English title
field-titleCy = Welsh title
field-summaryEn = English summary
field-summaryCy = Welsh summary
field-periodEnd = End of the period
field-unit = Unit
field-baseline = Baseline
field-target = Target
field-value = Value
field-recordedOn = Date recorded
field-query = Query
field-search = Search
field-id = ID
field-currentPassword = Current password
field-refreshToken = Refresh token
field-userId = Person
field-strategyId = Strategy
field-objectiveId = Objective
field-indicatorId = Indicator
field-linkId = Link
field-scale = Scale

## Issue 13: debate and amendments.
field-alignment = Alignment
