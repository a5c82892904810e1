## Emails, and the pages their links open.

email-greeting = Hello { $name },
email-verify-subject = Confirm your email address for Fforwm
email-verify-body = Please confirm that this is your email address by opening this link within 48 hours:
email-verify-ignore = If you did not register on Fforwm, ignore this email: nothing more will be sent.
email-open = Read it on Fforwm:
email-digest-subject = { $count ->
        [one] One update from Fforwm
       *[other] { $count } updates from Fforwm
    }
email-digest-intro = What happened since your last digest:
email-digest-other = Your account
email-footer = You get these emails because of your settings on Fforwm. To stop all email from Fforwm, open:

unsubscribe-page-title = Stop email from Fforwm
unsubscribe-page-text = Press the button to stop all email from Fforwm. You can turn it back on in your settings.
unsubscribe-page-button = Stop all email
unsubscribe-done = Done: Fforwm will send you no more email.
unsubscribe-bad-link = This link is not valid any more. Sign in to Fforwm to change your email settings.

verify-page-title = Confirm your email address
verify-page-text = Press the button to confirm your email address for Fforwm.
verify-page-button = Confirm
verify-done = Thank you: your email address is confirmed.
verify-bad-link = This link is not valid any more (it has been used, or is over 48 hours old). Sign in to Fforwm to ask for a new one.
