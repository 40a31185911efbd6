"""What the ledger tells the apps above it, which it may not import."""

from django.dispatch import Signal

# Sent inside the transaction that takes a resident out of the ledger (keywords: resident, at), so a
# receiver's writes commit or roll back with it. A receiver returns a dict of what it did, for the audit.
resident_left = Signal()
