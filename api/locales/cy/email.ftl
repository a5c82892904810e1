## Negeseuon e-bost, a'r tudalennau y mae eu dolenni'n eu hagor.

email-greeting = Helo { $name },
email-verify-subject = Cadarnhewch eich cyfeiriad e-bost ar gyfer Fforwm
email-verify-body = Cadarnhewch mai dyma eich cyfeiriad e-bost drwy agor y ddolen hon o fewn 48 awr:
email-verify-ignore = Os na wnaethoch gofrestru ar Fforwm, anwybyddwch y neges hon: ni fydd dim mwy yn cael ei anfon.
email-open = Darllenwch ef ar Fforwm:
email-digest-subject = { $count ->
        [zero] Dim diweddariadau gan Fforwm
        [one] Un diweddariad gan Fforwm
        [two] Dau ddiweddariad gan Fforwm
        [few] { $count } diweddariad gan Fforwm
        [many] { $count } diweddariad gan Fforwm
       *[other] { $count } diweddariad gan Fforwm
    }
email-digest-intro = Beth sydd wedi digwydd ers eich crynodeb diwethaf:
email-digest-other = Eich cyfrif
email-footer = Rydych yn cael y negeseuon hyn oherwydd eich gosodiadau ar Fforwm. I atal pob e-bost gan Fforwm, agorwch:

unsubscribe-page-title = Atal e-bost gan Fforwm
unsubscribe-page-text = Pwyswch y botwm i atal pob e-bost gan Fforwm. Gallwch ei droi ymlaen eto yn eich gosodiadau.
unsubscribe-page-button = Atal pob e-bost
unsubscribe-done = Wedi'i wneud: ni fydd Fforwm yn anfon rhagor o e-bost atoch.
unsubscribe-bad-link = Nid yw'r ddolen hon yn ddilys mwyach. Mewngofnodwch i Fforwm i newid eich gosodiadau e-bost.

verify-page-title = Cadarnhewch eich cyfeiriad e-bost
verify-page-text = Pwyswch y botwm i gadarnhau eich cyfeiriad e-bost ar gyfer Fforwm.
verify-page-button = Cadarnhau
verify-done = Diolch: mae eich cyfeiriad e-bost wedi'i gadarnhau.
verify-bad-link = Nid yw'r ddolen hon yn ddilys mwyach (mae wedi'i defnyddio, neu mae dros 48 awr oed). Mewngofnodwch i Fforwm i ofyn am un newydd.
