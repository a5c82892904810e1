## Enwau'r meysydd mewnbwn, fel y mae negeseuon BAD_USER_INPUT yn eu henwi (`extensions.field`
## y maes ar ôl y cysylltnod).

field-email = E-bost
field-password = Cyfrinair
field-newPassword = Cyfrinair newydd
field-displayName = Enw arddangos
field-dateOfBirth = Dyddiad geni
field-title = Teitl
field-body = Testun
field-forumId = Fforwm
field-forumIds = Fforymau
field-slug = Dynodwr
field-nameEn = Enw Saesneg
field-nameCy = Enw Cymraeg
field-descriptionEn = Disgrifiad Saesneg
field-descriptionCy = Disgrifiad Cymraeg
field-supportThreshold = Trothwy cefnogaeth
field-note = Nodyn
field-reason = Rheswm
field-details = Manylion
field-resolution = Canlyniad
field-targetId = Eitem
field-parentId = Y sylw a atebir
field-proposalId = Cynnig
field-decision = Penderfyniad
field-ids = Hysbysiadau
field-first = Maint tudalen
field-after = Cyrchwr
field-to = Dyddiad gorffen
field-titleEn = Teitl Saesneg
field-titleCy = Teitl Cymraeg
field-summaryEn = Crynodeb Saesneg
field-summaryCy = Crynodeb Cymraeg
field-periodEnd = Diwedd y cyfnod
field-unit = Uned
field-baseline = Llinell sylfaen
field-target = Targed
field-value = Gwerth
field-recordedOn = Dyddiad cofnodi
field-query = Ymholiad
field-search = Chwilio
field-id = ID
field-currentPassword = Cyfrinair presennol
field-refreshToken = Tocyn adnewyddu
field-userId = Person
field-strategyId = Strategaeth
field-objectiveId = Amcan
field-indicatorId = Dangosydd
field-linkId = Cysylltiad
field-scale = Graddfa

## Issue 13: debate and amendments.
field-alignment = Safbwynt
